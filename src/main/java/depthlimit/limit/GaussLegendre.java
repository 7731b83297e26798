package depthlimit.limit;

import java.util.function.DoubleUnaryOperator;

/**
 * The 4-point Gauss–Legendre rule mapped to an interval [lo, hi]: exact for polynomials of degree ≤ 7, error
 * O((hi − lo)^9 · f^{(8)}) per interval. Used for the L²(0,1) distance between a piecewise-constant depth map and a
 * smooth weight function (eq. (8), Appendix A.5), one rule per piece.
 *
 * <p>The nodes ±√(3/7 ∓ (2/7)√(6/5)) and weights (18 ± √30)/36 are the correctly rounded doubles. Hipparchus'
 * {@code GaussIntegratorFactory().legendre(4)} computes the same nodes but the inner weight one ulp lower
 * (0.652145154862546 instead of 0.6521451548625461); these literals are kept so that the claims' L² distances, and
 * hence their evidence, stay bit-identical to earlier runs (GaussLegendreTest compares the two).
 */
public final class GaussLegendre {
    private GaussLegendre() {}

    /** Number of points of the rule. */
    public static final int POINTS = 4;

    private static final double[] X = {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526};
    private static final double[] W = {0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538};

    /** The i-th node (0 ≤ i < {@link #POINTS}) in [lo, hi]: (lo + hi)/2 + (hi − lo)/2 · x_i. */
    public static double node(int i, double lo, double hi) {
        return 0.5 * (lo + hi) + 0.5 * (hi - lo) * X[i];
    }

    /** The i-th weight for [lo, hi]: (hi − lo)/2 · w_i (the weights for [lo, hi] sum to hi − lo). */
    public static double weight(int i, double lo, double hi) {
        return 0.5 * (hi - lo) * W[i];
    }

    /** ∫_lo^hi f by the rule: Σ_i weight(i)·f(node(i)), summed in node order. */
    public static double integrate(DoubleUnaryOperator f, double lo, double hi) {
        double s = 0;
        for (int i = 0; i < POINTS; i++) s += weight(i, lo, hi) * f.applyAsDouble(node(i, lo, hi));
        return s;
    }
}
