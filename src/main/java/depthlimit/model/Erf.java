package depthlimit.model;

/**
 * erf and erfc in float64: W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for
 * the error function", Math. Comp. 23 (1969) 631–638; coefficients of his SPECFUN routine CALERF, about 18
 * significant digits) on |z| ≤ 0.46875 (erf directly, full relative accuracy near 0), 0.46875 < |z| ≤ 4 and
 * |z| > 4 (erfc as e^{−z²} times a rational function). The scaled pieces are exposed so that {@link NormalCdf} can
 * supply e^{−x²/2} computed from x itself; here e^{−z²} is computed with z² split exactly by a fused multiply-add,
 * so the relative error of erfc stays at a few ulps in the tail instead of being amplified by the exponential.
 * Horner steps are fused multiply-adds.
 */
public final class Erf {
    private Erf() {}

    /** Below this |z|, erf is evaluated directly. */
    static final double SMALL = 0.46875;
    static final double INV_SQRT_PI = 0.56418958354775628695;

    // erf(z) = z P(z²)/Q(z²) for |z| ≤ 0.46875
    static final double A0 = 3.16112374387056560E00, A1 = 1.13864154151050156E02,
            A2 = 3.77485237685302021E02, A3 = 3.20937758913846947E03, A4 = 1.85777706184603153E-1;
    static final double B0 = 2.36012909523441209E01, B1 = 2.44024637934444173E02,
            B2 = 1.28261652607737228E03, B3 = 2.84423683343917062E03;
    // erfc(z) = e^{−z²} P(z)/Q(z) for 0.46875 < z ≤ 4
    static final double C0 = 5.64188496988670089E-1, C1 = 8.88314979438837594E00,
            C2 = 6.61191906371416295E01, C3 = 2.98635138197400131E02, C4 = 8.81952221241769090E02,
            C5 = 1.71204761263407058E03, C6 = 2.05107837782607147E03, C7 = 1.23033935479799725E03,
            C8 = 2.15311535474403846E-8;
    static final double D0 = 1.57449261107098347E01, D1 = 1.17693950891312499E02,
            D2 = 5.37181101862009858E02, D3 = 1.62138957456669019E03, D4 = 3.29079923573345963E03,
            D5 = 4.36261909014324716E03, D6 = 3.43936767414372164E03, D7 = 1.23033935480374942E03;
    // erfc(z) = e^{−z²}/z (1/√π − w P(w)/Q(w)), w = 1/z², for z > 4
    static final double P0 = 3.05326634961232344E-1, P1 = 3.60344899949804439E-1,
            P2 = 1.25781726111229246E-1, P3 = 1.60837851487422766E-2, P4 = 6.58749161529837803E-4,
            P5 = 1.63153871373020978E-2;
    static final double Q0 = 2.56852019228982242E00, Q1 = 1.87295284992346047E00,
            Q2 = 5.27905102951428412E-1, Q3 = 6.05183413124413191E-2, Q4 = 2.33520497626869185E-3;

    public static double erf(double z) {
        double az = Math.abs(z);
        if (az <= SMALL) return z * smallRatio(z * z);
        if (Double.isNaN(z)) return z;
        double r = 1 - erfcPositive(az);
        return z < 0 ? -r : r;
    }

    public static double erfc(double z) {
        double az = Math.abs(z);
        if (az <= SMALL) return 1 - z * smallRatio(z * z);
        if (Double.isNaN(z)) return z;
        double c = erfcPositive(az);
        return z < 0 ? 2 - c : c;
    }

    /** erf(z)/z for |z| ≤ 0.46875, as a function of z². */
    static double smallRatio(double zz) {
        double num = fma(fma(fma(fma(A4, zz, A0), zz, A1), zz, A2), zz, A3);
        double den = fma(fma(fma(zz + B0, zz, B1), zz, B2), zz, B3);
        return num / den;
    }

    /** erfc(z)·e^{z²} for z > 0.46875 (the rational part; multiply by an accurate e^{−z²}). */
    static double erfcScaled(double z) {
        if (z <= 4) {
            double num = fma(fma(fma(fma(fma(fma(fma(fma(C8, z, C0), z, C1), z, C2), z, C3), z, C4), z, C5), z, C6), z, C7);
            double den = fma(fma(fma(fma(fma(fma(fma(z + D0, z, D1), z, D2), z, D3), z, D4), z, D5), z, D6), z, D7);
            return num / den;
        }
        double w = 1 / (z * z);
        double num = fma(fma(fma(fma(fma(P5, w, P0), w, P1), w, P2), w, P3), w, P4);
        double den = fma(fma(fma(fma(w + Q0, w, Q1), w, Q2), w, Q3), w, Q4);
        return (INV_SQRT_PI - w * num / den) / z;
    }

    /** erfc(z) for z > 0.46875. */
    private static double erfcPositive(double z) {
        if (z > 27.3) return 0.0; // erfc(27.3) < 2^−1074
        double hi = z * z;
        double lo = Math.fma(z, z, -hi);
        return Math.exp(-hi) * (1 - lo) * erfcScaled(z);
    }

    private static double fma(double a, double b, double c) {
        return Math.fma(a, b, c);
    }
}
