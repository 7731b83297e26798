package depthlimit.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * 50-digit reference values for the activations, from power series and a continued fraction in BigDecimal:
 * independent of every float64 routine under test.
 */
final class HighPrecision {
    static final MathContext MC = new MathContext(50, RoundingMode.HALF_EVEN);
    static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510582097494");
    static final BigDecimal TWO = BigDecimal.valueOf(2);
    static final BigDecimal SQRT2 = TWO.sqrt(MC);
    static final BigDecimal SQRT_PI = PI.sqrt(MC);

    private HighPrecision() {}

    static BigDecimal exp(BigDecimal x) {
        // e^x = (e^{x/2^s})^{2^s}, with |x/2^s| < 1/2 for a fast Taylor series
        int s = 0;
        BigDecimal r = x;
        while (r.abs().compareTo(new BigDecimal("0.5")) > 0) { r = r.divide(TWO, MC); s++; }
        MathContext wide = new MathContext(MC.getPrecision() + 2 * s + 10);
        BigDecimal term = BigDecimal.ONE, sum = BigDecimal.ONE;
        for (int k = 1; k < 200; k++) {
            term = term.multiply(r, wide).divide(BigDecimal.valueOf(k), wide);
            sum = sum.add(term, wide);
            if (term.abs().compareTo(BigDecimal.ONE.movePointLeft(wide.getPrecision() + 5)) < 0) break;
        }
        for (int i = 0; i < s; i++) sum = sum.multiply(sum, wide);
        return sum.round(MC);
    }

    /** erf(z) by its Maclaurin series (|z| ≤ 3; 90 digits of working precision absorb the cancellation). */
    static BigDecimal erfSeries(BigDecimal z) {
        MathContext wide = new MathContext(90);
        BigDecimal z2 = z.multiply(z, wide);
        BigDecimal term = z, sum = z; // term_k = (−1)^k z^{2k+1} / k!
        for (int k = 1; k < 2000; k++) {
            term = term.multiply(z2, wide).divide(BigDecimal.valueOf(-k), wide);
            BigDecimal add = term.divide(BigDecimal.valueOf(2L * k + 1), wide);
            sum = sum.add(add, wide);
            if (add.abs().compareTo(BigDecimal.ONE.movePointLeft(80)) < 0) break;
        }
        return sum.multiply(TWO, wide).divide(SQRT_PI, MC);
    }

    /** erfc(z) for z > 2 by the continued fraction erfc z = e^{−z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))). */
    static BigDecimal erfcLarge(BigDecimal z) {
        MathContext wide = new MathContext(70);
        BigDecimal f = z;
        for (int k = 400; k >= 1; k--) f = z.add(BigDecimal.valueOf(k).divide(TWO, wide).divide(f, wide), wide);
        return exp(z.multiply(z, wide).negate()).divide(SQRT_PI.multiply(f, wide), MC);
    }

    /** Φ(x) = erfc(−x/√2)/2. */
    static BigDecimal normalCdf(double xd) {
        BigDecimal x = new BigDecimal(xd);
        BigDecimal z = x.divide(SQRT2, MC);
        if (z.abs().compareTo(BigDecimal.valueOf(3)) <= 0)
            return BigDecimal.ONE.add(erfSeries(z), MC).divide(TWO, MC);
        BigDecimal tail = erfcLarge(z.abs()).divide(TWO, MC);
        return xd < 0 ? tail : BigDecimal.ONE.subtract(tail, MC);
    }

    /** φ(x) = e^{−x²/2}/√(2π). */
    static BigDecimal normalDensity(double xd) {
        BigDecimal x = new BigDecimal(xd);
        return exp(x.multiply(x, MC).divide(TWO, MC).negate()).divide(SQRT2.multiply(SQRT_PI, MC), MC);
    }

    static BigDecimal tanh(double xd) {
        BigDecimal x = new BigDecimal(xd);
        if (x.abs().compareTo(BigDecimal.valueOf(40)) > 0) return BigDecimal.valueOf(Math.signum(xd));
        if (x.abs().compareTo(new BigDecimal("1e-3")) < 0) { // x − x³/3 + 2x⁵/15 − 17x⁷/315 + 62x⁹/2835, error O(x¹¹)
            BigDecimal x2 = x.multiply(x, MC), t = x, sum = x;
            String[][] c = {{"-1", "3"}, {"2", "15"}, {"-17", "315"}, {"62", "2835"}};
            for (String[] q : c) {
                t = t.multiply(x2, MC);
                sum = sum.add(t.multiply(new BigDecimal(q[0])).divide(new BigDecimal(q[1]), MC), MC);
            }
            return sum;
        }
        BigDecimal e = exp(x.multiply(TWO, MC).negate().abs().negate()); // e^{−2|x|}
        BigDecimal t = BigDecimal.ONE.subtract(e, MC).divide(BigDecimal.ONE.add(e, MC), MC);
        return xd < 0 ? t.negate() : t;
    }

    static BigDecimal sin(double xd) { return trig(xd, true); }

    static BigDecimal cos(double xd) { return trig(xd, false); }

    private static BigDecimal trig(double xd, boolean sine) {
        MathContext wide = new MathContext(90);
        BigDecimal x = new BigDecimal(xd);
        BigDecimal x2 = x.multiply(x, wide);
        BigDecimal term = sine ? x : BigDecimal.ONE, sum = term;
        for (int k = 1; k < 500; k++) {
            int a = sine ? 2 * k : 2 * k - 1, b = sine ? 2 * k + 1 : 2 * k;
            term = term.multiply(x2, wide).divide(BigDecimal.valueOf(-(long) a * b), wide);
            sum = sum.add(term, wide);
            if (term.abs().compareTo(BigDecimal.ONE.movePointLeft(85)) < 0) break;
        }
        return sum.round(MC);
    }
}
