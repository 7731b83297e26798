package depthlimit.model;

import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.init.GaussianProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Loss and gradient at the paper's widths (n = 100, q = d = 16, m = 32, paper convention), pinned bit for bit to
 * values stored from the scalar kernel as it was before the SIMD path (commit dd35afa), for 1 and 2 threads, with
 * and without SIMD in the same JVM (-Ddepthlimit.simd=false is read at class load, so here the SIMD path runs; the
 * scalar path is compared entry by entry in {@link KernelsTest}). The optimisation changed no bit: the hashes are
 * over the raw bits of every gradient entry. Independent references for the values themselves are the plain-loop
 * FMA chain of {@link KernelsTest}, the plain-loop forward pass of {@link BatchedForwardTest} and the
 * finite-difference and high-precision checks of {@link GradientCheckTest}. GELU rows use the GELU of
 * {@link Math#exp} (the activation as it was; {@link Activations#GELU} now takes e^{−x²/2} from {@link GaussianExp},
 * bounded against it in {@link SimdGeluTest}).
 *
 * <p>Re-recorded when the GP initialization's mode orientation became φ_j(0) > 0 (a different, well-posed draw;
 * see GaussianProcessSignTest): the scalar path (-Ddepthlimit.simd=false) and the SIMD path gave these same bits
 * for 1 and 2 threads, so the pin still ties the optimised kernel to the plain one.
 */
class BackpropStoredValuesTest {
    private static final Object[][] STORED = {
            {"gelu", 3, "0x1.308f8b78dd991p5", -476805269557788113L},
            {"gelu", 64, "0x1.2fc1129193ce5p5", -1179221639041849827L},
            {"tanh", 3, "0x1.2b43dc33b9fe8p5", -3126853922468865457L},
            {"tanh", 64, "0x1.272edf0592187p5", -6414299331724211962L},
    };

    /** The vector kernels must be in service (they take over from the scalar ones after a background warm-up). */
    @org.junit.jupiter.api.BeforeAll
    static void vectorKernelsInService() {
        org.junit.jupiter.api.Assertions.assertTrue(Backprop.awaitVectorKernels(60_000), Backprop.kernelPath());
    }

    @AfterAll
    static void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void lossAndGradientBitsUnchangedForEveryThreadCount() {
        for (int threads : new int[]{1, 2})
            for (Object[] row : STORED) {
                Parallel.setThreads(threads);
                int L = (Integer) row[1];
                Architecture arch = new Architecture(16, 16, 32, 16, L,
                        "gelu".equals(row[0]) ? Activations.GELU_MATH_EXP : Activations.builtIn((String) row[0]).orElseThrow(), Convention.PAPER, true, true);
                Dataset data = new GaussianData(100, 1, 1.0).create(16, 16, 16);
                double[] theta = new GaussianProcess(2, 0.2, 1, 1).create(arch).theta;
                double[] g = new double[arch.size()];
                double loss = new Backprop(arch, data).lossAndGradient(theta, g);
                long h = 0;
                for (double v : g) h = h * 31 + Double.doubleToLongBits(v);
                String what = row[0] + " L=" + L + " threads=" + threads + " (" + Kernels.description() + ")";
                assertEquals(row[2], Double.toHexString(loss), "loss, " + what);
                assertEquals((long) (Long) row[3], h, "gradient bits, " + what);
            }
    }
}
