package depthlimit.model;

import depthlimit.data.Dataset;
import depthlimit.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
     * The floor of the relative error: a partial below 10⁻⁴·‖∇ℓ‖_∞ is judged on the gradient's scale. One sample,
     * x = 1, q = 2, m = 1, L = 1, x·e^{−x²/2}, authors' convention (c_pre = 1): A = (1, 0)ᵀ and W_1 = (1 + 2⁻²⁰, 0) put
     * the single pre-activation at u = 1 + 2⁻²⁰, next to the zero of σ′(u) = (1 − u)(1 + u)e^{−u²/2}, so
     * ∂ℓ/∂(W_1)_{11} ≈ −3.6e-5 while ‖∇ℓ‖_∞ ≈ 107 (label y = −40: far from 1, so 10⁻⁴·scale ≠ 10⁻⁴/scale). At u = 1
     * exactly the partial would be 0 but so, at some step, would the rounded central difference (ℓ(w ± h) equal):
     * no error to judge. Here the extrapolated differences keep a small nonzero error at every step. Every other
     * entry is judged on its own partial (≤ 1.2e-12 relative); this one, judged on the floor, is the worst (measured
     * 1.7e-10 absolute, 1.6e-8 relative), and its reported relative error must be its absolute error over
     * 10⁻⁴·‖∇ℓ‖_∞, recomputed from the gradient. Without the floor it would be 300× larger; with 10⁻⁴/scale, 10⁴×.
     */
    @Test
    void nearZeroPartialIsJudgedOnTheGradientScale() {
        Architecture arch = new Architecture(1, 2, 1, 1, 1, Activations.GAUSS_X, Convention.AUTHORS_CODE, true, true);
        double[] theta = {1, 0, /* V */ 0.5, -0.25, /* W */ 1 + 0x1p-20, 0, /* B */ 1, 0.5};
        assertEquals(arch.size(), theta.length);
        Backprop bp = new Backprop(arch, new Dataset(1, 1, 1, new double[]{1}, new double[]{-40}));
        double[] grad = new double[theta.length];
        bp.lossAndGradient(theta, grad);
        double scale = 0;
        for (double g : grad) scale = Math.max(scale, Math.abs(g));
        assertTrue(Math.abs(grad[arch.offW()]) < 1e-4 * 1e-2 * scale, "σ′(1 + 2⁻²⁰) ≈ 0: " + grad[arch.offW()]);
        GradientCheck.Report r = GradientCheck.check(bp, theta);
        GradientCheck.Entry w = r.worst();
        System.out.printf("floor: scale %.3e, worst %s%n", scale, w);
        assertTrue(scale > 10, "the gradient scale is far from 1: " + scale);
        assertEquals("W", w.block(), "the zero partial is the worst entry: " + w);
        assertEquals(grad[arch.offW()], w.analytic(), 0.0);
        assertTrue(w.absError() > 0, "its finite differences are not exact: " + w);
        assertEquals(scale, r.gradientScale(), 0.0);
        assertEquals(w.absError() / (1e-4 * scale), w.relError(), 0.0);
        assertTrue(w.relError() < 1e-7, "a correct gradient still passes: " + w);
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
