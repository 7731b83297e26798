package depthlimit.model;

/**
 * Compiles the Vector API kernels ({@link SimdKernels}, {@link SimdGelu}) on a background thread while the gradient
 * runs on the scalar path, and hands the gradient over to them once they are faster.
 *
 * <p>Why: until C2 has compiled them, Vector API code runs interpreted or C1-compiled with every vector boxed on the
 * heap, many times slower than plain loops (a whole training at L = 64 took 60 s with C1 only, against 2 s scalar).
 * A short run (W1's {@code train} commands at L = 2 … 64) spent much of its time in that phase: about 1–1.5 s more
 * per process than the scalar path on an AVX2 EPYC ({@link Kernels#IMMEDIATE_FLOPS} says when it is not worth it).
 * Both paths give the same bits ({@code KernelsTest}, {@code SimdGeluTest}), so which one serves a call never
 * changes a result, and the switch may happen at any time.
 *
 * <p>The thread times one pass of each path over shapes that reach every register block and tail of
 * {@link SimdKernels#gemm} (both layouts of X, with and without the addend) and GELU inputs on both sides of Cody's
 * branch points, alternating the two, and switches once the vector pass has been the faster one in
 * {@link #CONFIRMATIONS} consecutive rounds; it gives up (the scalar path stays) after {@link #MAX_SECONDS}.
 */
final class SimdWarmup implements Runnable {
    /** Consecutive rounds in which the vector pass must beat the scalar one. */
    static final int CONFIRMATIONS = 3;
    /** After this long without the vector path winning, the scalar path stays. */
    static final double MAX_SECONDS = 30;

    private static final int[][] SHAPES = shapes();
    private final double[] x = new double[64 * 64], z = new double[64 * 64], c = new double[64 * 64];
    private final double[] u = new double[1024], s = new double[1024], ds = new double[1024];

    private SimdWarmup() {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.sin(0.37 * i);
            z[i] = Math.cos(0.23 * i);
        }
        // GELU inputs: the bulk, both sides of |x|/√2 = 0.46875 and of |x|/√2 = 4, and the far tails
        for (int i = 0; i < u.length; i++) u[i] = (i % 7 == 0 ? 9.0 : i % 3 == 0 ? 0.4 : 2.5) * Math.sin(0.11 * i + 0.3);
    }

    /** M, N, K and the X layout (0: rows, 1: transposed): every block 4×4, 8×2, 4×2, rows of 4, 2, 1 vectors and tails. */
    private static int[][] shapes() {
        int v = SimdKernels.lanes();
        int[] ms = {1, 3, 4, 5, 8, 9, 16};
        int[] ns = {v - 1, v, 2 * v, 3 * v + 1, 4 * v, 8 * v, 16, 32, 64};
        int[][] out = new int[ms.length * ns.length * 2][];
        int k = 0;
        for (int m : ms)
            for (int n : ns)
                for (int t = 0; t < 2; t++) out[k++] = new int[]{m, Math.max(1, n), 16, t};
        return out;
    }

    /** Starts the daemon thread (once per JVM, from {@link Kernels#startWarmup}, for small evaluations). */
    static void start() {
        Thread t = new Thread(new SimdWarmup(), "depthlimit-simd-warmup");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        long start = System.nanoTime();
        int wins = 0;
        try {
            while (!Kernels.useSimd() && System.nanoTime() - start < MAX_SECONDS * 1e9) {  // (a large evaluation may switch first)
                long t0 = System.nanoTime();
                pass(true);
                long t1 = System.nanoTime();
                pass(false);
                long t2 = System.nanoTime();
                wins = t1 - t0 < t2 - t1 ? wins + 1 : 0;
                if (wins >= CONFIRMATIONS) {
                    Kernels.markSimdReady();
                    return;
                }
            }
        } finally {
            Kernels.warmupDone();
        }
    }

    private void pass(boolean simd) {
        for (int[] sh : SHAPES) {
            int m = sh[0], n = sh[1], k = sh[2];
            int xr = sh[3] == 0 ? k : 1, xk = sh[3] == 0 ? 1 : m;
            double[] dd = (m + n) % 2 == 0 ? null : c;
            if (simd) SimdKernels.gemm(x, 0, xr, xk, z, 0, n, dd, 0, n, c, 0, n, m, n, k, 0.5);
            else Kernels.scalarGemm(x, 0, xr, xk, z, 0, n, dd, 0, n, c, 0, n, m, n, k, 0.5);
        }
        if (simd) SimdGelu.eval(u, 0, s, ds, 0, u.length);
        else Activations.GELU_SCALAR.eval(u, 0, s, ds, 0, u.length);
    }
}
