package depthlimit.claims;

import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;
import depthlimit.plot.Figure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Evidence takes convergence studies as they are: their map under a name, their rate plot as a plot. */
class EvidenceStudyTest {
    @Test
    void aStudyIsRecordedAsItsMapAndPlottedAsItsFigure() {
        int[] depths = {8, 16, 32, 64};
        double[] x = {0.4, 0.2, 0.1, 0.05};
        ConvergenceStudy s = ConvergenceStudy.of("X(L)", depths, x, RateFit.fitFrom(depths, x, new double[4], 0), 0);
        Evidence e = new Evidence().study("X_study", s).plot("rate", "title", "caption", "X", s);
        assertEquals(s.toMap().keySet(), ((java.util.Map<?, ?>) e.toMap().get("X_study")).keySet());
        Figure f = (Figure) e.plots().get(0);
        assertEquals(s.figure("rate", "title", "caption", "X").csv(), f.csv(), "the same figure as the study draws alone");
        assertEquals(List.of("X_study"), List.copyOf(e.toMap().keySet()), "the plot is not in the map");
        assertThrows(IllegalArgumentException.class, () -> e.plot("rate", "again", "", "X", s), "plot names are unique");
    }
}
