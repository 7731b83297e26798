package depthlimit.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradient kernel's matrix product against its definition written as plain loops: every entry one sequential
 * chain s = fma(x_k, z_k, s) over k in increasing order, then α·s, then + D. The contract is bit-identity (the
 * SIMD lanes run the same chains), so the comparison is exact, on shapes that exercise every register block and
 * every tail (rows not a multiple of 4 or 8, columns not a multiple of the vector length), both strides of X, no
 * addend, a separate addend and the addend aliased to the output.
 */
class KernelsTest {
    @Test
    void simdAndScalarPathsEqualTheFmaChainBitForBit() {
        Random rnd = new Random(12);
        int v = SimdKernels.lanes();
        // the last three reach every column block at j > 0 and short row counts in each block loop, for this
        // machine's vector length v: 5v columns over 3 rows (4v block, then v); 2v + 3 over 5 rows (2v block with
        // fewer than 8 rows); 7v + 3 over 19 rows (4v, then 2v at j = 4v with two 8-row blocks and 3 rows left,
        // then v at j = 6v, then the scalar tail); 2v over 15 rows (one 8-row block, one 4-row block, 3 single rows)
        int[][] shapes = {{100, 32, 16}, {100, 16, 32}, {16, 32, 100}, {32, 16, 100}, {50, 16, 32}, {7, 37, 5},
                {13, 9, 1}, {1, 1, 1}, {9, 64, 3}, {33, 24, 17}, {4, 8, 0}, {3, 5 * v, 5}, {5, 2 * v + 3, 3},
                {19, 7 * v + 3, 4}, {15, 2 * v, 6}};
        int checked = 0;
        for (int[] sh : shapes)
            for (boolean transposedX : new boolean[]{false, true})
                for (int addend = 0; addend < 3; addend++) {
                    int M = sh[0], N = sh[1], K = sh[2];
                    int xr = transposedX ? 1 : K + 3, xk = transposedX ? M + 2 : 1, ldz = N + 5, ld = N + 1;
                    double[] x = fill(rnd, 3 + Math.max(1, K) * Math.max(xk, 1) + M * xr + 8);
                    double[] z = fill(rnd, 2 + Math.max(1, K) * ldz);
                    double[] d0 = fill(rnd, 1 + M * ld);
                    double alpha = 0.5 + rnd.nextDouble();
                    double[] expected = d0.clone();
                    double[] dRef = addend == 1 ? fill(new Random(7), d0.length) : d0.clone();
                    for (int i = 0; i < M; i++)
                        for (int j = 0; j < N; j++) {
                            double s = 0;
                            for (int k = 0; k < K; k++) s = Math.fma(x[3 + i * xr + k * xk], z[2 + k * ldz + j], s);
                            expected[1 + i * ld + j] = addend == 0 ? alpha * s : dRef[1 + i * ld + j] + alpha * s;
                        }
                    for (boolean simd : new boolean[]{false, true}) {
                        if (simd && !Kernels.SIMD) continue;
                        double[] c = d0.clone();
                        double[] dd = addend == 0 ? null : addend == 1 ? dRef.clone() : c;
                        if (simd) SimdKernels.gemm(x, 3, xr, xk, z, 2, ldz, dd, 1, ld, c, 1, ld, M, N, K, alpha);
                        else Kernels.scalarGemm(x, 3, xr, xk, z, 2, ldz, dd, 1, ld, c, 1, ld, M, N, K, alpha);
                        for (int t = 0; t < c.length; t++)
                            assertEquals(Double.doubleToRawLongBits(expected[t]), Double.doubleToRawLongBits(c[t]),
                                    (simd ? "SIMD" : "scalar") + " M=" + M + " N=" + N + " K=" + K + " transposedX="
                                            + transposedX + " addend=" + addend + " index " + t);
                        checked++;
                    }
                }
        System.out.println("KernelsTest: " + checked + " products compared bit for bit (SIMD path "
                + (Kernels.SIMD ? "on, " + Kernels.description() : "OFF: module jdk.incubator.vector absent") + ")");
        // the build runs the tests with the module: the SIMD path must have been exercised, not skipped
        assertTrue(Kernels.SIMD, "tests run with --add-modules jdk.incubator.vector (pom.xml surefire argLine)");
    }

    private static double[] fill(Random rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = rnd.nextGaussian();
        return a;
    }

    /**
     * The vector kernels take over from the scalar ones once the background warm-up finds them compiled and faster
     * (on every machine this project runs on they are, 2–5× at these shapes); GELU follows the same switch. The
     * results cannot depend on it: both paths give the same bits (the tests above).
     */
    @Test
    void vectorKernelsTakeOverAfterTheWarmup() {
        assertTrue(Kernels.awaitWarmup(60_000), "the vector kernels did not become faster than the scalar ones within the warm-up");
        assertTrue(Kernels.useSimd());
        assertTrue(Kernels.description().startsWith("SIMD (Vector API, "), Kernels.description());
        assertTrue(Backprop.awaitVectorKernels(0));
    }
}
