package depthlimit.symbolic;

import depthlimit.InputError;
import depthlimit.data.Dataset;
import depthlimit.io.Json;
import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.random.Rng;
import depthlimit.spec.ExperimentSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** User-defined activations: resolution, round trip, errors, and use by the engine. */
class SymbolicActivationTest {
    @BeforeAll
    static void install() {
        SymbolicActivations.install();
    }

    private static ExperimentSpec spec(String activation) throws Exception {
        String json = "{\"model\": {\"convention\": \"paper\", \"activation\": " + Json.write(activation)
                + ", \"depth\": 4, \"width\": 3, \"hidden\": 4, \"input\": 2, \"output\": 2},"
                + " \"data\": {\"generator\": \"gaussian\", \"n\": 5, \"seed\": 1}, \"init\": {\"scheme\": \"iid\", \"seed\": 2}}";
        return ExperimentSpec.parse(Json.parse(json), Path.of("."));
    }

    @Test
    void builtInsResolveWithoutSymja() throws Exception {
        long before = Symja.calls();
        for (Activation a : Activations.BUILT_IN) {
            assertSame(a, SymbolicActivations.resolve(a.name(), "model.activation"));
            assertSame(a, spec(a.name()).architecture().activation());
        }
        assertSame(Activations.TANH, SymbolicActivations.resolve("TANH", "model.activation"));
        assertEquals(before, Symja.calls(), "resolving a built-in must not call Symja");
    }

    @Test
    void expressionRoundTripsThroughTheSpec() throws Exception {
        String expr = "x*Exp[-x^2/2]";
        ExperimentSpec s = spec(expr);
        Activation a = s.architecture().activation();
        assertInstanceOf(SymbolicActivation.class, a);
        assertEquals(expr, a.name());
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) s.resolved().get("model");
        assertEquals(expr, model.get("activation"));
        ExperimentSpec again = ExperimentSpec.parse(Json.parse(Json.write(s.resolved())), Path.of("."));
        assertEquals(expr, again.architecture().activation().name());
    }

    /**
     * x e^{−x²/2} is the built-in gauss-x: Symja's σ, σ′ = D[σ, x], σ″ compiled must match the hand-written
     * derivatives to rounding (a few ulps of values of size ≤ 1; 1e-15 absolute).
     */
    @Test
    void derivativesMatchTheHandWrittenBuiltIn() {
        Activation user = SymbolicActivations.resolve("x*Exp[-x^2/2]", "model.activation");
        Activation builtIn = Activations.GAUSS_X;
        for (double x = -7; x <= 7; x += 0.173) {
            assertEquals(builtIn.value(x), user.value(x), 1e-15, "σ at " + x);
            assertEquals(builtIn.d1(x), user.d1(x), 1e-15, "σ′ at " + x);
            assertEquals(builtIn.d2(x), user.d2(x), 1e-15, "σ″ at " + x);
        }
        assertTrue(user.isC2());
        assertFalse(SymbolicActivations.resolve("Abs[x]", "model.activation").isC2());
    }

    /**
     * The engine with the user expression for GELU against the built-in GELU: σ, σ′ agree to a few ulps (different
     * erf routes), which the forward/backward pass of a small net (O(100) operations) amplifies to at most ~1e-14
     * relative; 1e-12 is a safe bound that any formula error (O(1)) violates.
     */
    @Test
    void engineRunsAUserActivationLikeTheBuiltIn() {
        Activation user = SymbolicActivations.resolve("x*(1 + Erf[x/Sqrt[2]])/2", "model.activation");
        int d = 3, q = 5, m = 4, L = 6, n = 7;
        Architecture au = new Architecture(d, q, m, d, L, user, Convention.PAPER, true, true);
        Architecture ab = new Architecture(d, q, m, d, L, Activations.GELU, Convention.PAPER, true, true);
        Rng rng = new Rng(3);
        double[] x = new double[n * d], y = new double[n * d], theta = new double[au.size()];
        rng.fillGaussian(x, 0, x.length, 1);
        rng.fillGaussian(y, 0, y.length, 1);
        rng.fillGaussian(theta, 0, theta.length, 1);
        Dataset data = new Dataset(n, d, d, x, y);
        double[] gu = new double[au.size()], gb = new double[ab.size()];
        double lu = new Backprop(au, data).lossAndGradient(theta, gu);
        double lb = new Backprop(ab, data).lossAndGradient(theta, gb);
        assertEquals(lb, lu, 1e-12 * lb);
        double scale = 0, diff = 0;
        for (int i = 0; i < gu.length; i++) {
            scale = Math.max(scale, Math.abs(gb[i]));
            diff = Math.max(diff, Math.abs(gu[i] - gb[i]));
        }
        assertTrue(diff <= 1e-12 * scale, "gradient differs by " + diff + " (scale " + scale + ")");
    }

    @Test
    void badExpressionsAreOneLineInputErrors() {
        String[][] cases = {
                {"x*", "cannot parse"}, {"foo[x]", "unknown function"}, {"a*x + b", "other than x"},
                {"Log[x]", "not finite"}, {"BesselJ[0, x]", "BesselJ"}, {"x + I", "complex"}, {"  ", "empty"},
                {"Sqrt[x]", "not finite"}};
        for (String[] c : cases) {
            InputError e = assertThrows(InputError.class, () -> spec(c[0]), c[0]);
            assertEquals("model.activation", e.field(), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " → " + e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }
}
