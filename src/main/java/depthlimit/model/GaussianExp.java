package depthlimit.model;

/**
 * e^a for a ≤ 0 written with fused multiply-adds only, so that {@link SimdGelu} evaluates exactly these operations
 * in vector lanes and a scalar call reproduces every lane bit for bit (the JDK's {@link Math#exp} is an intrinsic
 * whose bits no vector code can match). Used for e^{−x²/2} in the vectorised GELU; hand-written because no
 * maintained Java library offers a vector exp with a stated bound on JDK 17.
 *
 * <p>Method: n = round(a·log₂e) by adding 1.5·2⁵² (the integer lands in the low bits), r = a − n·ln2 by two fused
 * multiply-adds with ln2 split hi + lo (|r| ≤ ln2/2 + 10⁻¹²), e^r by its Taylor polynomial of degree 13 (Horner,
 * fused), then the scaling 2ⁿ = 2^⌊n/2⌋·2^{n−⌊n/2⌋} (two exact multiplications while the result is normal, so
 * subnormal results round once).
 *
 * <p>Error bound, for results in the normal range: truncation |r|¹⁴/14!·e^{|r|} ≤ 6·10⁻¹⁸ (0.08 ulp of e^r ≥ 0.707),
 * the rounding of r (½ ulp of r ≤ 2.8·10⁻¹⁷, times e^r ≤ √2: 0.36 ulp), the Horner steps after the last one (|r|
 * times their ½-ulp roundings, 0.42 ulp) and the final rounding (½ ulp): at most 1.4 ulps of the result. Arguments
 * below −746 give 0, as the exact value is below half the smallest subnormal; NaN gives NaN.
 */
final class GaussianExp {
    private GaussianExp() {}

    static final double LOG2E = 1.4426950408889634, SHIFT = 0x1.8p52, FLOOR = -746.0;
    /** ln 2 = LN2_HI + LN2_LO, LN2_HI with 32 significant bits (fdlibm's split). */
    static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    static final long SHIFT_BITS = Double.doubleToRawLongBits(SHIFT);
    /** 1/k! for k = 0..13. */
    static final double[] C = new double[14];

    static {
        double f = 1;
        for (int k = 0; k < C.length; k++) {
            if (k > 0) f *= k; // k! is exact in a double up to 18!
            C[k] = 1 / f;
        }
    }

    static final double C0 = C[0], C1 = C[1], C2 = C[2], C3 = C[3], C4 = C[4], C5 = C[5], C6 = C[6], C7 = C[7],
            C8 = C[8], C9 = C[9], C10 = C[10], C11 = C[11], C12 = C[12], C13 = C[13];

    /** e^a for a ≤ 0 (a > 0 is outside the contract). */
    static double exp(double a) {
        a = Math.max(a, FLOOR);
        double t = Math.fma(a, LOG2E, SHIFT);
        double nd = t - SHIFT;
        double r = Math.fma(nd, -LN2_HI, a);
        r = Math.fma(nd, -LN2_LO, r);
        double p = Math.fma(C13, r, C12);
        p = Math.fma(p, r, C11); p = Math.fma(p, r, C10); p = Math.fma(p, r, C9); p = Math.fma(p, r, C8);
        p = Math.fma(p, r, C7); p = Math.fma(p, r, C6); p = Math.fma(p, r, C5); p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3); p = Math.fma(p, r, C2); p = Math.fma(p, r, C1); p = Math.fma(p, r, C0);
        long n = Double.doubleToRawLongBits(t) - SHIFT_BITS;
        long n1 = n >> 1, n2 = n - n1;
        return p * Double.longBitsToDouble((n1 + 1023) << 52) * Double.longBitsToDouble((n2 + 1023) << 52);
    }

    /** e^{−x²/2} as {@link NormalCdf#gaussianFactor}, with x² split exactly, but through {@link #exp}. */
    static double gaussianFactor(double x) {
        double hi = x * x;
        double lo = Math.fma(x, x, -hi);
        return exp(-0.5 * hi) * (1 - 0.5 * lo);
    }
}
