package depthlimit.cli;

import depthlimit.flow.Method;
import depthlimit.io.Json;
import depthlimit.plot.Figure;
import depthlimit.plot.Series;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page-level plot of {@code verify} (the integrators' work–precision diagram) draws exactly the numbers
 * {@code verify} records in run.json under {@value HtmlPages#WORK_PRECISION}: every series is one method's
 * (evaluations, relative error) points, in order and bit for bit after the JSON round trip, as the claims' plots are
 * checked against claims.json by {@link HtmlReportTest}.
 */
class WorkPrecisionPageTest {
    @Test
    @SuppressWarnings("unchecked")
    void thePlottedPointsAreTheRecordedData() throws Exception {
        HtmlPages.RunPlots rp = HtmlPages.workPrecision(1);
        assertEquals(1, rp.plots().size(), "the diagram was drawn");
        Figure f = (Figure) rp.plots().get(0);
        Map<String, Object> byMethod = (Map<String, Object>) ((Map<String, Object>) Json.parse(Json.write(rp.data())))
                .get(HtmlPages.WORK_PRECISION);
        assertEquals(f.series().size(), byMethod.size(), "one series per recorded method: " + byMethod.keySet());
        int points = 0;
        for (Series s : f.series()) {
            String method = s.name().substring(0, s.name().indexOf(' '));
            assertTrue(Method.specNames().contains(method), s.name());
            Map<String, Object> row = (Map<String, Object>) byMethod.get(method);
            List<Object> evals = (List<Object>) row.get("evaluations"), errors = (List<Object>) row.get("relative_error");
            assertEquals(s.size(), evals.size(), method + ": points");
            for (int i = 0; i < s.size(); i++) {
                assertEquals(Double.doubleToLongBits(s.x()[i]), Double.doubleToLongBits(((Number) evals.get(i)).doubleValue()), method + " x[" + i + "]");
                assertEquals(Double.doubleToLongBits(s.y()[i]), Double.doubleToLongBits(((Number) errors.get(i)).doubleValue()), method + " y[" + i + "]");
                points++;
            }
        }
        System.out.println("WorkPrecisionPageTest: " + points + " plotted points found in run.json's data, "
                + f.series().size() + " methods");
        assertTrue(points >= 4 * 3, "every method with several settings: " + points);
    }
}
