package depthlimit.claims;

import depthlimit.limit.CauchyRatios;
import depthlimit.limit.RateFit;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A predicted value with its tolerance, e.g. the slope 1 ± 0.15 of an O(1/L) error against 1/L: the one place from
 * which both a check and its claim's "predicted" text take the numbers, so that changing a tolerance changes both.
 */
public record Tolerance(double center, double halfWidth) {
    /**
     * The fitted slope in h = 1/L of an O(1/L) quantity. 0.15 separates a first-order rate from the rates the claims'
     * failing settings produce (≈ 0 without regularity, ≈ 0.27–0.6 for Hölder-0.3 or central-limit roughness; see
     * docs/claims.md).
     */
    public static final Tolerance RATE_1_OVER_L = new Tolerance(1, 0.15);

    /**
     * The last ratio Y(2L)/Y(L) of Y(L) = L·X(L) (the Cauchy form of "X = O(1/L)", {@link CauchyRatios}): within 0.05
     * of 1, the size of the O(1/L) correction of L·X at the finest doubling reached.
     */
    public static final Tolerance CAUCHY_RATIO = new Tolerance(1, 0.05);

    public Tolerance {
        if (!(halfWidth >= 0) || !Double.isFinite(center)) throw new IllegalArgumentException("tolerance " + center + " ± " + halfWidth);
    }

    /** |x − center| ≤ halfWidth (false for NaN). */
    public boolean contains(double x) { return Math.abs(x - center) <= halfWidth; }

    /** |x − center| < halfWidth (false for NaN). */
    public boolean containsStrictly(double x) { return Math.abs(x - center) < halfWidth; }

    /** The fit's slope is in this tolerance and the fit is not pre-asymptotic ({@link RateFit#consistentWith}). */
    public boolean fits(RateFit fit) { return fit.consistentWith(center, halfWidth); }

    /** The same half-width around −center (a rate in L rather than in 1/L). */
    public Tolerance negate() { return new Tolerance(-center, halfWidth); }

    /** The Cauchy ratios of L·x with this tolerance on the last ratio (for {@link #CAUCHY_RATIO}). */
    public CauchyRatios cauchy(double[] depth, double[] x) {
        if (center != 1) throw new IllegalStateException("a Cauchy ratio tends to 1, not " + center);
        return CauchyRatios.of(depth, x, halfWidth);
    }

    /** "1 ± 0.15" (shortest decimals, a typographic minus). */
    public String text() { return number(center) + " ± " + number(halfWidth); }

    /** "1 ± 0.05" as a percentage of the center: "within 5 %". */
    public String percentText() { return "within " + number(100 * halfWidth / Math.abs(center)) + " %"; }

    /** The phrase of the Cauchy criterion for a quantity such as "L·X". */
    public static String converges(String scaled) {
        return scaled + " converges as L doubles (last ratio " + CAUCHY_RATIO.text() + ")";
    }

    /** A tolerance or threshold as text: shortest decimals ("0.15"), or a power of ten ("10⁻⁶", "2·10⁻⁹") when small or large. */
    public static String number(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) return scientific(v);
        return (v < 0 ? "−" : "") + plain(a);
    }

    /** Always in scientific form with a typographic power of ten: "1.46·10⁴", "3.28·10⁻³", "10⁷". */
    public static String scientific(double v) {
        if (v == 0 || !Double.isFinite(v)) return number(v);
        double a = Math.abs(v);
        int e = (int) Math.floor(Math.log10(a));
        String m = plain(a / Math.pow(10, e));
        if (m.equals("10")) { m = "1"; e++; }
        return (v < 0 ? "−" : "") + (m.equals("1") ? "" : m + "·") + "10" + superscript(e);
    }

    private static String superscript(int e) {
        StringBuilder sup = new StringBuilder();
        for (char c : Integer.toString(e).toCharArray()) sup.append(c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(c - '0'));
        return sup.toString();
    }

    private static String plain(double a) {
        // 10 significant digits: 100·0.05 is 5.000000000000001 in binary
        return new BigDecimal(a).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
