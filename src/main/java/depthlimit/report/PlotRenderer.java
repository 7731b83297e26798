package depthlimit.report;

import depthlimit.io.AtomicFiles;
import depthlimit.plot.Axis;
import depthlimit.plot.Figure;
import depthlimit.plot.HeatMap;
import depthlimit.plot.Plot;
import depthlimit.plot.Series;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Plot} with XChart (Apache-2.0; PNG through Java2D, SVG through VectorGraphics2D, both headless) as
 * {@code STEM.png}, {@code STEM.svg} and {@code STEM.csv} (the plotted data). Points that a logarithmic axis cannot
 * show (≤ 0, NaN, ∞) are left out of the image and kept in the CSV.
 */
public final class PlotRenderer {
    static final int WIDTH = 720, HEIGHT = 500;

    private PlotRenderer() {}

    /** The three files written for one plot. */
    public record Files3(Path png, Path svg, Path csv) {}

    public static Files3 write(Plot p, Path dir, String stem) throws IOException {
        // A report is written from the command line or a test, never from a GUI: AWT must not look for a display.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        Chart<?, ?> chart = p instanceof Figure f ? xy(f) : heat((HeatMap) p);
        Path png = dir.resolve(stem + ".png"), svg = dir.resolve(stem + ".svg"), csv = dir.resolve(stem + ".csv");
        // atomic writes: a killed run never leaves a truncated image under its final name
        ByteArrayOutputStream o = new ByteArrayOutputStream(1 << 16);
        BitmapEncoder.saveBitmap(chart, o, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, o.toByteArray());
        o.reset();
        VectorGraphicsEncoder.saveVectorGraphic(chart, o, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        AtomicFiles.write(svg, compactSvg(o.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeString(csv, p.csv());
        return new Files3(png, svg, csv);
    }

    /** A coordinate with three or more decimals in a geometric attribute of the SVG. */
    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{3,}");
    private static final Pattern GEOMETRY = Pattern.compile("( (?:d|transform|x|y|cx|cy|width|height)=\")([^\"]*)\"");

    /**
     * Rounds the coordinates of the SVG's geometry to 1/100 of a pixel. XChart draws every label as glyph outlines
     * with six-decimal coordinates, which makes a plot's SVG several hundred kB; a hundredth of a pixel is
     * invisible at any zoom a reader uses, and the rounding roughly halves the file. Colours and opacities (in
     * {@code style}) are left as they are.
     */
    static String compactSvg(String svg) {
        Matcher m = GEOMETRY.matcher(svg);
        StringBuilder out = new StringBuilder(svg.length());
        while (m.find()) {
            Matcher n = LONG_DECIMAL.matcher(m.group(2));
            StringBuilder v = new StringBuilder(m.group(2).length());
            while (n.find()) n.appendReplacement(v, round2(n.group()));
            n.appendTail(v);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + v + "\""));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String round2(String decimal) {
        String r = new java.math.BigDecimal(decimal).setScale(2, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
        return r.equals("-0") ? "0" : r;
    }

    static XYChart xy(Figure f) {
        LabelledChart c = new LabelledChart(new XYChartBuilder().width(WIDTH).height(HEIGHT).title(f.title())
                .xAxisTitle(label(f.x())).yAxisTitle(label(f.y())));
        c.getStyler().setXAxisLogarithmic(f.x().log()).setYAxisLogarithmic(f.y().log());
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE).setMarkerSize(7).setAntiAlias(true);
        int drawn = 0, measured = 0;
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        Color[] palette = c.getStyler().getSeriesColors();
        Color last = null;
        for (Series x : f.series()) {
            double[][] pts = drawable(x, f.x().log(), f.y().log());
            if (pts[0].length == 0) continue;
            for (int i = 0; i < pts[0].length; i++) {
                range[0] = Math.min(range[0], pts[0][i]);
                range[1] = Math.max(range[1], pts[0][i]);
                range[2] = Math.min(range[2], pts[1][i]);
                range[3] = Math.max(range[3], pts[1][i]);
            }
            XYSeries xs = c.addSeries(unique(c, x.name()), pts[0], pts[1]);
            boolean reference = x.style() != Series.Style.LINE_MARKERS && x.style() != Series.Style.MARKERS && x.style() != Series.Style.LINE;
            if (!reference || last == null) last = palette[measured++ % palette.length];
            Color colour = x.style() == Series.Style.LEVEL ? Color.GRAY : last;
            xs.setLineColor(colour);
            xs.setMarkerColor(colour);
            xs.setMarker(MARKERS[(measured - 1) % MARKERS.length]);
            switch (x.style()) {
                case MARKERS -> xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                case LINE -> xs.setMarker(SeriesMarkers.NONE);
                case DASHED -> { xs.setMarker(SeriesMarkers.NONE); xs.setLineStyle(SeriesLines.DASH_DASH); }
                case LEVEL -> { xs.setMarker(SeriesMarkers.NONE); xs.setLineStyle(SeriesLines.DASH_DOT); }
                case BAND -> { xs.setMarker(SeriesMarkers.NONE); xs.setLineStyle(SeriesLines.DOT_DOT); xs.setShowInLegend(false); }
                case LINE_MARKERS -> { }
            }
            drawn++;
        }
        // XChart labels only powers of ten on a log axis by default: too few labels when the data span one or two decades;
        // its intermediate labels (2, 3, …, 9) overlap beyond about 1.3 decades
        c.getStyler().setXAxisLogarithmicDecadeOnly(decades(f.series(), true) > 1.3);
        // XChart's linear ticks otherwise print all digits of the data's spacing (".015625 0.140625 …")
        if (!f.x().log()) c.getStyler().setXAxisDecimalPattern("0.###");
        c.getStyler().setYAxisLogarithmicDecadeOnly(decades(f.series(), false) > 1.3);
        // below that, XChart labels every tick 1…9 of each decade, and "8 9 10", "60 70 80 90 100" run together: a short
        // log axis is labelled at 1-2-5 values instead (XChart's own labels there are made transparent; its grid stays)
        if (drawn > 0 && f.x().log() && !c.getStyler().isXAxisLogarithmicDecadeOnly()) {
            c.xTicks = logTicks(range[0], range[1]);
            if (c.xTicks != null) c.getStyler().setXAxisTickLabelsColor(TRANSPARENT);
        }
        if (drawn > 0 && f.y().log() && !c.getStyler().isYAxisLogarithmicDecadeOnly()) {
            c.yTicks = logTicks(range[2], range[3]);
            if (c.yTicks != null) c.getStyler().setYAxisTickLabelsColor(TRANSPARENT);
        }
        c.range = range;
        if (drawn == 0) c.addSeries("(no drawable point)", new double[]{1}, new double[]{1}).setMarker(SeriesMarkers.NONE);
        return c;
    }

    static HeatMapChart heat(HeatMap h) {
        // XChart's colour bar has no title: say in the chart's title what the colours are
        HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(h.title() + (h.logScale() ? " (colour: log₁₀)" : ""))
                .xAxisTitle(h.x().label()).yAxisTitle(h.y().label()).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE).setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setShowValue(false).setHeatMapValueDecimalPattern("0.00")
                .setRangeColors(new Color[]{new Color(40, 60, 150), new Color(70, 170, 160), new Color(250, 220, 60), new Color(200, 40, 40)});
        double[] xs = h.xs(), ys = h.ys();
        List<String> xl = new ArrayList<>(), yl = new ArrayList<>();
        for (double x : xs) xl.add(tick(x));
        for (double y : ys) yl.add(tick(y));
        List<Number[]> cells = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xs.length; i++)
            for (int j = 0; j < ys.length; j++) {
                double z = h.z(i, j), v = h.logScale() ? Math.log10(z) : z;
                if (!Double.isFinite(v)) continue;
                cells.add(new Number[]{i, j, v});
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        if (cells.isEmpty()) { cells.add(new Number[]{0, 0, 0.0}); min = 0; max = 1; }
        if (max <= min) max = min + 1;
        // XChart prints the colour scale's ends unformatted: round them outwards to one decimal
        c.getStyler().setMin(Math.floor(min * 10) / 10).setMax(Math.ceil(max * 10) / 10);
        c.addSeries(h.logScale() ? "log10 " + h.zLabel() : h.zLabel(), xl, yl, cells);
        return c;
    }

    private static final Color TRANSPARENT = new Color(0, 0, 0, 0);

    /** The mantissas tried in turn for the labels of a short logarithmic axis: the first giving 3 labels is used. */
    private static final int[][] MANTISSAS = {{1, 2, 5}, {1, 2, 3, 5}, {1, 2, 3, 4, 6, 8}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};

    /**
     * The labelled values m·10^k of a logarithmic axis over [lo, hi] (at most about 1.3 decades): those of the first
     * mantissa set in {1, 2, 5}, {1, 2, 3, 5}, {1, 2, 3, 4, 6, 8}, {1, …, 9} that gives at least 3 labels, else of the
     * last set if it gives 2; null when not even 2 fit (XChart's own labels then stay). Each tick is {m, k}. Sparse
     * sets first: on a short axis the upper values of 1…9 (8, 9, 10) sit closer than their labels are wide.
     */
    static int[][] logTicks(double lo, double hi) {
        if (!(lo > 0) || !(hi > lo) || !Double.isFinite(hi)) return null;
        int k0 = (int) Math.floor(Math.log10(lo)) - 1, k1 = (int) Math.ceil(Math.log10(hi)) + 1;
        List<int[]> best = null;
        for (int[] set : MANTISSAS) {
            List<int[]> t = new ArrayList<>();
            for (int k = k0; k <= k1; k++)
                for (int m : set) {
                    double v = tickValue(new int[]{m, k});
                    // a relative slack of 1e-9: a value at the end of the range is labelled although lo, hi are rounded
                    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) t.add(new int[]{m, k});
                }
            best = t;
            if (t.size() >= 3) break;
        }
        return best.size() >= 2 ? best.toArray(new int[0][]) : null;
    }

    /** m·10^k as the double nearest to it (parsed, not multiplied, so that 3·10⁻⁴ is the double of "3E-4"). */
    static double tickValue(int[] mk) { return Double.parseDouble(mk[0] + "E" + mk[1]); }

    /** A tick label: plain decimals from 0.001 to 100000 ("0.002", "50"), else mantissa and exponent ("5E-4"). */
    static String tickLabel(int[] mk) {
        int m = mk[0], k = mk[1];
        return k >= -3 && k <= 5 ? java.math.BigDecimal.valueOf(m).scaleByPowerOfTen(k).toPlainString() : m + "E" + k;
    }

    /**
     * An XYChart that, after XChart has painted it, draws the labels of its short logarithmic axes (xTicks, yTicks, when
     * set) where XChart puts its own: under the plot area for x, left of it for y, as glyph outlines like XChart's.
     */
    private static final class LabelledChart extends XYChart {
        int[][] xTicks, yTicks;
        /** min x, max x, min y, max y of the drawn points: XChart's axis ranges. */
        double[] range;

        LabelledChart(XYChartBuilder b) { super(b); }

        @Override
        public void paint(java.awt.Graphics2D g, int width, int height) {
            super.paint(g, width, height);
            if (xTicks == null && yTicks == null) return;
            // the data fill the middle plotContentSize of the plot area: its edges lie that much beyond the data's ends
            double margin = (1 - getStyler().getPlotContentSize()) / (2 * getStyler().getPlotContentSize());
            double x0 = getScreenXFromChart(range[0]), x1 = getScreenXFromChart(range[1]);
            double y0 = getScreenYFromChart(range[2]), y1 = getScreenYFromChart(range[3]);
            double plotLeft = x0 - (x1 - x0) * margin, plotBottom = y0 + (y0 - y1) * margin;
            double gap = getStyler().getAxisTickMarkLength() + getStyler().getAxisTickPadding();
            java.awt.Font font = getStyler().getAxisTickLabelsFont();
            g.setColor(getStyler().getAxisTickLabelsColor());
            java.awt.geom.AffineTransform saved = g.getTransform();
            if (xTicks != null)
                for (int[] t : xTicks) {
                    java.awt.Shape s = new java.awt.font.TextLayout(tickLabel(t), font, g.getFontRenderContext()).getOutline(null);
                    java.awt.geom.Rectangle2D r = s.getBounds2D();
                    g.translate(getScreenXFromChart(tickValue(t)) - r.getWidth() / 2 - r.getX(), plotBottom + gap - r.getY());
                    g.fill(s);
                    g.setTransform(saved);
                }
            if (yTicks != null)
                for (int[] t : yTicks) {
                    java.awt.Shape s = new java.awt.font.TextLayout(tickLabel(t), font, g.getFontRenderContext()).getOutline(null);
                    java.awt.geom.Rectangle2D r = s.getBounds2D();
                    g.translate(plotLeft - gap - r.getWidth() - r.getX(), getScreenYFromChart(tickValue(t)) - r.getHeight() / 2 - r.getY());
                    g.fill(s);
                    g.setTransform(saved);
                }
        }
    }

    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
            SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};

    private static String label(Axis a) { return a.label() + (a.log() ? " (log)" : ""); }

    private static String tick(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e7 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String unique(XYChart c, String name) {
        String n = name;
        for (int i = 2; c.getSeriesMap().containsKey(n); i++) n = name + " (" + i + ")";
        return n;
    }

    /** log₁₀(max/min) of the positive finite coordinates of all series along one axis. */
    private static double decades(List<Series> series, boolean xAxis) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (Series s : series)
            for (double v : xAxis ? s.x() : s.y())
                if (v > 0 && Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        return hi > 0 ? Math.log10(hi / lo) : 0;
    }

    /** The points a (possibly logarithmic) axis can show. */
    static double[][] drawable(Series s, boolean logX, boolean logY) {
        double[] x = s.x(), y = s.y();
        int n = 0;
        double[] ox = new double[x.length], oy = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || (logX && x[i] <= 0) || (logY && y[i] <= 0)) continue;
            ox[n] = x[i];
            oy[n++] = y[i];
        }
        return new double[][]{java.util.Arrays.copyOf(ox, n), java.util.Arrays.copyOf(oy, n)};
    }
}
