package depthlimit.model;

/**
 * The two small matrix products of the gradient kernel, register-blocked so that the JIT keeps the partial sums
 * in registers (about 10 GFLOP/s per core at q = 16, m = 32, against about 3.5 for the axpy form, whose rows of
 * length 16 or 32 are too short to vectorize).
 *
 * <p>Every entry is one sequential chain of fused multiply-adds over the contraction index in increasing order,
 * s = fma(x_k, y_k, s), whatever the blocking: results are bit-identical for any split of the rows across threads,
 * and {@link ResNet#forward} reproduces them exactly with plain loops.
 */
final class Kernels {
    private Kernels() {}

    /**
     * C[i,j] = D[i,j] + α Σ_k X[i,k] Y[j,k] for i < M, j < N (rows of X and Y contiguous; D may be C itself or
     * null for no addend).
     */
    static void nt(double[] x, int xOff, int ldx, double[] y, int yOff, int ldy, double[] dd, int dOff, int ldd,
                   double[] c, int cOff, int ldc, int M, int N, int K, double alpha) {
        int i = 0;
        for (; i + 1 < M; i += 2) {
            int x0 = xOff + i * ldx, x1 = x0 + ldx;
            int j = 0;
            for (; j + 3 < N; j += 4) {
                int y0 = yOff + j * ldy, y1 = y0 + ldy, y2 = y1 + ldy, y3 = y2 + ldy;
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                for (int k = 0; k < K; k++) {
                    double a0 = x[x0 + k], a1 = x[x1 + k];
                    double b0 = y[y0 + k], b1 = y[y1 + k], b2 = y[y2 + k], b3 = y[y3 + k];
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
                ntOne(x, x0, y, yOff + j * ldy, dd, dOff + i * ldd + j, c, cOff + i * ldc + j, K, alpha);
                ntOne(x, x1, y, yOff + j * ldy, dd, dOff + (i + 1) * ldd + j, c, cOff + (i + 1) * ldc + j, K, alpha);
            }
        }
        for (; i < M; i++)
            for (int j = 0; j < N; j++)
                ntOne(x, xOff + i * ldx, y, yOff + j * ldy, dd, dOff + i * ldd + j, c, cOff + i * ldc + j, K, alpha);
    }

    private static void ntOne(double[] x, int xo, double[] y, int yo, double[] dd, int dIdx, double[] c, int cIdx,
                              int K, double alpha) {
        double s = 0;
        for (int k = 0; k < K; k++) s = Math.fma(x[xo + k], y[yo + k], s);
        c[cIdx] = dd == null ? alpha * s : dd[dIdx] + alpha * s;
    }

    /**
     * C[a,j] += α Σ_{i<K} X[i,a] Y[i,j] for a < M, j < N: a sum of outer products of rows (X, Y sample-major).
     */
    static void tn(double[] x, int xOff, int ldx, double[] y, int yOff, int ldy, double[] c, int cOff, int ldc,
                   int M, int N, int K, double alpha) {
        int a = 0;
        for (; a + 3 < M; a += 4) {
            int j = 0;
            for (; j + 3 < N; j += 4) {
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
                for (int i = 0; i < K; i++) {
                    int xo = xOff + i * ldx + a, yo = yOff + i * ldy + j;
                    double a0 = x[xo], a1 = x[xo + 1], a2 = x[xo + 2], a3 = x[xo + 3];
                    double b0 = y[yo], b1 = y[yo + 1], b2 = y[yo + 2], b3 = y[yo + 3];
                    s00 = Math.fma(a0, b0, s00); s01 = Math.fma(a0, b1, s01);
                    s02 = Math.fma(a0, b2, s02); s03 = Math.fma(a0, b3, s03);
                    s10 = Math.fma(a1, b0, s10); s11 = Math.fma(a1, b1, s11);
                    s12 = Math.fma(a1, b2, s12); s13 = Math.fma(a1, b3, s13);
                    s20 = Math.fma(a2, b0, s20); s21 = Math.fma(a2, b1, s21);
                    s22 = Math.fma(a2, b2, s22); s23 = Math.fma(a2, b3, s23);
                    s30 = Math.fma(a3, b0, s30); s31 = Math.fma(a3, b1, s31);
                    s32 = Math.fma(a3, b2, s32); s33 = Math.fma(a3, b3, s33);
                }
                int c0 = cOff + a * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
                c[c0] += alpha * s00; c[c0 + 1] += alpha * s01; c[c0 + 2] += alpha * s02; c[c0 + 3] += alpha * s03;
                c[c1] += alpha * s10; c[c1 + 1] += alpha * s11; c[c1 + 2] += alpha * s12; c[c1 + 3] += alpha * s13;
                c[c2] += alpha * s20; c[c2 + 1] += alpha * s21; c[c2 + 2] += alpha * s22; c[c2 + 3] += alpha * s23;
                c[c3] += alpha * s30; c[c3 + 1] += alpha * s31; c[c3 + 2] += alpha * s32; c[c3 + 3] += alpha * s33;
            }
            for (; j < N; j++)
                for (int r = 0; r < 4; r++) tnOne(x, xOff + a + r, ldx, y, yOff + j, ldy, c, cOff + (a + r) * ldc + j, K, alpha);
        }
        for (; a < M; a++)
            for (int j = 0; j < N; j++) tnOne(x, xOff + a, ldx, y, yOff + j, ldy, c, cOff + a * ldc + j, K, alpha);
    }

    private static void tnOne(double[] x, int xo, int ldx, double[] y, int yo, int ldy, double[] c, int cIdx,
                              int K, double alpha) {
        double s = 0;
        for (int i = 0; i < K; i++) s = Math.fma(x[xo + i * ldx], y[yo + i * ldy], s);
        c[cIdx] += alpha * s;
    }
}
