package depthlimit.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vectorised GELU: its exp against 50-digit references to the bound derived in {@link GaussianExp} (1.4 ulps),
 * its lanes equal to the scalar form bit for bit for every offset, length and tail, and its distance to the GELU of
 * {@link Math#exp} (the values before the vector path) bounded.
 */
class SimdGeluTest {
    /** {@link GaussianExp}'s derived bound for normal results. */
    private static final double EXP_ULPS = 1.4;

    @Test
    void expWithinDerivedBoundOnDenseGridAndTails() {
        double worst = 0, at = 0;
        int normal = 0, subnormal = 0;
        Random r = new Random(7);
        for (int i = 0; i <= 6000; i++) {
            double a = i < 3000 ? -745.0 * i / 3000 : -(i - 3000) * 1e-3 * r.nextDouble(); // whole range, then near 0
            if (i % 7 == 0) a = -r.nextDouble() * 746;
            BigDecimal exact = HighPrecision.exp(new BigDecimal(a));
            double ed = exact.doubleValue(), got = GaussianExp.exp(a);
            double err = new BigDecimal(got).subtract(exact).abs().doubleValue();
            if (ed >= Double.MIN_NORMAL) {
                normal++;
                double ulps = err / Math.ulp(ed);
                if (ulps > worst) { worst = ulps; at = a; }
            } else {
                // subnormal: p·2^{n1} is exact and ·2^{n2} rounds once, to ½ of the smallest subnormal, plus p's error
                subnormal++;
                assertTrue(err <= Double.MIN_VALUE, "subnormal e^" + a + ": " + got + " vs " + exact);
            }
        }
        System.out.printf("GaussianExp: worst %.3f ulps at %s over %d normal results; %d subnormal results within 1 ulp%n",
                worst, at, normal, subnormal);
        assertTrue(worst <= EXP_ULPS, worst + " ulps at a = " + at);
        assertTrue(normal > 5000 && subnormal > 0, "the grid reaches both ranges");
        assertEquals(0.0, GaussianExp.exp(-746.0));
        assertEquals(0.0, GaussianExp.exp(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, GaussianExp.exp(-0.0));
        assertTrue(Double.isNaN(GaussianExp.exp(Double.NaN)));
    }

    @Test
    void vectorLanesEqualScalarFormForEveryOffsetAndLength() {
        assertTrue(Kernels.SIMD, "tests run with --add-modules jdk.incubator.vector (pom.xml surefire argLine)");
        Activation g = Activations.GELU;
        Random r = new Random(11);
        double[] u = new double[4099];
        for (int i = 0; i < u.length; i++)
            u[i] = switch (i % 5) {
                case 0 -> (r.nextDouble() * 2 - 1) * 3;      // the bulk, both sides of |x|/√2 = 0.46875
                case 1 -> (r.nextDouble() * 2 - 1) * 12;     // across |x|/√2 = 4
                case 2 -> (r.nextDouble() * 2 - 1) * 45;     // the far tails, e^{−x²/2} subnormal and zero
                case 3 -> (r.nextDouble() * 2 - 1) * 1e-6;
                default -> new double[]{0.0, -0.0, Double.NaN, 0.66291260736238837, -0.66291260736238837,
                        5.656854249492381, -5.656854249492381, 38.6, -38.6, 1e-300}[i / 5 % 10];
            };
        double[] s = new double[u.length + 20], ds = new double[u.length + 20];
        long compared = 0;
        int lanes = SimdKernels.lanes();
        for (int off = 0; off < lanes + 2; off++)
            for (int len : new int[]{0, 1, lanes - 1, lanes, lanes + 1, 3 * lanes + 5, 4001}) {
                SimdGelu.eval(u, off, s, ds, 7, len);  // the vector lanes themselves (g.eval may still run scalar)
                for (int i = 0; i < len; i++, compared++) {
                    double x = u[off + i];
                    assertEquals(Double.doubleToLongBits(g.value(x)), Double.doubleToLongBits(s[7 + i]), "σ(" + x + ")");
                    assertEquals(Double.doubleToLongBits(g.d1(x)), Double.doubleToLongBits(ds[7 + i]), "σ′(" + x + ")");
                }
            }
        System.out.println("SimdGelu: " + compared + " elements equal to the scalar form bit for bit (" + lanes + " lanes)");
    }

    /**
     * The vector GELU differs from the GELU of {@link Math#exp} only through e = e^{−x²/2}: the two e differ by at
     * most 1.4 + 1 ulps, and e reaches σ and σ′ through erfc = e·R (then ·½, 1 − ·, ·x) and x·e/√(2π) (then + Φ),
     * where each of the at most 4 roundings after e can round a perturbed operand the other way (1 ulp each). So
     * |Δ| ≤ 2.4 + 4 ≤ 7 ulps of the scale: |σ| for σ, Φ + |x|φ for σ′ (the terms that cancel near σ′'s root, x ≈ −0.75).
     * Beyond |x| ≈ 37.6, e and Φ are subnormal and carry absolute roundings (½ of the smallest subnormal each, so the
     * two forms' e and Φ differ by up to 2 of them) that σ = xΦ and x·e/√(2π) multiply by |x|: hence the added
     * 2(|x| + 1) smallest subnormals.
     */
    @Test
    void vectorGeluWithinSevenUlpsOfMathExpGelu() {
        Activation v = Activations.GELU, m = Activations.GELU_MATH_EXP;
        int n = 400_001;
        double[] u = new double[n], s = new double[n], ds = new double[n];
        for (int i = 0; i < n; i++) u[i] = -40 + 80.0 * i / (n - 1);
        v.eval(u, 0, s, ds, 0, n);
        double worstS = 0, worstD = 0, atS = 0, atD = 0;
        int differ = 0;
        for (int i = 0; i < n; i++) {
            double x = u[i], sm = m.value(x), dm = m.d1(x);
            if (s[i] != sm || ds[i] != dm) differ++;
            double scaleS = Math.abs(sm), scaleD = NormalCdf.cdf(x) + Math.abs(x) * NormalCdf.density(x);
            double sub = 2 * (Math.abs(x) + 1) * Double.MIN_VALUE;
            // the error in units of the bound's first term, after taking off its subnormal term
            double es = Math.max(0, Math.abs(s[i] - sm) - sub) / Math.ulp(scaleS);
            double ed = Math.max(0, Math.abs(ds[i] - dm) - sub) / Math.ulp(scaleD);
            if (es > worstS) { worstS = es; atS = x; }
            if (ed > worstD) { worstD = ed; atD = x; }
        }
        System.out.printf("vector GELU vs Math.exp GELU over %d points of [-40, 40]: %d differ; worst beyond the subnormal term %.2f ulps (σ) at %s, %.2f (σ′) at %s%n",
                n, differ, worstS, atS, worstD, atD);
        assertTrue(worstS <= 7 && worstD <= 7, worstS + " / " + worstD);
    }
}
