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

    @Test
    void badPlotsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Series("s", new double[]{1}, new double[]{1, 2}, Series.Style.LINE));
        assertThrows(IllegalArgumentException.class, () -> Figure.of("a b", "", "", Axis.linear("x"), Axis.linear("y"),
                Series.points("s", new double[]{1}, new double[]{1})));
        assertThrows(IllegalArgumentException.class, () -> new HeatMap("h", "", "", Axis.linear("x"), Axis.linear("y"), "z", false,
                new double[]{1, 2}, new double[]{1}, new double[][]{{1}}));
    }
}
