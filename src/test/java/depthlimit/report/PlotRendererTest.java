package depthlimit.report;

import depthlimit.plot.Axis;
import depthlimit.plot.Figure;
import depthlimit.plot.HeatMap;
import depthlimit.plot.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plots render headless to PNG and SVG with their CSV; what a log axis cannot show is left out of the image only. */
class PlotRendererTest {
    @TempDir
    Path dir;

    @Test
    void figureAndHeatMapWriteThreeFiles() throws Exception {
        Figure f = Figure.of("f", "title", "caption", Axis.log("L"), Axis.log("error"),
                Series.points("measured", new double[]{8, 16, 32}, new double[]{0.1, 0.05, 0.0}),
                Series.powerLaw("slope -1", 0.8, -1, 8, 32));
        PlotRenderer.Files3 a = PlotRenderer.write(f, dir, "f");
        HeatMap h = new HeatMap("h", "heat", "", Axis.linear("t"), Axis.linear("L"), "distance", true,
                new double[]{0, 1}, new double[]{8, 16, 32}, new double[][]{{0, 0, 0}, {1e-2, 5e-3, 2.5e-3}});
        PlotRenderer.Files3 b = PlotRenderer.write(h, dir, "h");
        for (PlotRenderer.Files3 x : new PlotRenderer.Files3[]{a, b}) {
            byte[] png = Files.readAllBytes(x.png());
            assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "PNG signature");
            String svg = Files.readString(x.svg());
            assertTrue(svg.contains("<svg") && svg.contains("<path"), "SVG with drawn paths");
            // compactSvg ran: no geometry coordinate keeps more than two decimals
            assertTrue(!java.util.regex.Pattern.compile(" d=\"[^\"]*\\d\\.\\d{3}").matcher(svg).find(), "rounded path data");
        }
        assertEquals("series,x,y\nmeasured,8.0,0.1\nmeasured,16.0,0.05\nmeasured,32.0,0.0\nslope -1,8.0,0.1\nslope -1,32.0,0.025\n",
                Files.readString(a.csv()));
        assertEquals(7, Files.readAllLines(b.csv()).size());
    }

    @Test
    void svgGeometryIsRoundedToHundredthsAndNothingElse() {
        String in = "<path d=\"M-5.46875,-7.09375 Q-6.078125,-0.0001 10.004,3.5\" style=\"fill-opacity:0.705882352941177;\"/>"
                + "<g transform=\"translate(19.123456 220)\"><rect x=\"47.546875\" width=\"513.859375\"/></g>";
        assertEquals("<path d=\"M-5.47,-7.09 Q-6.08,0 10,3.5\" style=\"fill-opacity:0.705882352941177;\"/>"
                + "<g transform=\"translate(19.12 220)\"><rect x=\"47.55\" width=\"513.86\"/></g>", PlotRenderer.compactSvg(in));
    }

    @Test
    void logAxesDropOnlyWhatTheyCannotShow() {
        Series s = Series.points("s", new double[]{1, 2, 3, 4}, new double[]{1, 0, -1, Double.NaN});
        assertArrayEquals(new double[]{1}, PlotRenderer.drawable(s, false, true)[0]);
        assertArrayEquals(new double[]{1, 2, 3}, PlotRenderer.drawable(s, false, false)[0]);
    }

    /** The labels of a short log axis, as a list of "label" strings. */
    static java.util.List<String> labels(double lo, double hi) {
        int[][] t = PlotRenderer.logTicks(lo, hi);
        return t == null ? null : java.util.Arrays.stream(t).map(PlotRenderer::tickLabel).toList();
    }

    @Test
    void shortLogAxesAreLabelledAtOneTwoFive() {
        // L = 8 … 128 (1.2 decades): XChart would label 8 9 10 20 … 90 100; 1-2-5 gives four labels
        assertEquals(java.util.List.of("10", "20", "50", "100"), labels(8, 128));
        // X(L,T) of Proposition 3 at ci scale: 4.4e-4 … 6.6e-3
        assertEquals(java.util.List.of("5E-4", "0.001", "0.002", "0.005"), labels(4.4e-4, 6.6e-3));
        // 0.6 decades: 1-2-5 gives only 10, 20; {1, 2, 3, 5} gives three
        assertEquals(java.util.List.of("10", "20", "30"), labels(8, 32));
        // 0.6 decades of distance (Theorem 6's rate plot): 1-2-5 and 1-2-3-5 give 0.01, 0.02 only
        assertEquals(java.util.List.of("0.006", "0.008", "0.01", "0.02"), labels(5.8e-3, 2.4e-2));
        // a quarter decade: only the full 1…9 give three labels
        assertEquals(java.util.List.of("0.3", "0.4", "0.5"), labels(0.28, 0.52));
        // ends of the range are labelled although they come from arithmetic (0.1·10 is not exactly 1 in binary)
        assertEquals(java.util.List.of("1", "2", "5", "10"), labels(0.1 * 10, 10));
        // too narrow for two labels: XChart's own labelling stays
        assertEquals(null, labels(0.47, 0.52));
        assertEquals(null, labels(1, 1));
        assertEquals(3e-4, PlotRenderer.tickValue(new int[]{3, -4}), 0.0);
    }

    @Test
    void aShortLogAxisRendersTheSameSvgTwice() throws Exception {
        Figure f = Figure.of("short", "title", "caption", Axis.log("L"), Axis.log("X"),
                Series.points("X", new double[]{8, 16, 32, 64, 128}, new double[]{6.6e-3, 3.3e-3, 1.7e-3, 8.3e-4, 4.4e-4}));
        String a = Files.readString(PlotRenderer.write(f, dir.resolve("a"), "f").svg());
        String b = Files.readString(PlotRenderer.write(f, dir.resolve("b"), "f").svg());
        assertEquals(a, b);
    }

    @Test
    void badPlotsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Series("s", new double[]{1}, new double[]{1, 2}, Series.Style.LINE));
        assertThrows(IllegalArgumentException.class, () -> Figure.of("a b", "", "", Axis.linear("x"), Axis.linear("y"),
                Series.points("s", new double[]{1}, new double[]{1})));
        assertThrows(IllegalArgumentException.class, () -> new HeatMap("h", "", "", Axis.linear("x"), Axis.linear("y"), "z", false,
                new double[]{1, 2}, new double[]{1}, new double[][]{{1}}));
    }
}
