package depthlimit.plot;

import java.util.Objects;

/**
 * A named curve of a {@link Figure}: points (x[i], y[i]) and how to draw them. A reference line (a fitted rate, a
 * predicted slope, a bound) is a series drawn {@link Style#DASHED}; a confidence band's edges are {@link Style#BAND}.
 * Dashed and band series take the colour of the measured series before them in the figure; a {@link Style#LEVEL}
 * (a threshold or bound that belongs to no curve) is grey.
 */
public record Series(String name, double[] x, double[] y, Style style) {
    public enum Style {
        /** measured points joined by a line */
        LINE_MARKERS,
        /** measured points only */
        MARKERS,
        /** a line without markers (dense curves) */
        LINE,
        /** a reference line: fit, prediction or bound */
        DASHED,
        /** an edge of a confidence band: dotted, not in the legend (its fit's label says it) */
        BAND,
        /** a reference of its own (a threshold such as μ, a bound): dashed, in grey */
        LEVEL
    }

    public Series {
        Objects.requireNonNull(name);
        Objects.requireNonNull(style);
        if (x.length != y.length) throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y values");
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() { return x.clone(); }

    @Override
    public double[] y() { return y.clone(); }

    public int size() { return x.length; }

    public static Series points(String name, double[] x, double[] y) { return new Series(name, x, y, Style.LINE_MARKERS); }

    /** The reference curve y = c·x^p sampled at the given x (a straight line on log–log axes). */
    public static Series powerLaw(String name, double c, double p, double... x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = c * Math.pow(x[i], p);
        return new Series(name, x, y, Style.DASHED);
    }
}
