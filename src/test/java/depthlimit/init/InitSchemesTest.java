package depthlimit.init;

import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;
import depthlimit.model.Parameters;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitSchemesTest {
    static Architecture arch(int L) {
        return new Architecture(3, 6, 4, 2, L, Activations.TANH, Convention.PAPER, true, true);
    }

    static double[] layer(Parameters p, boolean v, int k) {
        Architecture a = p.arch;
        int off = v ? p.offV(k) : p.offW(k), len = v ? a.layerV() : a.layerW();
        return Arrays.copyOfRange(p.theta, off, off + len);
    }

    @Test
    void weightTiedSharesOneMatrixAndEmbedsIdentity() {
        Parameters p = new WeightTied(3).create(arch(5));
        for (int k = 1; k <= 5; k++) {
            assertArrayEquals(new double[24], layer(p, true, k), 0.0);
            assertArrayEquals(layer(p, false, 1), layer(p, false, k), 0.0);
        }
        double[] a = p.a(), b = p.b();
        for (int r = 0; r < 6; r++)
            for (int c = 0; c < 3; c++) assertEquals(r == c ? 1.0 : 0.0, a[r * 3 + c]);
        for (int r = 0; r < 2; r++)
            for (int c = 0; c < 6; c++) assertEquals(c == 4 + r ? 1.0 : 0.0, b[r * 6 + c]);
    }

    @Test
    void sameSeedSameBitsDifferentSeedDifferentBits() {
        for (InitScheme s : new InitScheme[]{new WeightTied(1), new GaussianProcess(1, 0.2, 1, 1),
                new FractionalBrownian(1, 0.7, 1, 1), new Iid(1, 1, 1)}) {
            assertArrayEquals(s.create(arch(16)).theta, s.create(arch(16)).theta, 0.0, s.name());
        }
        assertTrue(!Arrays.equals(new Iid(1, 1, 1).create(arch(4)).theta, new Iid(2, 1, 1).create(arch(4)).theta));
    }

    /** Refining L samples the same function: layer k of depth L equals layer 2k of depth 2L (and 3k of 3L). */
    @Test
    void gaussianProcessSamplesAreNestedAcrossDepths() {
        GaussianProcess gp = new GaussianProcess(42, 0.15, 1, 0.5);
        Parameters p8 = gp.create(arch(8)), p16 = gp.create(arch(16)), p24 = gp.create(arch(24));
        for (int k = 1; k <= 8; k++)
            for (boolean v : new boolean[]{true, false}) {
                assertArrayEquals(layer(p8, v, k), layer(p16, v, 2 * k), 0.0);
                assertArrayEquals(layer(p8, v, k), layer(p24, v, 3 * k), 0.0);
            }
    }

    /**
     * The truncated Karhunen–Loève process has covariance K(s,t) = exp(−(s−t)²/(2ℓ²)) up to the dropped spectrum
     * (eigenvalues below 10⁻¹⁰·λ_1, whose sum bounds the error) and the Nyström quadrature error: 10⁻⁸ absolute.
     */
    @Test
    void gaussianProcessCovarianceIsSquaredExponential() {
        for (double ls : new double[]{0.05, 0.2, 1.0}) {
            GaussianProcess.Basis b = new GaussianProcess(0, ls, 1, 1).basis();
            double worst = 0;
            for (int i = 0; i <= 40; i++)
                for (int j = 0; j <= 40; j++) {
                    double s = i / 40.0, t = j / 40.0 + 0.0123 * (j % 3);
                    if (t > 1) continue;
                    double exact = Math.exp(-0.5 * (s - t) * (s - t) / (ls * ls));
                    worst = Math.max(worst, Math.abs(b.covariance(s, t) - exact));
                }
            System.out.printf("GP ℓ = %.2f: %d KL terms, %d nodes, max |cov − K| = %.2e%n", ls, b.terms(), b.nodes(), worst);
            assertTrue(worst < 1e-8, "ℓ = " + ls + ": " + worst);
        }
    }

    /** Monte-Carlo sanity check of the draws: entrywise variance 1 (vScale² = 1) at a fixed s, 4σ band. */
    @Test
    void gaussianProcessEntriesHaveUnitVariance() {
        Architecture big = new Architecture(3, 30, 40, 2, 4, Activations.TANH, Convention.PAPER, true, true);
        Parameters p = new GaussianProcess(5, 0.3, 1, 1).create(big);
        double[] v = layer(p, true, 2);
        double s2 = 0;
        for (double x : v) s2 += x * x;
        double var = s2 / v.length; // 1200 independent N(0,1): sd of the estimate √(2/1200) ≈ 0.041
        assertEquals(1.0, var, 4 * Math.sqrt(2.0 / v.length));
    }

    @Test
    void fbmSamplesAreNestedUnderDoubling() {
        FractionalBrownian f = new FractionalBrownian(8, 0.6, 1, 1);
        Parameters p6 = f.create(arch(6)), p12 = f.create(arch(12)), p24 = f.create(arch(24));
        for (int k = 1; k <= 6; k++)
            for (boolean v : new boolean[]{true, false}) {
                assertArrayEquals(layer(p6, v, k), layer(p12, v, 2 * k), 0.0);
                assertArrayEquals(layer(p6, v, k), layer(p24, v, 4 * k), 0.0);
            }
        int[] order = FractionalBrownian.hierarchicalOrder(24);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 24; i++) assertEquals(i + 1, sorted[i]);
        assertArrayEquals(new int[]{8, 16, 24}, Arrays.copyOf(order, 3));
    }

    /** fBm increments over 1/L have variance L^{−2H}: successive differences shrink like L^{−H}, not 1/L. */
    @Test
    void fbmIncrementVarianceIsLToTheMinus2H() {
        double h = 0.3;
        Architecture big = new Architecture(3, 20, 20, 2, 64, Activations.TANH, Convention.PAPER, true, true);
        Parameters p = new FractionalBrownian(2, h, 1, 1).create(big);
        double s2 = 0;
        int cnt = 0;
        for (int k = 1; k < 64; k++) {
            double[] a = layer(p, false, k), b = layer(p, false, k + 1);
            for (int e = 0; e < a.length; e++) { s2 += (b[e] - a[e]) * (b[e] - a[e]); cnt++; }
        }
        double expected = Math.pow(1.0 / 64, 2 * h);
        // 400 independent paths × 63 stationary increments; the relative sd of the mean square is below 2%
        assertEquals(1.0, s2 / cnt / expected, 0.1);
    }
}
