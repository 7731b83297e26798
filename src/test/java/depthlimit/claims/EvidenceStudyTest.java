package depthlimit.claims;

import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;
import depthlimit.plot.Figure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Evidence takes convergence studies as they are: their rate plot as a plot, not as numbers in the map. */
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
}
