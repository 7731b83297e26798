package depthlimit.symbolic;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** erf/erfc against Symja's 30-digit values. */
class SpecialFunctionsTest {
    /**
     * erf or erfc at the exact rational value of the double x, rounded to double. erfc is taken as 1 − Erf at
     * 40 + x²/ln 10 digits: Symja 3.0.0's own arbitrary-precision Erfc is wrong for large arguments
     * (N[Erfc[6], 30] is off in the 14th digit, N[Erfc[10], 30] gives 0).
     */
    private static double ref(String f, double x) {
        String e = exact(x);
        String input = f.equals("Erfc")
                ? "N[1 - Erf[" + e + "], " + (40 + (int) Math.ceil(x * x / Math.log(10))) + "]"
                : "N[Erf[" + e + "], 30]";
        return Symja.call(ev -> ev.evalf(ev.eval(input)));
    }

    /** The double x as an exact Symja rational (a decimal literal would be read as a machine number). */
    static String exact(double x) {
        java.math.BigDecimal b = new java.math.BigDecimal(x);
        return "(" + b.unscaledValue() + (b.scale() > 0 ? "/10^" + b.scale() : "*10^" + (-b.scale())) + ")";
    }

    /**
     * Cody's approximations are good to ~1e-18 relative, so the float64 result is within a few ulps: 4e-16
     * relative (≈ 2 ulps) for erf everywhere, including near 0 where erf is computed directly, and for erfc down to
     * 1e-300 (its e^{−z²} factor is computed with an exact split of z²).
     */
    @Test
    void erfAndErfcToAFewUlps() {
        double[] xs = {1e-12, 1e-5, 0.1, 0.3, 0.46875, 0.5, 1, 2.5, 3.999, 4.001, 6, 10, 20};
        for (double x : xs) {
            for (double s : new double[]{1, -1}) {
                double e = ref("Erf", s * x);
                assertEquals(e, SpecialFunctions.erf(s * x), 4e-16 * Math.abs(e), "erf(" + s * x + ")");
                double c = ref("Erfc", s * x);
                assertEquals(c, SpecialFunctions.erfc(s * x), 4e-16 * Math.abs(c) + 1e-320, "erfc(" + s * x + ")");
            }
        }
    }
}
