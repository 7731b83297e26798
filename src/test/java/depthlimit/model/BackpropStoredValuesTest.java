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
 */
class BackpropStoredValuesTest {
    private static final Object[][] STORED = {
            {"gelu", 3, "0x1.33c6036ac9cb8p5", 8592999543734016869L},
            {"gelu", 64, "0x1.2ce6c17f790dap5", 8823490375109816907L},
            {"tanh", 3, "0x1.31327191dfa16p5", -4114311368579554254L},
            {"tanh", 64, "0x1.27dd8889ed2e1p5", -2032705692335984309L},
    };

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
