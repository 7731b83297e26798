package depthlimit.limit;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 4-point rule: exactness up to degree 7, its error at degree 8, and agreement with Hipparchus' rule. */
class GaussLegendreTest {
    @Test
    void exactForPolynomialsUpToDegreeSeven() {
        for (int deg = 0; deg <= 7; deg++) {
            int p = deg;
            // ∫_{0.25}^{1.5} x^p dx = (1.5^{p+1} − 0.25^{p+1})/(p + 1)
            double exact = (Math.pow(1.5, p + 1) - Math.pow(0.25, p + 1)) / (p + 1);
            assertEquals(exact, GaussLegendre.integrate(x -> Math.pow(x, p), 0.25, 1.5), 1e-14 * Math.max(1, exact), "degree " + p);
        }
    }

    @Test
    void degreeEightIsNotExactAndItsErrorIsTheKnownOne() {
        // error of the n-point rule on [−1, 1]: 2^{2n+1}(n!)⁴/((2n+1)((2n)!)³)·f^{(2n)}(ξ); n = 4, f = x⁸: f⁽⁸⁾ = 8!
        double c = Math.pow(2, 9) * Math.pow(24, 4) / (9 * Math.pow(40320, 3)) * 40320;
        double err = 2.0 / 9 - GaussLegendre.integrate(x -> Math.pow(x, 8), -1, 1);
        assertEquals(c, err, 1e-14);
        assertTrue(err > 1e-3);
    }

    @Test
    void nodesAndWeightsAgreeWithHipparchusToOneUlp() {
        GaussIntegrator h = new GaussIntegratorFactory().legendre(4);
        double wsum = 0;
        for (int i = 0; i < GaussLegendre.POINTS; i++) {
            double x = GaussLegendre.node(i, -1, 1), w = GaussLegendre.weight(i, -1, 1);
            assertEquals(h.getPoint(i), x, Math.ulp(x));
            assertEquals(h.getWeight(i), w, Math.ulp(w));
            wsum += w;
        }
        assertEquals(2.0, wsum, 4 * Math.ulp(2.0));
        // the literal inner weight is the correctly rounded (18 + √30)/36 = 0.65214515486254614262…
        assertEquals(0.6521451548625461, GaussLegendre.weight(1, -1, 1));
    }

    @Test
    void weightsScaleWithTheInterval() {
        double s = 0;
        for (int i = 0; i < GaussLegendre.POINTS; i++) {
            s += GaussLegendre.weight(i, 2, 5);
            double x = GaussLegendre.node(i, 2, 5);
            assertTrue(x > 2 && x < 5);
        }
        assertEquals(3.0, s, 1e-15);
    }
}
