package depthlimit.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * σ, σ′, σ″ of every built-in against 50-digit references. The error is measured in ulps of
 * max(|exact|, scale(x)), where scale(x) is the sum of the magnitudes of the terms of the defining formula
 * (e.g. Φ(x) + |x|φ(x) for GELU′): near a root of the function (GELU′ at x ≈ −0.75, GELU″ at ±√2) no float64 routine
 * can do better than ε times the terms that cancel. The bound is the "a few ulps": 4 for tanh, sin and
 * x·e^{−x²/2} (one or two roundings after a ≤ 1-ulp exp/sin/cos), 8 for GELU and Φ (the error budget in
 * {@link NormalCdf}: about 7 ulps worst case through two degree-8 Horner evaluations and a quotient).
 */
class ActivationAccuracyTest {
    private static final double MAX_ULPS = 4, MAX_ULPS_GELU = 8;

    private static List<Double> points() {
        List<Double> xs = new ArrayList<>();
        java.util.Random r = new java.util.Random(12345);
        for (int i = 0; i < 400; i++) xs.add((r.nextDouble() * 2 - 1) * 8);
        for (int i = 0; i < 100; i++) xs.add((r.nextDouble() * 2 - 1) * 36);
        for (int i = 0; i < 100; i++) xs.add((r.nextDouble() * 2 - 1) * 1e-3);
        for (double x : new double[]{0.0, 1e-300, -1e-300, 1e-10, 0.25, 0.5, -0.5, 0.4999999, 0.66291, 0.6629126,
                0.7071067811865476, 1, -1, Math.sqrt(2), -Math.sqrt(2), Math.sqrt(3), 4 * Math.sqrt(2), -4 * Math.sqrt(2),
                5.6, -5.6, 10, -10, 19.5, 20, -26, 30, -37})
            xs.add(x);
        return xs;
    }

    /** Worst error in ulps of max(|exact|, scale). */
    private static double worst(String what, DoubleUnaryOperator f, DoubleFunction<BigDecimal> exact, DoubleUnaryOperator scale) {
        return worst(what, f, exact, scale, MAX_ULPS);
    }

    private static double worst(String what, DoubleUnaryOperator f, DoubleFunction<BigDecimal> exact, DoubleUnaryOperator scale,
                                double bound) {
        double worst = 0, at = Double.NaN;
        for (double x : points()) {
            BigDecimal e = exact.apply(x);
            double ed = e.doubleValue();
            if (ed != 0 && Math.abs(ed) < 1e-290) continue; // subnormal results carry no relative precision
            double got = f.applyAsDouble(x);
            double err = new BigDecimal(got).subtract(e).abs().doubleValue();
            double unit = Math.ulp(Math.max(Math.abs(ed), Math.abs(scale.applyAsDouble(x))));
            double ulps = err == 0 ? 0 : err / Math.max(unit, Double.MIN_NORMAL);
            if (ulps > worst) { worst = ulps; at = x; }
        }
        System.out.printf("%-12s worst %.2f ulps at x = %s%n", what, worst, at);
        assertTrue(worst <= bound, what + ": " + worst + " ulps at x = " + at);
        return worst;
    }

    @Test
    void gelu() {
        // both forms: e^{−x²/2} from Math.exp (≤ 1 ulp) or from GaussianExp (≤ 1.4 ulps): the budget of 7 holds for both
        for (Activation g : java.util.Set.of(Activations.GELU, Activations.GELU_MATH_EXP)) gelu(g);
    }

    private static void gelu(Activation g) {
        worst("gelu", g::value, x -> new BigDecimal(x).multiply(HighPrecision.normalCdf(x), HighPrecision.MC), x -> 0, MAX_ULPS_GELU);
        worst("gelu'", g::d1, x -> HighPrecision.normalCdf(x).add(new BigDecimal(x).multiply(HighPrecision.normalDensity(x))),
                x -> NormalCdf.cdf(x) + Math.abs(x) * NormalCdf.density(x), MAX_ULPS_GELU);
        worst("gelu''", g::d2, x -> HighPrecision.normalDensity(x).multiply(BigDecimal.valueOf(2).subtract(new BigDecimal(x).pow(2))),
                x -> NormalCdf.density(x) * (2 + x * x));
        worst("Phi", NormalCdf::cdf, HighPrecision::normalCdf, x -> 0, MAX_ULPS_GELU);
    }

    @Test
    void tanh() {
        Activation t = Activations.TANH;
        worst("tanh", t::value, HighPrecision::tanh, x -> 0);
        worst("tanh'", t::d1, x -> BigDecimal.ONE.subtract(HighPrecision.tanh(x).pow(2)), x -> 0);
        // σ″ = −2σσ′ multiplies two computed values (≤ 1.5 and ≤ 3 ulps) and rounds once: ≤ 5 ulps.
        worst("tanh''", t::d2, x -> {
            BigDecimal th = HighPrecision.tanh(x);
            return th.multiply(BigDecimal.valueOf(-2)).multiply(BigDecimal.ONE.subtract(th.pow(2)));
        }, x -> 0, 5);
    }

    @Test
    void sine() {
        Activation s = Activations.SIN;
        worst("sin", s::value, HighPrecision::sin, x -> 0);
        worst("sin'", s::d1, HighPrecision::cos, x -> 0);
        worst("sin''", s::d2, x -> HighPrecision.sin(x).negate(), x -> 0);
    }

    @Test
    void gaussX() {
        Activation g = Activations.GAUSS_X;
        DoubleFunction<BigDecimal> e = x -> HighPrecision.exp(new BigDecimal(x).pow(2).divide(BigDecimal.valueOf(-2)));
        worst("gauss-x", g::value, x -> new BigDecimal(x).multiply(e.apply(x)), x -> 0);
        worst("gauss-x'", g::d1, x -> BigDecimal.ONE.subtract(new BigDecimal(x).pow(2)).multiply(e.apply(x)), x -> 0);
        worst("gauss-x''", g::d2, x -> new BigDecimal(x).multiply(new BigDecimal(x).pow(2).subtract(BigDecimal.valueOf(3))).multiply(e.apply(x)),
                x -> Math.abs(x) * (x * x + 3) * NormalCdf.gaussianFactor(x));
    }

    @Test
    void bulkEvalMatchesScalarBitForBit() {
        double[] u = points().stream().mapToDouble(Double::doubleValue).toArray();
        for (Activation a : Activations.BUILT_IN) {
            double[] s = new double[u.length + 3], ds = new double[u.length + 3];
            a.eval(u, 0, s, ds, 3, u.length);
            for (int i = 0; i < u.length; i++) {
                assertTrue(Double.compare(s[i + 3], a.value(u[i])) == 0, a.name() + " value at " + u[i]);
                assertTrue(Double.compare(ds[i + 3], a.d1(u[i])) == 0, a.name() + " d1 at " + u[i]);
            }
        }
    }

    @Test
    void reluAndIdentity() {
        assertTrue(Activations.RELU.value(-2) == 0 && Activations.RELU.value(3) == 3 && Activations.RELU.d1(0) == 0
                && Activations.RELU.d1(1e-300) == 1 && !Activations.RELU.isC2());
        assertTrue(Activations.IDENTITY.value(-2.5) == -2.5 && Activations.IDENTITY.d1(7) == 1 && Activations.IDENTITY.d2(7) == 0);
    }
}
