package depthlimit.model;

import depthlimit.data.Dataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Activation checkpointing in {@link Backprop} (h_k kept every S = ⌈√L⌉ layers, each segment's forward rerun in the
 * backward pass) must give the loss, gradient and outputs of full storage bit for bit: the rerun repeats the same
 * floating-point operations on the same inputs, so there is no tolerance to choose. Exercised on one and two threads
 * (one thread: the fused backward; two: the sample-block and layer-block plan), both conventions, tanh and GELU, the
 * corrected and the printed eq. (13) recursions, L a multiple of S and not (L = 9, S = 3; L = 10, S = 4; L = 300,
 * S = 18, whose segments are split over two layer blocks), n a multiple of the 16-sample chunk and not (100, 37), and
 * the one-layer network. A mistake in the segment bookkeeping (an off-by-one at a boundary, a stale p or h carried
 * across) changes the gradient, not only its last bits.
 */
class BackpropCheckpointTest {
    @AfterAll
    static void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void checkpointedLossAndGradientEqualFullStorageBitForBit() {
        int[][] shapes = {{100, 1}, {100, 9}, {100, 10}, {37, 37}, {37, 300}};
        for (int threads : new int[]{1, 2}) {
            Parallel.setThreads(threads);
            for (Convention conv : Convention.values())
                for (Activation act : new Activation[]{Activations.TANH, Activations.GELU})
                    for (int[] shape : shapes)
                        for (Backprop.Recursion rec : Backprop.Recursion.values()) {
                            if (rec == Backprop.Recursion.PRINTED_EQ13 && shape[1] == 300) continue; // it allocates per layer
                            check(threads, conv, act, shape[0], shape[1], rec);
                        }
        }
    }

    private static void check(int threads, Convention conv, Activation act, int n, int L, Backprop.Recursion rec) {
        Architecture arch = new Architecture(16, 16, 32, 16, L, act, conv, true, true);
        Dataset data = GradientCheckTest.randomData(n, 16, 16, 11);
        Backprop full = new Backprop(arch, data).recursion(rec);
        Backprop ck = new Backprop(arch, data, 0).recursion(rec);
        assertFalse(full.checkpointed());
        assertTrue(ck.checkpointed());
        String what = conv + " " + act.name() + " n=" + n + " L=" + L + " " + rec + " threads=" + threads;
        // two points in a row: buffers reused across evaluations must not carry anything over
        for (long seed : new long[]{3, 4}) {
            double[] theta = GradientCheckTest.randomPoint(arch, seed);
            for (int i = 0; i < theta.length; i++) theta[i] *= 0.5;      // keep GELU/tanh out of saturation
            double[] gFull = new double[theta.length], gCk = new double[theta.length];
            double lFull = full.lossAndGradient(theta, gFull), lCk = ck.lossAndGradient(theta, gCk);
            assertEquals(Double.doubleToLongBits(lFull), Double.doubleToLongBits(lCk), "loss, " + what);
            assertArrayEquals(gFull, gCk, "gradient (exact: assertArrayEquals compares the doubles' bits), " + what);
            double[] oFull = new double[16], oCk = new double[16];
            for (int i = 0; i < n; i += Math.max(1, n / 5)) {
                full.output(i, oFull);
                ck.output(i, oCk);
                assertArrayEquals(oFull, oCk, "output " + i + ", " + what);
            }
            assertEquals(Double.doubleToLongBits(full.loss(theta)), Double.doubleToLongBits(ck.loss(theta)),
                    "forward-only loss, " + what);
        }
    }

    @Test
    void theBudgetSelectsTheModeAndCheckpointedStorageRefusesLayerAccess() {
        Architecture arch = new Architecture(3, 4, 5, 2, 6, Activations.TANH, Convention.PAPER, true, true);
        Dataset data = GradientCheckTest.randomData(7, 3, 2, 1);
        long bytes = Backprop.storedBytes(arch, 7);
        assertEquals(8L * 7 * (2 * 7 * 4 + 2 * 6 * 5), bytes, "h, p: (L+1)·n·q each; σ, σ′: L·n·m each");
        assertFalse(new Backprop(arch, data, bytes).checkpointed(), "at the budget: full storage");
        Backprop ck = new Backprop(arch, data, bytes - 1);
        assertTrue(ck.checkpointed(), "above it: checkpointed");
        ck.lossAndGradient(GradientCheckTest.randomPoint(arch, 1), new double[arch.size()]);
        double[] out = new double[4];
        var e = assertThrows(IllegalStateException.class, () -> ck.hidden(2, 0, out));
        assertTrue(e.getMessage().contains("checkpoints"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> ck.adjoint(2, 0, out));
    }
}
