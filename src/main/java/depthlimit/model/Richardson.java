package depthlimit.model;

/**
 * Richardson extrapolation for a quantity computed at step h (coarse) and h/2 (fine) by a method of order p, i.e.
 * with an error expansion C·h^p + O(h^{p+1}): the extrapolated value (2^p·fine − coarse)/(2^p − 1) cancels the
 * leading term, and |fine − coarse|/(2^p − 1) estimates the error of the fine value. Used with p = 1 for the ResNet
 * as Euler scheme of the neural ODE (Proposition 2), p = 2 for central differences, p = 4 for RK4.
 *
 * <p>The formulas are evaluated exactly as written here (2^p is exact), so a caller that wrote them out by hand gets
 * bit-identical values from these methods.
 */
public final class Richardson {
    private Richardson() {}

    /** (2^p·fine − coarse)/(2^p − 1): the value with the h^p term of the error removed. Order p ≥ 1. */
    public static double extrapolate(double coarse, double fine, int order) {
        double f = factor(order);
        return (f * fine - coarse) / (f - 1);
    }

    /** |fine − coarse|/(2^p − 1): an estimate of the error of {@code fine} (asymptotically exact as h → 0). */
    public static double errorEstimate(double coarse, double fine, int order) {
        return Math.abs(fine - coarse) / (factor(order) - 1);
    }

    /** max_i |fine[i] − coarse[i]|/(2^p − 1): {@link #errorEstimate(double, double, int)} in the max norm. */
    public static double errorEstimate(double[] coarse, double[] fine, int order) {
        if (coarse.length != fine.length) throw new IllegalArgumentException("length mismatch: " + coarse.length + " vs " + fine.length);
        return Vectors.maxAbsDiff(fine, coarse) / (factor(order) - 1);
    }

    private static double factor(int order) {
        if (order < 1 || order > 60) throw new IllegalArgumentException("order must be in 1..60, got " + order);
        return Math.scalb(1.0, order);
    }
}
