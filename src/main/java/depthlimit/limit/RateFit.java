package depthlimit.limit;

import org.hipparchus.distribution.continuous.TDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one estimator of convergence rates used everywhere (DiffEqDevTools-style convergence as a first-class
 * result): least-squares slope of log(error) against log(h) (h = 1/L, a step size, …) over arbitrary refinement
 * ratios, with a 95% confidence interval, after dropping points at the float64 round-off floor, plus the pairwise
 * slopes between successive refinements and a pre-asymptotic flag when the finest pairs disagree with the fit.
 *
 * @param slope       fitted exponent p in error ≈ C·h^p
 * @param slopeLow    lower end of the 95% confidence interval (NaN with fewer than 3 points)
 * @param slopeHigh   upper end
 * @param constant    fitted C
 * @param used        points kept
 * @param droppedAtRoundoff h values dropped because error ≤ floorFactor·ε·scale
 * @param pairwise    slopes between successive kept points, coarse to fine
 * @param preAsymptotic true when the last pairwise slope differs from the fit by more than {@code pairTolerance}
 */
public record RateFit(double slope, double slopeLow, double slopeHigh, double constant, int used,
                      List<Double> droppedAtRoundoff, List<Double> pairwise, boolean preAsymptotic) {

    public static final double DEFAULT_FLOOR_FACTOR = 100;
    public static final double DEFAULT_PAIR_TOLERANCE = 0.15;

    /**
     * Fits error ≈ C h^p. {@code scale[i]} is the magnitude of the quantity whose error is measured (its round-off
     * floor is floorFactor·ε·scale); pass 0 to keep every point.
     */
    public static RateFit fit(double[] h, double[] error, double[] scale, double floorFactor, double pairTolerance) {
        if (h.length != error.length || h.length != scale.length) throw new IllegalArgumentException("length mismatch");
        List<double[]> pts = new ArrayList<>();
        List<Double> dropped = new ArrayList<>();
        for (int i = 0; i < h.length; i++) {
            double floor = floorFactor * Math.ulp(1.0) * Math.abs(scale[i]);
            if (!(error[i] > floor) || !(error[i] > 0)) dropped.add(h[i]);
            else pts.add(new double[]{Math.log(h[i]), Math.log(error[i])});
        }
        pts.sort((a, b) -> Double.compare(b[0], a[0])); // coarse (large h) to fine
        int k = pts.size();
        if (k < 2) return new RateFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, k, dropped, List.of(), true);
        double mx = 0, my = 0;
        for (double[] p : pts) { mx += p[0]; my += p[1]; }
        mx /= k;
        my /= k;
        double sxx = 0, sxy = 0;
        for (double[] p : pts) { sxx += (p[0] - mx) * (p[0] - mx); sxy += (p[0] - mx) * (p[1] - my); }
        double slope = sxy / sxx, icept = my - slope * mx;
        double lo = Double.NaN, hi = Double.NaN;
        if (k >= 3) {
            double sse = 0;
            for (double[] p : pts) { double r = p[1] - (icept + slope * p[0]); sse += r * r; }
            double se = Math.sqrt(sse / (k - 2) / sxx);
            double t = new TDistribution(k - 2).inverseCumulativeProbability(0.975);
            lo = slope - t * se;
            hi = slope + t * se;
        }
        List<Double> pair = new ArrayList<>();
        for (int i = 0; i + 1 < k; i++)
            pair.add((pts.get(i + 1)[1] - pts.get(i)[1]) / (pts.get(i + 1)[0] - pts.get(i)[0]));
        boolean pre = Math.abs(pair.get(pair.size() - 1) - slope) > pairTolerance;
        return new RateFit(slope, lo, hi, Math.exp(icept), k, dropped, pair, pre);
    }

    public static RateFit fit(double[] h, double[] error, double[] scale) {
        return fit(h, error, scale, DEFAULT_FLOOR_FACTOR, DEFAULT_PAIR_TOLERANCE);
    }

    /**
     * Fits error ≈ C (1/L)^p over the depths L = depths[i] ≥ {@code from} only (the coarser ones are dropped as
     * pre-asymptotic, {@link #preAsymptoticDepths}), with the default floor and pair tolerance; {@code scale[i]} as in
     * {@link #fit(double[], double[], double[], double, double)}. The three arrays have the same length.
     */
    public static RateFit fitFrom(int[] depths, double[] error, double[] scale, int from) {
        if (depths.length != error.length || depths.length != scale.length) throw new IllegalArgumentException("length mismatch");
        int k = 0;
        for (int L : depths) if (L >= from) k++;
        double[] h = new double[k], e = new double[k], s = new double[k];
        for (int i = 0, j = 0; i < depths.length; i++)
            if (depths[i] >= from) {
                h[j] = 1.0 / depths[i];
                e[j] = error[i];
                s[j++] = scale[i];
            }
        return fit(h, e, s);
    }

    /** The depths below {@code from}, in their order: those {@link #fitFrom} leaves out. */
    public static List<Integer> preAsymptoticDepths(int[] depths, int from) {
        List<Integer> r = new ArrayList<>();
        for (int L : depths) if (L < from) r.add(L);
        return r;
    }

    /** True when the fitted slope is within {@code tol} of {@code expected} and the fit is not pre-asymptotic. */
    public boolean consistentWith(double expected, double tol) {
        return Double.isFinite(slope) && Math.abs(slope - expected) <= tol && !preAsymptotic;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slope", slope);
        m.put("ci95", new double[]{slopeLow, slopeHigh});
        m.put("constant", constant);
        m.put("points_used", used);
        m.put("dropped_at_roundoff", droppedAtRoundoff);
        m.put("pairwise_slopes", pairwise);
        m.put("pre_asymptotic", preAsymptotic);
        return m;
    }
}
