package depthlimit.model;

/**
 * The small matrix products of the gradient kernel: C[i,j] = D[i,j] + α Σ_k X[i,k] Z[k,j] with rows of Z
 * contiguous and X read through two strides, so that one routine serves both X Zᵀ-free forms the gradient needs
 * (X row-major for the forward and adjoint passes, X transposed for the sums over samples of the weight gradients).
 *
 * <p>Every entry is one sequential chain of fused multiply-adds over k in increasing order, s = fma(x_k, z_k, s)
 * from s = 0, then α·s, then + D: results are bit-identical for any blocking and any split of the rows across
 * threads, and {@link ResNet#forward} reproduces them exactly with plain loops. The SIMD path ({@link SimdKernels},
 * taken when the JVM runs with {@code --add-modules jdk.incubator.vector}) runs the same chains in vector lanes, so
 * it is bit-identical to the scalar path kept here as the fallback; {@code -Ddepthlimit.simd=false} forces the
 * scalar path. The scalar path also serves until {@link SimdWarmup} has found the vector kernels compiled and faster.
 * Neither allocates.
 */
final class Kernels {
    private Kernels() {}

    /** Whether the Vector API path is available (module present and not disabled). */
    static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty("depthlimit.simd"));

    /** Set once, by {@link SimdWarmup}, when the vector kernels are compiled and faster than the scalar ones. */
    private static volatile boolean simdReady;
    private static final java.util.concurrent.CountDownLatch WARMUP = new java.util.concurrent.CountDownLatch(1);

    private static final java.util.concurrent.atomic.AtomicBoolean STARTED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Gradient evaluations at least this large (multiply–adds × 2, {@code 12·n·m·q·L}) take the vector kernels at
     * once and compile them in their own first evaluations, as a background warm-up beside them would cost more: in W1
     * (n = 100, m = 32, q = 16, 50 GD steps, one process per depth, 2 cores, AVX2 EPYC, alternating builds) the
     * background warm-up made the L = 2, 16, 64 runs about 1.2, 1.0 and 0.5 s faster (39 MFLOP per evaluation at
     * L = 64) but the L = 256 and 1014 runs (157 and 623 MFLOP) about 1.1 and 1.4 s slower, its thread and its scalar
     * passes competing with the two kernel threads.
     */
    static final double IMMEDIATE_FLOPS = 1e8;

    /**
     * Called when a gradient engine is built, with the work of one of its evaluations: from {@link #IMMEDIATE_FLOPS}
     * on the vector kernels serve at once, below it they are warmed up on a background thread (once per JVM) while the
     * scalar ones serve. Not on class loading: a process that only reports the kernel path, such as the bench's
     * parent, must not spend a core on it.
     */
    static void startWarmup(double flopsPerEvaluation) {
        if (!SIMD) {
            WARMUP.countDown();
            return;
        }
        if (flopsPerEvaluation >= IMMEDIATE_FLOPS) {
            markSimdReady();
            WARMUP.countDown();
        } else if (STARTED.compareAndSet(false, true)) SimdWarmup.start();
    }

    /** Whether the vector kernels serve the gradient now (both paths give the same bits). */
    static boolean useSimd() { return simdReady; }

    static void markSimdReady() { simdReady = true; }

    static void warmupDone() { WARMUP.countDown(); }

    /** Waits up to {@code millis} for the warm-up to decide; true when the vector kernels serve from then on. */
    static boolean awaitWarmup(long millis) {
        startWarmup(0);
        try {
            WARMUP.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return simdReady;
    }

    /** Width of the vector kernels' vectors (256 with AVX2, 512 with AVX-512), 0 without them. */
    static int vectorBits() { return SIMD ? 64 * SimdKernels.lanes() : 0; }

    /** "SIMD (Vector API, 512-bit)" or "scalar", the path serving now, for benchmark reports. */
    static String description() {
        if (!SIMD) return "scalar";
        String v = "SIMD (Vector API, " + vectorBits() + "-bit)";
        return simdReady ? v : v + " once compiled, scalar before";
    }

    /**
     * C[i,j] = D[i,j] + α Σ_{k<K} X[i,k] Z[k,j] for i < M, j < N, where X[i,k] = x[xOff + i·xr + k·xk],
     * Z[k,j] = z[zOff + k·ldz + j], D[i,j] = dd[dOff + i·ldd + j] (dd may be c itself, or null for no addend:
     * then C = α Σ …), C[i,j] = c[cOff + i·ldc + j].
     */
    static void gemm(double[] x, int xOff, int xr, int xk, double[] z, int zOff, int ldz,
                     double[] dd, int dOff, int ldd, double[] c, int cOff, int ldc, int M, int N, int K, double alpha) {
        if (simdReady) SimdKernels.gemm(x, xOff, xr, xk, z, zOff, ldz, dd, dOff, ldd, c, cOff, ldc, M, N, K, alpha);
        else scalarGemm(x, xOff, xr, xk, z, zOff, ldz, dd, dOff, ldd, c, cOff, ldc, M, N, K, alpha);
    }

    /** The scalar path of {@link #gemm}, register-blocked 2 rows × 4 columns so the partial sums stay in registers. */
    static void scalarGemm(double[] x, int xOff, int xr, int xk, double[] z, int zOff, int ldz,
                           double[] dd, int dOff, int ldd, double[] c, int cOff, int ldc, int M, int N, int K,
                           double alpha) {
        int i = 0;
        for (; i + 1 < M; i += 2) {
            int x0 = xOff + i * xr, x1 = x0 + xr;
            int j = 0;
            for (; j + 3 < N; j += 4) {
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                for (int k = 0; k < K; k++) {
                    double a0 = x[x0 + k * xk], a1 = x[x1 + k * xk];
                    int zk = zOff + k * ldz + j;
                    double b0 = z[zk], b1 = z[zk + 1], b2 = z[zk + 2], b3 = z[zk + 3];
                    s00 = Math.fma(a0, b0, s00); s01 = Math.fma(a0, b1, s01);
                    s02 = Math.fma(a0, b2, s02); s03 = Math.fma(a0, b3, s03);
                    s10 = Math.fma(a1, b0, s10); s11 = Math.fma(a1, b1, s11);
                    s12 = Math.fma(a1, b2, s12); s13 = Math.fma(a1, b3, s13);
                }
                int c0 = cOff + i * ldc + j, c1 = c0 + ldc;
                if (dd == null) {
                    c[c0] = alpha * s00; c[c0 + 1] = alpha * s01; c[c0 + 2] = alpha * s02; c[c0 + 3] = alpha * s03;
                    c[c1] = alpha * s10; c[c1 + 1] = alpha * s11; c[c1 + 2] = alpha * s12; c[c1 + 3] = alpha * s13;
                } else {
                    int d0 = dOff + i * ldd + j, d1 = d0 + ldd;
                    c[c0] = dd[d0] + alpha * s00; c[c0 + 1] = dd[d0 + 1] + alpha * s01;
                    c[c0 + 2] = dd[d0 + 2] + alpha * s02; c[c0 + 3] = dd[d0 + 3] + alpha * s03;
                    c[c1] = dd[d1] + alpha * s10; c[c1 + 1] = dd[d1 + 1] + alpha * s11;
                    c[c1 + 2] = dd[d1 + 2] + alpha * s12; c[c1 + 3] = dd[d1 + 3] + alpha * s13;
                }
            }
            for (; j < N; j++) {
                one(x, x0, xk, z, zOff + j, ldz, dd, dOff + i * ldd + j, c, cOff + i * ldc + j, K, alpha);
                one(x, x1, xk, z, zOff + j, ldz, dd, dOff + (i + 1) * ldd + j, c, cOff + (i + 1) * ldc + j, K, alpha);
            }
        }
        for (; i < M; i++)
            for (int j = 0; j < N; j++)
                one(x, xOff + i * xr, xk, z, zOff + j, ldz, dd, dOff + i * ldd + j, c, cOff + i * ldc + j, K, alpha);
    }

    private static void one(double[] x, int xo, int xk, double[] z, int zo, int ldz, double[] dd, int dIdx,
                            double[] c, int cIdx, int K, double alpha) {
        double s = 0;
        for (int k = 0; k < K; k++) s = Math.fma(x[xo + k * xk], z[zo + k * ldz], s);
        c[cIdx] = dd == null ? alpha * s : dd[dIdx] + alpha * s;
    }
}
