package depthlimit.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD form of {@link Kernels#gemm}, with the JDK's Vector API ({@code jdk.incubator.vector}): the columns j of
 * C are spread over the lanes, the rows over registers (register blocks of 4 rows × 4 vectors or 8 rows × 2
 * vectors, 16 accumulators, enough to hide the latency of two FMA pipes).
 *
 * <p>Each lane runs the same sequential chain of fused multiply-adds over k in increasing order, s = fma(x_k, z_k, s)
 * from s = 0, as the scalar kernel does, and the epilogue performs the same two roundings (α·s, then + D): the
 * results are bit-identical to {@link Kernels}' scalar path and independent of the blocking, hence of the split of
 * rows across threads. Loaded only when the module is present (see {@link Kernels#SIMD}).
 */
final class SimdKernels {
    private SimdKernels() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    /** Lanes of one vector (8 with AVX-512, 4 with AVX2). */
    static int lanes() { return V; }

    /** Same contract as {@link Kernels#gemm}. */
    static void gemm(double[] x, int xOff, int xr, int xk, double[] z, int zOff, int ldz,
                     double[] dd, int dOff, int ldd, double[] c, int cOff, int ldc, int M, int N, int K, double alpha) {
        int j = 0;
        for (; j + 4 * V <= N; j += 4 * V) {
            int i = 0;
            for (; i + 4 <= M; i += 4) block4x4(x, xOff + i * xr, xr, xk, z, zOff + j, ldz, dd, dOff + i * ldd + j, ldd,
                    c, cOff + i * ldc + j, ldc, K, alpha);
            for (; i < M; i++) row4(x, xOff + i * xr, xk, z, zOff + j, ldz, dd, dOff + i * ldd + j,
                    c, cOff + i * ldc + j, K, alpha);
        }
        for (; j + 2 * V <= N; j += 2 * V) {
            int i = 0;
            for (; i + 8 <= M; i += 8) block8x2(x, xOff + i * xr, xr, xk, z, zOff + j, ldz, dd, dOff + i * ldd + j, ldd,
                    c, cOff + i * ldc + j, ldc, K, alpha);
            for (; i + 4 <= M; i += 4) block4x2(x, xOff + i * xr, xr, xk, z, zOff + j, ldz, dd, dOff + i * ldd + j, ldd,
                    c, cOff + i * ldc + j, ldc, K, alpha);
            for (; i < M; i++) row2(x, xOff + i * xr, xk, z, zOff + j, ldz, dd, dOff + i * ldd + j,
                    c, cOff + i * ldc + j, K, alpha);
        }
        for (; j + V <= N; j += V)
            for (int i = 0; i < M; i++) row1(x, xOff + i * xr, xk, z, zOff + j, ldz, dd, dOff + i * ldd + j,
                    c, cOff + i * ldc + j, K, alpha);
        if (j < N) Kernels.scalarGemm(x, xOff, xr, xk, z, zOff + j, ldz, dd, dd == null ? 0 : dOff + j, ldd,
                c, cOff + j, ldc, M, N - j, K, alpha);
    }

    private static void row1(double[] x, int xo, int xk, double[] z, int zo, int ldz,
                             double[] dd, int d, double[] c, int ci, int K, double alpha) {
        DoubleVector s = DoubleVector.zero(S);
        for (int k = 0; k < K; k++)
            s = DoubleVector.broadcast(S, x[xo + k * xk]).fma(DoubleVector.fromArray(S, z, zo + k * ldz), s);
        // stores written out in each row method, not through a helper taking vectors: when C2 did not inline such
        // a helper (it depends on the order in which the callers got hot) every vector passed to it was boxed,
        // 90 MB/s of garbage in W2; and two straight-line stores, as a vector merged across the branch (a φ node)
        // would be boxed too
        if (dd == null) s.mul(alpha).intoArray(c, ci);
        else DoubleVector.fromArray(S, dd, d).add(s.mul(alpha)).intoArray(c, ci);
    }

    /** One row of C over 4 vectors: 4 independent chains (a lone chain would wait on each FMA's latency). */
    private static void row4(double[] x, int xo, int xk, double[] z, int zo, int ldz,
                             double[] dd, int d, double[] c, int ci, int K, double alpha) {
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        for (int k = 0; k < K; k++) {
            int zk = zo + k * ldz;
            DoubleVector a = DoubleVector.broadcast(S, x[xo + k * xk]);
            s0 = a.fma(DoubleVector.fromArray(S, z, zk), s0);
            s1 = a.fma(DoubleVector.fromArray(S, z, zk + V), s1);
            s2 = a.fma(DoubleVector.fromArray(S, z, zk + 2 * V), s2);
            s3 = a.fma(DoubleVector.fromArray(S, z, zk + 3 * V), s3);
        }
        if (dd == null) {                      // written out: see row1
            s0.mul(alpha).intoArray(c, ci); s1.mul(alpha).intoArray(c, ci + V);
            s2.mul(alpha).intoArray(c, ci + 2 * V); s3.mul(alpha).intoArray(c, ci + 3 * V);
        } else {
            DoubleVector.fromArray(S, dd, d).add(s0.mul(alpha)).intoArray(c, ci);
            DoubleVector.fromArray(S, dd, d + V).add(s1.mul(alpha)).intoArray(c, ci + V);
            DoubleVector.fromArray(S, dd, d + 2 * V).add(s2.mul(alpha)).intoArray(c, ci + 2 * V);
            DoubleVector.fromArray(S, dd, d + 3 * V).add(s3.mul(alpha)).intoArray(c, ci + 3 * V);
        }
    }

    /** One row of C over 2 vectors: 2 independent chains. */
    private static void row2(double[] x, int xo, int xk, double[] z, int zo, int ldz,
                             double[] dd, int d, double[] c, int ci, int K, double alpha) {
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0;
        for (int k = 0; k < K; k++) {
            int zk = zo + k * ldz;
            DoubleVector a = DoubleVector.broadcast(S, x[xo + k * xk]);
            s0 = a.fma(DoubleVector.fromArray(S, z, zk), s0);
            s1 = a.fma(DoubleVector.fromArray(S, z, zk + V), s1);
        }
        if (dd == null) {                      // written out: see row1
            s0.mul(alpha).intoArray(c, ci); s1.mul(alpha).intoArray(c, ci + V);
        } else {
            DoubleVector.fromArray(S, dd, d).add(s0.mul(alpha)).intoArray(c, ci);
            DoubleVector.fromArray(S, dd, d + V).add(s1.mul(alpha)).intoArray(c, ci + V);
        }
    }

    /** 4 rows × 2 vectors, for the rows left over by {@link #block8x2} (e.g. 100 = 12·8 + 4 samples). */
    private static void block4x2(double[] x, int xo, int xr, int xk, double[] z, int zo, int ldz,
                                 double[] dd, int d, int ldd, double[] c, int ci, int ldc, int K, double alpha) {
        DoubleVector s00 = DoubleVector.zero(S), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00,
                s31 = s00;
        for (int k = 0; k < K; k++) {
            int zk = zo + k * ldz, xi = xo + k * xk;
            DoubleVector b0 = DoubleVector.fromArray(S, z, zk), b1 = DoubleVector.fromArray(S, z, zk + V);
            DoubleVector a = DoubleVector.broadcast(S, x[xi]);
            s00 = a.fma(b0, s00); s01 = a.fma(b1, s01);
            a = DoubleVector.broadcast(S, x[xi + xr]);
            s10 = a.fma(b0, s10); s11 = a.fma(b1, s11);
            a = DoubleVector.broadcast(S, x[xi + 2 * xr]);
            s20 = a.fma(b0, s20); s21 = a.fma(b1, s21);
            a = DoubleVector.broadcast(S, x[xi + 3 * xr]);
            s30 = a.fma(b0, s30); s31 = a.fma(b1, s31);
        }
        if (dd == null) {
            s00.mul(alpha).intoArray(c, ci); s01.mul(alpha).intoArray(c, ci + V);
            s10.mul(alpha).intoArray(c, ci + ldc); s11.mul(alpha).intoArray(c, ci + ldc + V);
            s20.mul(alpha).intoArray(c, ci + 2 * ldc); s21.mul(alpha).intoArray(c, ci + 2 * ldc + V);
            s30.mul(alpha).intoArray(c, ci + 3 * ldc); s31.mul(alpha).intoArray(c, ci + 3 * ldc + V);
        } else {
            DoubleVector.fromArray(S, dd, d).add(s00.mul(alpha)).intoArray(c, ci); DoubleVector.fromArray(S, dd, d + V).add(s01.mul(alpha)).intoArray(c, ci + V);
            DoubleVector.fromArray(S, dd, d + ldd).add(s10.mul(alpha)).intoArray(c, ci + ldc); DoubleVector.fromArray(S, dd, d + ldd + V).add(s11.mul(alpha)).intoArray(c, ci + ldc + V);
            DoubleVector.fromArray(S, dd, d + 2 * ldd).add(s20.mul(alpha)).intoArray(c, ci + 2 * ldc); DoubleVector.fromArray(S, dd, d + 2 * ldd + V).add(s21.mul(alpha)).intoArray(c, ci + 2 * ldc + V);
            DoubleVector.fromArray(S, dd, d + 3 * ldd).add(s30.mul(alpha)).intoArray(c, ci + 3 * ldc); DoubleVector.fromArray(S, dd, d + 3 * ldd + V).add(s31.mul(alpha)).intoArray(c, ci + 3 * ldc + V);
        }
    }

    private static void block4x4(double[] x, int xo, int xr, int xk, double[] z, int zo, int ldz,
                                 double[] dd, int d, int ldd, double[] c, int ci, int ldc, int K, double alpha) {
        DoubleVector s00 = DoubleVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00,
                s13 = s00, s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        int x1 = xr, x2 = 2 * xr, x3 = 3 * xr;
        for (int k = 0; k < K; k++) {
            int zk = zo + k * ldz, xi = xo + k * xk;
            DoubleVector b0 = DoubleVector.fromArray(S, z, zk), b1 = DoubleVector.fromArray(S, z, zk + V),
                    b2 = DoubleVector.fromArray(S, z, zk + 2 * V), b3 = DoubleVector.fromArray(S, z, zk + 3 * V);
            DoubleVector a = DoubleVector.broadcast(S, x[xi]);
            s00 = a.fma(b0, s00); s01 = a.fma(b1, s01); s02 = a.fma(b2, s02); s03 = a.fma(b3, s03);
            a = DoubleVector.broadcast(S, x[xi + x1]);
            s10 = a.fma(b0, s10); s11 = a.fma(b1, s11); s12 = a.fma(b2, s12); s13 = a.fma(b3, s13);
            a = DoubleVector.broadcast(S, x[xi + x2]);
            s20 = a.fma(b0, s20); s21 = a.fma(b1, s21); s22 = a.fma(b2, s22); s23 = a.fma(b3, s23);
            a = DoubleVector.broadcast(S, x[xi + x3]);
            s30 = a.fma(b0, s30); s31 = a.fma(b1, s31); s32 = a.fma(b2, s32); s33 = a.fma(b3, s33);
        }
        // written out, not a helper: C2 stops inlining helpers here (node-count cut-off) and would then box
        // the accumulators on the heap
        if (dd == null) {
            s00.mul(alpha).intoArray(c, ci); s01.mul(alpha).intoArray(c, ci + V);
            s02.mul(alpha).intoArray(c, ci + 2 * V); s03.mul(alpha).intoArray(c, ci + 3 * V);
            s10.mul(alpha).intoArray(c, ci + ldc); s11.mul(alpha).intoArray(c, ci + ldc + V);
            s12.mul(alpha).intoArray(c, ci + ldc + 2 * V); s13.mul(alpha).intoArray(c, ci + ldc + 3 * V);
            s20.mul(alpha).intoArray(c, ci + 2 * ldc); s21.mul(alpha).intoArray(c, ci + 2 * ldc + V);
            s22.mul(alpha).intoArray(c, ci + 2 * ldc + 2 * V); s23.mul(alpha).intoArray(c, ci + 2 * ldc + 3 * V);
            s30.mul(alpha).intoArray(c, ci + 3 * ldc); s31.mul(alpha).intoArray(c, ci + 3 * ldc + V);
            s32.mul(alpha).intoArray(c, ci + 3 * ldc + 2 * V); s33.mul(alpha).intoArray(c, ci + 3 * ldc + 3 * V);
        } else {
            DoubleVector.fromArray(S, dd, d).add(s00.mul(alpha)).intoArray(c, ci); DoubleVector.fromArray(S, dd, d + V).add(s01.mul(alpha)).intoArray(c, ci + V);
            DoubleVector.fromArray(S, dd, d + 2 * V).add(s02.mul(alpha)).intoArray(c, ci + 2 * V); DoubleVector.fromArray(S, dd, d + 3 * V).add(s03.mul(alpha)).intoArray(c, ci + 3 * V);
            DoubleVector.fromArray(S, dd, d + ldd).add(s10.mul(alpha)).intoArray(c, ci + ldc); DoubleVector.fromArray(S, dd, d + ldd + V).add(s11.mul(alpha)).intoArray(c, ci + ldc + V);
            DoubleVector.fromArray(S, dd, d + ldd + 2 * V).add(s12.mul(alpha)).intoArray(c, ci + ldc + 2 * V); DoubleVector.fromArray(S, dd, d + ldd + 3 * V).add(s13.mul(alpha)).intoArray(c, ci + ldc + 3 * V);
            DoubleVector.fromArray(S, dd, d + 2 * ldd).add(s20.mul(alpha)).intoArray(c, ci + 2 * ldc); DoubleVector.fromArray(S, dd, d + 2 * ldd + V).add(s21.mul(alpha)).intoArray(c, ci + 2 * ldc + V);
            DoubleVector.fromArray(S, dd, d + 2 * ldd + 2 * V).add(s22.mul(alpha)).intoArray(c, ci + 2 * ldc + 2 * V); DoubleVector.fromArray(S, dd, d + 2 * ldd + 3 * V).add(s23.mul(alpha)).intoArray(c, ci + 2 * ldc + 3 * V);
            DoubleVector.fromArray(S, dd, d + 3 * ldd).add(s30.mul(alpha)).intoArray(c, ci + 3 * ldc); DoubleVector.fromArray(S, dd, d + 3 * ldd + V).add(s31.mul(alpha)).intoArray(c, ci + 3 * ldc + V);
            DoubleVector.fromArray(S, dd, d + 3 * ldd + 2 * V).add(s32.mul(alpha)).intoArray(c, ci + 3 * ldc + 2 * V); DoubleVector.fromArray(S, dd, d + 3 * ldd + 3 * V).add(s33.mul(alpha)).intoArray(c, ci + 3 * ldc + 3 * V);
        }
    }

    private static void block8x2(double[] x, int xo, int xr, int xk, double[] z, int zo, int ldz,
                                 double[] dd, int d, int ldd, double[] c, int ci, int ldc, int K, double alpha) {
        DoubleVector s00 = DoubleVector.zero(S), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00, s30 = s00,
                s31 = s00, s40 = s00, s41 = s00, s50 = s00, s51 = s00, s60 = s00, s61 = s00, s70 = s00, s71 = s00;
        for (int k = 0; k < K; k++) {
            int zk = zo + k * ldz, xi = xo + k * xk;
            DoubleVector b0 = DoubleVector.fromArray(S, z, zk), b1 = DoubleVector.fromArray(S, z, zk + V);
            DoubleVector a = DoubleVector.broadcast(S, x[xi]);
            s00 = a.fma(b0, s00); s01 = a.fma(b1, s01);
            a = DoubleVector.broadcast(S, x[xi + xr]);
            s10 = a.fma(b0, s10); s11 = a.fma(b1, s11);
            a = DoubleVector.broadcast(S, x[xi + 2 * xr]);
            s20 = a.fma(b0, s20); s21 = a.fma(b1, s21);
            a = DoubleVector.broadcast(S, x[xi + 3 * xr]);
            s30 = a.fma(b0, s30); s31 = a.fma(b1, s31);
            a = DoubleVector.broadcast(S, x[xi + 4 * xr]);
            s40 = a.fma(b0, s40); s41 = a.fma(b1, s41);
            a = DoubleVector.broadcast(S, x[xi + 5 * xr]);
            s50 = a.fma(b0, s50); s51 = a.fma(b1, s51);
            a = DoubleVector.broadcast(S, x[xi + 6 * xr]);
            s60 = a.fma(b0, s60); s61 = a.fma(b1, s61);
            a = DoubleVector.broadcast(S, x[xi + 7 * xr]);
            s70 = a.fma(b0, s70); s71 = a.fma(b1, s71);
        }
        // written out, not a helper: C2 stops inlining helpers here (node-count cut-off) and would then box
        // the accumulators on the heap
        if (dd == null) {
            s00.mul(alpha).intoArray(c, ci); s01.mul(alpha).intoArray(c, ci + V);
            s10.mul(alpha).intoArray(c, ci + ldc); s11.mul(alpha).intoArray(c, ci + ldc + V);
            s20.mul(alpha).intoArray(c, ci + 2 * ldc); s21.mul(alpha).intoArray(c, ci + 2 * ldc + V);
            s30.mul(alpha).intoArray(c, ci + 3 * ldc); s31.mul(alpha).intoArray(c, ci + 3 * ldc + V);
            s40.mul(alpha).intoArray(c, ci + 4 * ldc); s41.mul(alpha).intoArray(c, ci + 4 * ldc + V);
            s50.mul(alpha).intoArray(c, ci + 5 * ldc); s51.mul(alpha).intoArray(c, ci + 5 * ldc + V);
            s60.mul(alpha).intoArray(c, ci + 6 * ldc); s61.mul(alpha).intoArray(c, ci + 6 * ldc + V);
            s70.mul(alpha).intoArray(c, ci + 7 * ldc); s71.mul(alpha).intoArray(c, ci + 7 * ldc + V);
        } else {
            DoubleVector.fromArray(S, dd, d).add(s00.mul(alpha)).intoArray(c, ci); DoubleVector.fromArray(S, dd, d + V).add(s01.mul(alpha)).intoArray(c, ci + V);
            DoubleVector.fromArray(S, dd, d + ldd).add(s10.mul(alpha)).intoArray(c, ci + ldc); DoubleVector.fromArray(S, dd, d + ldd + V).add(s11.mul(alpha)).intoArray(c, ci + ldc + V);
            DoubleVector.fromArray(S, dd, d + 2 * ldd).add(s20.mul(alpha)).intoArray(c, ci + 2 * ldc); DoubleVector.fromArray(S, dd, d + 2 * ldd + V).add(s21.mul(alpha)).intoArray(c, ci + 2 * ldc + V);
            DoubleVector.fromArray(S, dd, d + 3 * ldd).add(s30.mul(alpha)).intoArray(c, ci + 3 * ldc); DoubleVector.fromArray(S, dd, d + 3 * ldd + V).add(s31.mul(alpha)).intoArray(c, ci + 3 * ldc + V);
            DoubleVector.fromArray(S, dd, d + 4 * ldd).add(s40.mul(alpha)).intoArray(c, ci + 4 * ldc); DoubleVector.fromArray(S, dd, d + 4 * ldd + V).add(s41.mul(alpha)).intoArray(c, ci + 4 * ldc + V);
            DoubleVector.fromArray(S, dd, d + 5 * ldd).add(s50.mul(alpha)).intoArray(c, ci + 5 * ldc); DoubleVector.fromArray(S, dd, d + 5 * ldd + V).add(s51.mul(alpha)).intoArray(c, ci + 5 * ldc + V);
            DoubleVector.fromArray(S, dd, d + 6 * ldd).add(s60.mul(alpha)).intoArray(c, ci + 6 * ldc); DoubleVector.fromArray(S, dd, d + 6 * ldd + V).add(s61.mul(alpha)).intoArray(c, ci + 6 * ldc + V);
            DoubleVector.fromArray(S, dd, d + 7 * ldd).add(s70.mul(alpha)).intoArray(c, ci + 7 * ldc); DoubleVector.fromArray(S, dd, d + 7 * ldd + V).add(s71.mul(alpha)).intoArray(c, ci + 7 * ldc + V);
        }
    }
}
