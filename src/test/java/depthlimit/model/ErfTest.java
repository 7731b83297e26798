package depthlimit.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Erf#erf} and {@link Erf#erfc} against 20-digit values from mpmath at 50 digits (mpmath 1.2.1,
 * {@code mpmath.erf}, {@code mpmath.erfc}; nothing taken from the engine), on both signs and in each of Cody's three
 * intervals |z| ≤ 0.46875, 0.46875 < |z| ≤ 4, |z| > 4 (the boundary 0.46875 itself included), plus the tail where
 * erfc underflows.
 *
 * <p>Tolerance 4 ulps of the reference: Cody's rational approximations are accurate to about 18 significant digits,
 * so the error is the float64 roundings — the fused Horner chains (½ ulp each at the end), the quotient (½), e^{−z²}
 * (1) and the final products and 1 − · or 2 − · (½ each) — about 3 ulps. A wrong branch (erf for erfc, 1 − c for
 * 2 − c, the sign of an odd function) errs by orders of magnitude more.
 */
class ErfTest {
    // z, erf(z), erfc(z)
    static final String[][] REF = {
            {"0.1", "0.1124629160182848922", "0.8875370839817151078"},
            {"-0.3", "-0.32862675945912742764", "1.3286267594591274276"},
            {"0.46875", "0.49261347321793799159", "0.50738652678206200841"},
            {"-0.46875", "-0.49261347321793799159", "1.49261347321793799159"},
            {"0.5", "0.52049987781304653768", "0.47950012218695346232"},
            {"-1.25", "-0.92290012825645823014", "1.9229001282564582301"},
            {"2.75", "0.99989937807788036316", "0.0001006219221196368369"},
            {"-3.9", "-0.99999996520775140277", "1.9999999652077514028"},
            {"4.5", "0.99999999980338395585", "1.9661604415428874763e-10"},
            {"-6", "-0.99999999999999997848", "1.9999999999999999785"},
            {"10", "1.0", "2.088487583762544757e-45"},
            // z² not exact in float64: the low part of z² must enter e^{−z²} with the right sign
            {"1.7", "0.98379045859077456084", "0.016209541409225439159"},
            {"3.3", "0.99999694229020356183", "3.0577097964381651988e-6"},
            {"5.1", "0.99999999999945061798", "5.4938202175553198746e-13"},
            {"9.7", "1.0", "7.9361075632145117461e-43"},
    };

    @Test
    void erfAndErfcMatchHighPrecisionValues() {
        double worst = 0;
        for (String[] r : REF) {
            double z = Double.parseDouble(r[0]), erf = Double.parseDouble(r[1]), erfc = Double.parseDouble(r[2]);
            double e1 = Math.abs(Erf.erf(z) - erf) / Math.ulp(erf), e2 = Math.abs(Erf.erfc(z) - erfc) / Math.ulp(erfc);
            assertTrue(e1 <= 4, "erf(" + z + ") = " + Erf.erf(z) + " vs " + erf + ": " + e1 + " ulps");
            assertTrue(e2 <= 4, "erfc(" + z + ") = " + Erf.erfc(z) + " vs " + erfc + ": " + e2 + " ulps");
            worst = Math.max(worst, Math.max(e1, e2));
        }
        System.out.printf("Erf: worst %.2f ulps over %d points%n", worst, REF.length);
    }

    @Test
    void tailsAndSpecialValues() {
        // erfc(27) = 5.237e-319 is subnormal: absolute accuracy of a few of the smallest subnormals
        assertEquals(5.237048923789255685e-319, Erf.erfc(27), 4 * Double.MIN_VALUE);
        assertEquals(0.0, Erf.erfc(28), 0.0, "erfc(28) = 6.6e-343 is below half the smallest subnormal");
        assertEquals(2.0, Erf.erfc(-28), 0.0);
        assertEquals(1.0, Erf.erf(28), 0.0);
        assertEquals(-1.0, Erf.erf(-28), 0.0);
        assertEquals(0.0, Erf.erf(0.0), 0.0);
        assertEquals(1.0, Erf.erfc(0.0), 0.0);
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)) && Double.isNaN(Erf.erfc(Double.NaN)));
        // odd / reflection symmetry, exact by construction of both functions from |z|
        for (double z : new double[]{0.2, 0.9, 3.3, 5.5})
            assertEquals(-Erf.erf(z), Erf.erf(-z), 0.0, "erf(−z) = −erf(z) at " + z);
    }
}
