package depthlimit.limit;

import depthlimit.plot.Axis;
import depthlimit.plot.Figure;
import depthlimit.plot.Series;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One quantity measured along a depth refinement, as a result that describes and plots itself (DiffEqDevTools'
 * convergence simulations): the depths L, the value at each, the {@link RateFit} of value ≈ C·(1/L)^p made over the
 * window fitFrom ≤ L ≤ fitTo, or no fit (a curve shown without a reference line).
 *
 * @param label   the quantity's name, as in the legend
 * @param depths  the refinement values L (the study keeps its own copy)
 * @param values  the measured quantity at each L
 * @param fit     its rate fit in 1/L, or null
 * @param fitFrom first L of the fit window (the fitted line is drawn over the window only)
 * @param fitTo   last L of the window ({@link Double#POSITIVE_INFINITY}: no upper end)
 */
public record ConvergenceStudy(String label, double[] depths, double[] values, RateFit fit, double fitFrom, double fitTo) {
    public ConvergenceStudy {
        if (depths.length != values.length)
            throw new IllegalArgumentException("study " + label + ": " + depths.length + " depths, " + values.length + " values");
        depths = depths.clone();
        values = values.clone();
    }

    /** A study whose fit window is L ≥ fitFrom. */
    public static ConvergenceStudy of(String label, int[] depths, double[] values, RateFit fit, int fitFrom) {
        return of(label, depths, values, fit, fitFrom, Double.POSITIVE_INFINITY);
    }

    /** A study whose fit window is fitFrom ≤ L ≤ fitTo. */
    public static ConvergenceStudy of(String label, int[] depths, double[] values, RateFit fit, int fitFrom, double fitTo) {
        double[] d = new double[depths.length];
        for (int i = 0; i < d.length; i++) d[i] = depths[i];
        return new ConvergenceStudy(label, d, values, fit, fitFrom, fitTo);
    }

    /** A study over every depth given. */
    public static ConvergenceStudy of(String label, double[] depths, double[] values, RateFit fit) {
        return new ConvergenceStudy(label, depths, values, fit, 0, Double.POSITIVE_INFINITY);
    }

    @Override
    public double[] depths() { return depths.clone(); }

    @Override
    public double[] values() { return values.clone(); }

    /** True when depth L is in the fit window. */
    public boolean inWindow(double L) { return L >= fitFrom && L <= fitTo; }

    /** The columns of {@link #table()}. */
    public List<String> columns() { return List.of("L", label, "L·" + label, "in fit window"); }

    /** One row per depth: L, the value, L·value (tends to a constant at an O(1/L) rate), whether L is fitted. */
    public List<List<Object>> table() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < depths.length; i++)
            rows.add(List.of(depths[i], values[i], depths[i] * values[i], inWindow(depths[i])));
        return rows;
    }

    /**
     * The study as data (for claims.json): quantity, L, values, the fit window (fit_to absent when unbounded) and the
     * fit's own map (null without a fit).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quantity", label);
        m.put("L", depths.clone());
        m.put("values", values.clone());
        m.put("fit_from", fitFrom);
        if (fitTo != Double.POSITIVE_INFINITY) m.put("fit_to", fitTo);
        m.put("fit", fit == null ? null : fit.toMap());
        return m;
    }

    /**
     * The measured points and, with a finite fit, the fitted line C·L^{−p} over the window's depths (the fit is made
     * in h = 1/L, so the slope drawn is −p) and, when the fit has a confidence interval, the two lines of slope
     * −p_low, −p_high through the centre of the fitted points: the fit's 95% band for the slope.
     */
    public List<Series> series() {
        List<Series> s = new ArrayList<>();
        s.add(Series.points(label, depths, values));
        if (fit == null || !Double.isFinite(fit.slope())) return s;
        double lo = Double.POSITIVE_INFINITY, hi = 0, mx = 0, my = 0;
        int n = 0;
        for (int i = 0; i < depths.length; i++) {
            if (!inWindow(depths[i])) continue;
            lo = Math.min(lo, depths[i]);
            hi = Math.max(hi, depths[i]);
            // the least-squares line passes through the mean of the fitted (log L, log value) points: the band pivots there
            if (!fit.droppedAtRoundoff().contains(1.0 / depths[i]) && values[i] > 0) { mx += Math.log(depths[i]); my += Math.log(values[i]); n++; }
        }
        if (n == 0) return s;
        double[] ends = {lo, hi};
        boolean band = Double.isFinite(fit.slopeLow()) && Double.isFinite(fit.slopeHigh());
        s.add(Series.powerLaw(band ? String.format(Locale.ROOT, "fit: slope %.3g, 95%% CI [%.3g, %.3g] (dotted)", -fit.slope(),
                -fit.slopeHigh(), -fit.slopeLow()) : String.format(Locale.ROOT, "fit: slope %.3g", -fit.slope()), fit.constant(), -fit.slope(), ends));
        if (band) {
            mx /= n;
            my /= n;
            for (double p : new double[]{fit.slopeLow(), fit.slopeHigh()})
                s.add(new Series(String.format(Locale.ROOT, "%s: 95%% band edge, slope %.3g", label, -p), ends,
                        new double[]{Math.exp(my + p * mx) * Math.pow(lo, -p), Math.exp(my + p * mx) * Math.pow(hi, -p)}, Series.Style.BAND));
        }
        return s;
    }

    /** This study alone on log–log axes (x: depth L, y: yLabel), see {@link #series()}. */
    public Figure figure(String name, String title, String caption, String yLabel) {
        return figure(name, title, caption, yLabel, List.of(this));
    }

    /** Several studies on one pair of log–log axes, each with its fit and band in its colour, in order. */
    public static Figure figure(String name, String title, String caption, String yLabel, List<ConvergenceStudy> studies) {
        List<Series> s = new ArrayList<>();
        for (ConvergenceStudy c : studies) s.addAll(c.series());
        return new Figure(name, title, caption, Axis.log("depth L"), Axis.log(yLabel), s);
    }
}
