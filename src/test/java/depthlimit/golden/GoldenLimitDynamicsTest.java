package depthlimit.golden;

import depthlimit.data.Dataset;
import depthlimit.limit.ContinuousDepthFlow;
import depthlimit.model.Architecture;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The right-hand side of Appendix A.5's limiting training dynamics (∂_t𝒱(s), ∂_t𝒲(s), dA/dt, dB/dt, with the
 * corrected adjoint ∂_sP = −∂_1fᵀP) at the smooth weights of golden/neural_ode.json, against SciPy
 * (golden/limit_rhs.json): H forward and P backward by DOP853 at rtol 1e-13 with dense output, i.e. exact to
 * ~1e-12, with its own discretization. The engine's {@link ContinuousDepthFlow} uses RK4 in s with N intervals,
 * O(h⁴) with h = 1/N, so the test asserts the order itself against this independent reference: the error must fall
 * by ≥ 2^{3.5} ≈ 11.3 per halving of h (order ≥ 3.5, i.e. 4 up to the O(h⁵) term), and at N = 32 be below 1e-4
 * relative (measured: 14.6–19× per halving; 5e-8 (paper/tanh) and 2e-5 (authors-code/sin, no width scalings, so
 * larger pre-activations and derivatives in s) at N = 32). The loss (forward pass only) is O(h⁴) as well.
 * A missing sign or transpose in the adjoint, a factor λ or κ, or a frozen block that moves is an O(1) error
 * that does not shrink with N.
 */
class GoldenLimitDynamicsTest {
    @Test
    void limitRightHandSideMatchesScipyAtOrderFour() {
        Map<String, Object> ode = Golden.json("neural_ode.json"), g = Golden.json("limit_rhs.json");
        double[] x = Golden.array("ode_X.npy"), aMat = Golden.array("ode_A.npy"), bMat = Golden.array("ode_B.npy");
        double[] v0 = Golden.array("ode_V0.npy"), v1 = Golden.array("ode_V1.npy"), w0 = Golden.array("ode_W0.npy"),
                w1 = Golden.array("ode_W1.npy");
        Dataset data = new Dataset(Golden.integer(g, "n"), Golden.integer(g, "d"), Golden.integer(g, "dOut"), x,
                Golden.array("limit_Y.npy"));
        double[] ns = Golden.doubles(g.get("Ns"));
        for (Map<String, Object> c : Golden.cases(g)) {
            Architecture shape = Golden.architecture(g, c, 1, (Boolean) c.get("trainA"), (Boolean) c.get("trainB"));
            String where = c.get("convention") + "/" + c.get("activation");
            Map<String, Object> fs = Golden.map(c.get("f"));
            double[] err = new double[ns.length], lossErr = new double[ns.length];
            for (int j = 0; j < ns.length; j++) {
                int N = (int) ns[j];
                ContinuousDepthFlow flow = new ContinuousDepthFlow(shape, data, N);
                double[] y = flow.state(aMat, (s, v, w) -> GoldenNeuralOdeTest.weights(s, v0, v1, w0, w1, v, w), bMat);
                double[] f = new double[y.length];
                double loss = flow.rhs(y, f);
                double[] ref = Golden.array(fs.get(String.valueOf(N)));
                err[j] = Golden.relative(f, ref);
                lossErr[j] = Golden.relative(loss, Golden.number(c, "loss"));
                Architecture lay = flow.layout();
                if (!shape.trainA()) for (int i = lay.offA(); i < lay.offV(); i++) assertTrue(f[i] == 0, where + ": frozen A moves");
                if (!shape.trainB()) for (int i = lay.offB(); i < lay.size(); i++) assertTrue(f[i] == 0, where + ": frozen B moves");
            }
            System.out.printf("golden A.5 limit dynamics %s: rhs error %s, loss error %s (N = %s)%n", where,
                    java.util.Arrays.toString(err), java.util.Arrays.toString(lossErr), java.util.Arrays.toString(ns));
            for (int j = 0; j + 1 < ns.length; j++) {
                assertTrue(err[j] / err[j + 1] >= Math.pow(2, 3.5), where + ": rhs error " + err[j] + " → " + err[j + 1] + " per halving of h");
                assertTrue(lossErr[j] / lossErr[j + 1] >= Math.pow(2, 3.5) || lossErr[j + 1] < 1e-12,
                        where + ": loss error " + lossErr[j] + " → " + lossErr[j + 1]);
            }
            assertTrue(err[ns.length - 1] <= 1e-4, where + ": rhs error at N = " + ns[ns.length - 1] + ": " + err[ns.length - 1]);
        }
    }
}
