package depthlimit.claims;

import depthlimit.flow.Method;
import depthlimit.flow.WorkPrecision;
import depthlimit.io.Json;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;
import depthlimit.plot.Figure;
import depthlimit.plot.Series;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evidence takes convergence studies as they are: their rate plot as a plot, not as numbers in the map the reports
 * show, and their data under "studies" in what claims.json holds.
 */
class EvidenceStudyTest {
    @Test
    void aStudyIsPlottedAsItsFigure() {
        int[] depths = {8, 16, 32, 64};
        double[] x = {0.4, 0.2, 0.1, 0.05};
        ConvergenceStudy s = ConvergenceStudy.of("X(L)", depths, x, RateFit.fitFrom(depths, x, new double[4], 0), 0);
        Evidence e = new Evidence().put("X", x).plot("rate", "title", "caption", "X", s);
        Figure f = (Figure) e.plots().get(0);
        assertEquals(s.figure("rate", "title", "caption", "X").csv(), f.csv(), "the same figure as the study draws alone");
        assertEquals(List.of("X"), List.copyOf(e.toMap().keySet()), "the plot is not in the map");
        assertThrows(IllegalArgumentException.class, () -> e.plot("rate", "again", "", "X", s), "plot names are unique");
    }

    @Test
    void thePlottedStudiesAreWrittenToClaimsJsonByPlotThenLabel() {
        int[] depths = {8, 16, 32, 64};
        double[] x = {0.4, 0.2, 0.1, 0.05}, d = {0.5, 0.35, 0.25, 0.18};
        ConvergenceStudy sx = ConvergenceStudy.of("X(L)", depths, x, RateFit.fitFrom(depths, x, new double[4], 0), 0);
        ConvergenceStudy sd = ConvergenceStudy.of("D(L)", depths, d, null, 0);
        Evidence e = new Evidence().put("X", x).plot("rate", "title", "caption", "X", sx, sd)
                .plot(sd.figure("scaled", "t", "c", "D").with(Series.powerLaw("reference", 1, -0.5, 8, 64)), sd);
        assertEquals(List.of("X"), List.copyOf(e.toMap().keySet()), "the reports' map is unchanged");
        Map<String, Object> json = e.toJsonMap();
        assertEquals(List.of("X", Evidence.STUDIES), List.copyOf(json.keySet()), "the studies come after the other entries");
        assertEquals(List.of("rate", "scaled"), List.copyOf(e.studies().keySet()), "in plot order");
        assertEquals(List.of("X(L)", "D(L)"), List.copyOf(e.studies().get("rate").keySet()), "in drawing order");
        assertEquals(Json.write(sx.toMap()), Json.write(e.studies().get("rate").get("X(L)")));
        assertEquals(Json.write(sd.toMap()), Json.write(e.studies().get("scaled").get("D(L)")));
        assertEquals(Json.write(json), Json.write(e.toJsonMap()), "written the same way twice");
        assertEquals(List.of("X"), List.copyOf(new Evidence().put("X", x).toJsonMap().keySet()), "no studies, no key");
    }

    @Test
    void aFigureMustDrawTheStudiesItRecords() {
        int[] depths = {8, 16};
        ConvergenceStudy a = ConvergenceStudy.of("a", depths, new double[]{1, 0.5}, null, 0);
        ConvergenceStudy b = ConvergenceStudy.of("b", depths, new double[]{1, 0.6}, null, 0);
        ConvergenceStudy aElsewhere = ConvergenceStudy.of("a", depths, new double[]{1, 0.4}, null, 0);
        Figure f = a.figure("f", "t", "c", "y");
        assertThrows(IllegalArgumentException.class, () -> new Evidence().plot(f, b), "b is not drawn");
        assertThrows(IllegalArgumentException.class, () -> new Evidence().plot(f, aElsewhere), "a's label with other values");
        assertThrows(IllegalArgumentException.class, () -> new Evidence().plot(f, a, a), "one label twice");
        assertThrows(IllegalArgumentException.class, () -> new Evidence().put(Evidence.STUDIES, 1), "the key is reserved");
        Evidence ok = new Evidence().plot(f, a);
        assertTrue(ok.studies().containsKey("f"));
    }

    @Test
    void aWorkPrecisionPlotRecordsItsPointsByMethod() {
        WorkPrecision wp = new WorkPrecision(List.of(new WorkPrecision.Point(Method.DP853, 1e-3, 120, 2e-4),
                new WorkPrecision.Point(Method.DP853, 1e-5, 200, 3e-7), new WorkPrecision.Point(Method.GD, 0.25, 4, 0.1)));
        Evidence e = new Evidence().plot(wp, "a test problem");
        Figure f = (Figure) e.plots().get(0);
        assertEquals(wp.figure("a test problem").csv(), f.csv());
        assertEquals(Json.write(wp.toMap()), Json.write(e.studies().get(f.name())));
        // each method's evaluations and errors are the points of its series, in order
        for (Series s : f.series()) {
            String method = s.name().substring(0, s.name().indexOf(' '));
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) e.studies().get(f.name()).get(method);
            assertTrue(java.util.Arrays.equals(s.x(), (double[]) m.get("evaluations")), method);
            assertTrue(java.util.Arrays.equals(s.y(), (double[]) m.get("relative_error")), method);
        }
    }
}
