package depthlimit.model;

import depthlimit.data.Dataset;
import depthlimit.random.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientCheckTest {
    static Stream<Arguments> configurations() {
        List<Arguments> out = new ArrayList<>();
        for (Activation a : Activations.BUILT_IN)
            for (Convention c : Convention.values())
                for (boolean train : new boolean[]{true, false}) out.add(Arguments.of(a.name(), c, train));
        return out.stream();
    }

    /** A random point (not the initialization, where many partials vanish) of a small odd-sized network. */
    static double[] randomPoint(Architecture arch, long seed) {
        double[] theta = new double[arch.size()];
        Rng.stream(seed, "test.theta").fillGaussian(theta, 0, theta.length, 1.0);
        return theta;
    }

    static Dataset randomData(int n, int d, int dOut, long seed) {
        double[] x = new double[n * d], y = new double[n * dOut];
        Rng.stream(seed, "test.x").fillGaussian(x, 0, x.length, 1.0);
        Rng.stream(seed, "test.y").fillGaussian(y, 0, y.length, 1.0);
        return new Dataset(n, d, dOut, x, y);
    }

    /**
     * Every entry of ∂ℓ/∂θ at a random point, for every activation, both conventions, A/B trained or frozen
     * (the gradient of a frozen block is still reported and must be right). Tolerance 10⁻⁷ relative: Richardson
     * extrapolated central differences at the best step of the sweep agree with an exact gradient to about 10⁻¹⁰
     * (truncation O(h⁴) against round-off ε·ℓ/h); an error in the backward formulas gives O(1) (see the erratum test).
     */
    @ParameterizedTest(name = "{0} {1} trainAB={2}")
    @MethodSource("configurations")
    void gradientMatchesFiniteDifferences(String act, Convention conv, boolean trainAB) {
        Architecture arch = new Architecture(3, 5, 4, 2, 3, Activations.builtIn(act).orElseThrow(), conv, trainAB, trainAB);
        Backprop bp = new Backprop(arch, randomData(4, 3, 2, 11));
        GradientCheck.Report r = GradientCheck.check(bp, randomPoint(arch, 7));
        System.out.printf("%-8s %-12s trainAB=%-5s worst %s%n", act, conv, trainAB, r.worst());
        assertTrue(r.worst().relError() < 1e-7, "worst entry: " + r.worst());
    }

    /**
     * The recursion as printed in eq. (13) (no transpose of ∂_1 f) gives a wrong gradient: relative errors of order
     * one on W_k and on the earlier layers.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("smooth")
    void printedEq13IsWrong(String act) {
        Architecture arch = new Architecture(3, 5, 4, 2, 3, Activations.builtIn(act).orElseThrow(), Convention.PAPER, true, true);
        Backprop bp = new Backprop(arch, randomData(4, 3, 2, 11)).recursion(Backprop.Recursion.PRINTED_EQ13);
        GradientCheck.Report r = GradientCheck.check(bp, randomPoint(arch, 7));
        System.out.printf("printed eq. (13), %-8s worst %s%n", act, r.worst());
        assertTrue(r.worst().relError() > 1e-2, "printed recursion unexpectedly agrees: " + r.worst());
    }

    static Stream<String> smooth() {
        return Stream.of("tanh", "gelu", "sin", "gauss-x");
    }
}
