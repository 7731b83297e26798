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
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(f.title())
                .xAxisTitle(label(f.x())).yAxisTitle(label(f.y())).build();
        c.getStyler().setXAxisLogarithmic(f.x().log()).setYAxisLogarithmic(f.y().log());
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS).setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE).setMarkerSize(7).setAntiAlias(true);
        int drawn = 0, measured = 0;
        Color[] palette = c.getStyler().getSeriesColors();
        Color last = null;
        for (Series x : f.series()) {
            double[][] pts = drawable(x, f.x().log(), f.y().log());
            if (pts[0].length == 0) continue;
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
