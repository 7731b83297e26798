package depthlimit.model;

import depthlimit.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contracts of the model layer that the numerical oracles do not reach: input checks, cooperative cancellation,
 * activations evaluated in place, and the bookkeeping that names a gradient entry in a {@link GradientCheck} report.
 */
class ModelContractsTest {
    @Test
    void backpropRejectsDataOfTheWrongShape() {
        Architecture arch = new Architecture(3, 4, 5, 2, 2, Activations.TANH, Convention.PAPER, true, true);
        var wrongInput = assertThrows(IllegalArgumentException.class,
                () -> new Backprop(arch, GradientCheckTest.randomData(4, 2, 2, 1)));
        assertTrue(wrongInput.getMessage().contains("(2,2)") && wrongInput.getMessage().contains("input 3"), wrongInput.getMessage());
        var wrongOutput = assertThrows(IllegalArgumentException.class,
                () -> new Backprop(arch, GradientCheckTest.randomData(4, 3, 1, 1)));
        assertTrue(wrongOutput.getMessage().contains("output 2"), wrongOutput.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Architecture(3, 4, 5, 2, 0, Activations.TANH, Convention.PAPER, true, true));
        assertEquals(4, new Architecture(1, 1, 1, 1, 1, Activations.TANH, Convention.PAPER, true, true).size(), "sizes of 1 are valid");
        assertThrows(IllegalArgumentException.class, () -> new Parameters(arch, new double[arch.size() - 1]));
    }

    /** θ or ∂ℓ/∂θ of the wrong length is refused with a message naming it, before the kernel runs. */
    @Test
    void wrongParameterLengthsAreRefused() {
        Architecture arch = new Architecture(2, 3, 3, 1, 2, Activations.TANH, Convention.PAPER, true, true);
        Backprop bp = new Backprop(arch, GradientCheckTest.randomData(3, 2, 1, 2));
        double[] theta = GradientCheckTest.randomPoint(arch, 3);
        double[] shortTheta = java.util.Arrays.copyOf(theta, theta.length - 1);
        var e = assertThrows(IllegalArgumentException.class, () -> bp.loss(shortTheta));
        assertTrue(e.getMessage().startsWith("theta has " + (theta.length - 1) + " entries"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bp.lossAndGradient(theta, new double[theta.length + 1]));
        assertThrows(IllegalArgumentException.class,
                () -> bp.lossAndGradient(java.util.Arrays.copyOf(theta, theta.length + 1), new double[theta.length]));
        assertTrue(Double.isFinite(bp.lossAndGradient(theta, new double[theta.length])));
    }

    /** An interrupted thread gets {@link Cancellation.Cancelled} from the next loss or gradient evaluation. */
    @Test
    void interruptedEvaluationsAreCancelled() {
        Architecture arch = new Architecture(2, 3, 3, 1, 2, Activations.TANH, Convention.PAPER, true, true);
        Backprop bp = new Backprop(arch, GradientCheckTest.randomData(3, 2, 1, 2));
        double[] theta = GradientCheckTest.randomPoint(arch, 3);
        Thread.currentThread().interrupt();
        try {
            assertThrows(Cancellation.Cancelled.class, () -> bp.loss(theta));
            assertThrows(Cancellation.Cancelled.class, () -> bp.lossAndGradient(theta, new double[theta.length]));
            assertTrue(Thread.currentThread().isInterrupted(), "the flag is kept, so later checkpoints fail too");
        } finally {
            Thread.interrupted();
        }
        assertTrue(Double.isFinite(bp.loss(theta)), "evaluates again once the interrupt is cleared");
    }

    /**
     * {@link Activation#eval} with the output aliased to the input (s = u, or ds = u) must give σ and σ′ of the
     * original inputs, entry by entry: the vectorised GELU uses its outputs as scratch and must not run then.
     */
    @Test
    void activationsEvaluateInPlace() {
        int n = 4 * SimdKernels.lanes() + 3;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = -7 + 14.0 * i / (n - 1);
        for (Activation a : Activations.BUILT_IN) {
            double[] sigma = new double[n], dsigma = new double[n];
            for (int i = 0; i < n; i++) { sigma[i] = a.value(x[i]); dsigma[i] = a.d1(x[i]); }
            double[] u = x.clone(), ds = new double[n];
            a.eval(u, 0, u, ds, 0, n);
            assertArrayEquals(sigma, u, 0.0, a.name() + ": σ in place");
            assertArrayEquals(dsigma, ds, 0.0, a.name() + ": σ′ beside");
            double[] v = x.clone(), s = new double[n];
            a.eval(v, 0, s, v, 0, n);
            assertArrayEquals(sigma, s, 0.0, a.name() + ": σ beside");
            assertArrayEquals(dsigma, v, 0.0, a.name() + ": σ′ in place");
        }
    }

    /** ReLU's derivative at 0 is taken as 0 (documented), in the bulk path as in the scalar one. */
    @Test
    void reluDerivativeAtZeroIsZero() {
        double[] u = {-0.0, 0.0, 1e-300, -1e-300}, s = new double[4], ds = new double[4];
        Activations.RELU.eval(u, 0, s, ds, 0, 4);
        assertArrayEquals(new double[]{0, 0, 1e-300, 0}, s, 0.0);
        assertArrayEquals(new double[]{0, 0, 1, 0}, ds, 0.0);
        assertEquals(0.0, Activations.RELU.d1(0.0), 0.0);
        // C² (the hypothesis of Propositions 3, 7 and Theorem 4): all built-ins but ReLU
        for (Activation a : Activations.BUILT_IN) assertEquals(a != Activations.RELU, a.isC2(), a.name());
    }

    /**
     * θ = [A (q×d) | V_1..V_L (q×m) | W_1..W_L (m×q) | B (d′×q)], row-major: with d = 2, q = 3, m = 4, d′ = 2, L = 2
     * the blocks start at 0, 6, 30, 54 and θ has 60 entries; each index is mapped back to (block, layer, row, col) by
     * hand here.
     */
    @Test
    void gradientCheckNamesEveryEntryByBlockLayerRowAndColumn() {
        Architecture a = new Architecture(2, 3, 4, 2, 2, Activations.TANH, Convention.PAPER, true, true);
        assertEquals(60, a.size());
        Object[][] cases = {
                {0, "A", 0, 0, 0}, {5, "A", 0, 2, 1},
                {6, "V", 1, 0, 0}, {17, "V", 1, 2, 3}, {18, "V", 2, 0, 0}, {23, "V", 2, 1, 1}, {29, "V", 2, 2, 3},
                {30, "W", 1, 0, 0}, {41, "W", 1, 3, 2}, {42, "W", 2, 0, 0}, {49, "W", 2, 2, 1}, {53, "W", 2, 3, 2},
                {54, "B", 0, 0, 0}, {57, "B", 0, 1, 0}, {59, "B", 0, 1, 2}};
        for (Object[] c : cases) {
            int j = (Integer) c[0];
            assertEquals(c[1], GradientCheck.blockName(a, j), "block of " + j);
            assertArrayEquals(new int[]{(Integer) c[2], (Integer) c[3], (Integer) c[4]}, GradientCheck.locate(a, j), "entry " + j);
        }
        GradientCheck.Entry v = new GradientCheck.Entry("V", 2, 1, 3, 0.5, 0.25, 0.25, 0.5, 1e-4);
        assertTrue(v.toString().startsWith("V_2[1,3]: analytic 0.50000000000000000"), v.toString());
        GradientCheck.Entry b = new GradientCheck.Entry("B", 0, 1, 0, 1, 1, 0, 0, 1e-3);
        assertTrue(b.toString().startsWith("B[1,0]: "), b.toString());
    }

    /** The report covers every entry; its scale is ‖∇ℓ‖_∞ and its largest absolute error bounds the worst entry's. */
    @Test
    void gradientCheckReportIsConsistent() {
        Architecture arch = new Architecture(2, 3, 2, 1, 2, Activations.TANH, Convention.PAPER, true, true);
        Dataset data = GradientCheckTest.randomData(3, 2, 1, 5);
        double[] theta = GradientCheckTest.randomPoint(arch, 6);
        double[] grad = new double[theta.length];
        new Backprop(arch, data).lossAndGradient(theta, grad);
        double inf = 0;
        for (double g : grad) inf = Math.max(inf, Math.abs(g));
        GradientCheck.Report r = GradientCheck.check(new Backprop(arch, data), theta);
        assertEquals(arch.size(), r.entries());
        assertEquals(inf, r.gradientScale(), 0.0);
        assertTrue(r.worst().relError() < 1e-7, r.worst().toString());
        // the relative error is the absolute one over max(|analytic|, 10⁻⁴‖∇ℓ‖_∞)
        assertEquals(r.worst().absError() / Math.max(Math.abs(r.worst().analytic()), 1e-4 * inf), r.worst().relError(), 0.0);
        assertTrue(r.maxAbsError() >= r.worst().absError() && r.maxAbsError() < 1e-7 * inf, r.toString());
    }

    /** Block offsets and accessors of θ = [A | V_1..V_L | W_1..W_L | B] for d = 2, q = 3, m = 4, d′ = 2, L = 2. */
    @Test
    void parameterBlocksAndShapes() {
        Architecture a = new Architecture(2, 3, 4, 2, 2, Activations.TANH, Convention.PAPER, true, true);
        double[] th = new double[60];
        for (int i = 0; i < th.length; i++) th[i] = i;
        Parameters p = new Parameters(a, th);
        assertArrayEquals(new double[]{0, 1, 2, 3, 4, 5}, p.a(), 0.0);
        assertEquals(24, p.v().length);
        assertEquals(6, p.v()[0], 0.0);
        assertEquals(30, p.w()[0], 0.0);
        assertArrayEquals(new double[]{54, 55, 56, 57, 58, 59}, p.b(), 0.0);
        assertEquals(18, p.offV(2));
        assertEquals(42, p.offW(2));
        Parameters q = new Parameters(a);
        q.setA(p.a()); q.setV(p.v()); q.setW(p.w()); q.setB(p.b());
        assertArrayEquals(th, q.theta, 0.0);
        Parameters c = p.copy();
        c.theta[0] = -1;
        assertEquals(0, p.theta[0], 0.0, "a copy, not a view");
        assertEquals(12.0 * 7 * 2 * 4 * 3, a.flopsPerGradient(7), 0.0, "12·n·L·m·q");
        Architecture deep = a.withDepth(5);
        assertEquals(5, deep.L());
        assertEquals(6 + 2 * 5 * 12 + 6, deep.size());
        assertEquals(1 / (5 * 2.0), deep.cRes(), 0.0, "paper c_res = 1/(L√m), m = 4");
        assertEquals(1 / Math.sqrt(3), deep.cPre(), 0.0, "paper c_pre = 1/√q");
        assertEquals(Convention.PAPER, Convention.fromSpecName("paper"));
        assertEquals(Convention.AUTHORS_CODE, Convention.fromSpecName("authors-code"));
        assertEquals(null, Convention.fromSpecName("torch"));
        assertTrue(Convention.PAPER.trainsEmbeddingsByDefault() && !Convention.AUTHORS_CODE.trainsEmbeddingsByDefault());
        // the preferred vector shape's width in bits, asked of the Vector API itself
        int bits = jdk.incubator.vector.VectorShape.preferredShape().vectorBitSize();
        assertTrue(Backprop.awaitVectorKernels(60_000), "vector kernels in service after their warm-up");
        assertEquals("SIMD (Vector API, " + bits + "-bit)", Backprop.kernelPath());
        assertEquals(bits, Backprop.vectorBits());
        assertEquals(bits / 64, SimdKernels.lanes(), "doubles per vector");
    }

    @Test
    void normsAndDistances() {
        double[] a = {3, 4, 0, 12}, b = {0, 0, 0, 0};
        assertEquals(13, Vectors.norm(a), 0.0);
        assertEquals(13, Vectors.distance(a, b), 0.0);
        assertEquals(5, Vectors.norm(a, 0, 2), 0.0);
        assertEquals(12, Vectors.norm(a, 2, 2), 0.0);
        assertEquals(Math.sqrt(18), Vectors.distance(a, 1, new double[]{9, 1, 3}, 1, 2), 0.0, "‖(4, 0) − (1, 3)‖");
        assertEquals(5, Vectors.distance(new double[]{1, 1}, new double[]{4, 5}), 0.0);
    }

    /** Every task runs exactly once, whatever the thread count; fewer than one thread is refused. */
    @Test
    void parallelRunsEveryTaskOnce() {
        int before = Parallel.threads();
        try {
            for (int t : new int[]{1, 3}) {
                Parallel.setThreads(t);
                assertEquals(t, Parallel.threads());
                int[] runs = new int[5];
                Parallel.forEach(5, i -> runs[i]++);
                assertArrayEquals(new int[]{1, 1, 1, 1, 1}, runs, t + " threads");
            }
            assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * The printed eq. (13) recursion (the erratum check's quantity) obeys the determinism rule too: above the
     * parallel threshold its per-block offsets must address each block's own samples, so any thread count gives
     * the same bits as one thread.
     */
    @Test
    void printedRecursionIsBitIdenticalForAnyThreadCount() {
        Architecture arch = new Architecture(16, 16, 32, 16, 64, Activations.TANH, Convention.PAPER, true, true);
        assertTrue(arch.flopsPerGradient(100) > 4e6, "above the parallel threshold");
        Dataset data = GradientCheckTest.randomData(100, 16, 16, 8);
        double[] theta = GradientCheckTest.randomPoint(arch, 9);
        for (int i = 0; i < theta.length; i++) theta[i] *= 0.3;
        int before = Parallel.threads();
        try {
            double[] ref = null;
            for (int t : new int[]{1, 3}) {
                Parallel.setThreads(t);
                double[] g = new double[theta.length];
                new Backprop(arch, data).recursion(Backprop.Recursion.PRINTED_EQ13).lossAndGradient(theta, g);
                if (ref == null) ref = g;
                else assertArrayEquals(ref, g, 0.0, t + " threads");
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
