package depthlimit.limit;

import depthlimit.plot.Figure;
import depthlimit.plot.Series;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A convergence study describes itself (toMap, table) and draws its data, its fitted line and its 95% band. */
class ConvergenceStudyTest {
    static final int[] DEPTHS = {4, 8, 16, 32, 64, 128};

    /** 3/L times a deterministic wobble of ±2%: a slope-1 decay whose fit has a confidence interval of nonzero width. */
    static double[] wobbly() {
        double[] v = new double[DEPTHS.length];
        for (int i = 0; i < v.length; i++) v[i] = 3.0 / DEPTHS[i] * (1 + 0.02 * (i % 2 == 0 ? 1 : -1));
        return v;
    }

    static RateFit fitFrom(double[] v, int from) {
        return RateFit.fitFrom(DEPTHS, v, new double[v.length], from);
    }

    @Test
    void toMapHoldsTheDataTheWindowAndTheFit() {
        double[] v = wobbly();
        RateFit fit = fitFrom(v, 8);
        Map<String, Object> m = ConvergenceStudy.of("X(L)", DEPTHS, v, fit, 8).toMap();
        assertEquals(List.of("quantity", "L", "values", "fit_from", "fit"), List.copyOf(m.keySet()), "no fit_to: the window is unbounded");
        assertEquals("X(L)", m.get("quantity"));
        assertArrayEquals(new double[]{4, 8, 16, 32, 64, 128}, (double[]) m.get("L"), 0.0);
        assertArrayEquals(v, (double[]) m.get("values"), 0.0);
        assertEquals(8.0, m.get("fit_from"));
        assertEquals(fit.toMap().keySet(), ((Map<?, ?>) m.get("fit")).keySet());
        assertEquals(fit.slope(), ((Map<?, ?>) m.get("fit")).get("slope"));

        Map<String, Object> bounded = ConvergenceStudy.of("X(L)", DEPTHS, v, fit, 8, 64).toMap();
        assertEquals(64.0, bounded.get("fit_to"));
        assertNull(ConvergenceStudy.of("X(L)", new double[]{1, 2}, new double[]{1, 2}, null).toMap().get("fit"));
    }

    @Test
    void tableHasOneRowPerDepthWithTheScaledValueAndTheWindow() {
        double[] v = wobbly();
        ConvergenceStudy s = ConvergenceStudy.of("X", DEPTHS, v, fitFrom(v, 16), 16, 64);
        assertEquals(List.of("L", "X", "L·X", "in fit window"), s.columns());
        List<List<Object>> t = s.table();
        assertEquals(DEPTHS.length, t.size());
        for (int i = 0; i < DEPTHS.length; i++) {
            assertEquals((double) DEPTHS[i], t.get(i).get(0));
            assertEquals(v[i], t.get(i).get(1));
            assertEquals(DEPTHS[i] * v[i], (double) t.get(i).get(2), 0.0);
            assertEquals(DEPTHS[i] >= 16 && DEPTHS[i] <= 64, t.get(i).get(3));
        }
    }

    @Test
    void figureDrawsTheDataTheFitOverItsWindowAndTheBandThroughTheFittedCentre() {
        double[] v = wobbly();
        int from = 8;
        RateFit fit = fitFrom(v, from);
        assertTrue(fit.slopeHigh() - fit.slopeLow() > 1e-3, "the wobble gives the fit a band of nonzero width");
        Figure f = ConvergenceStudy.of("X(L)", DEPTHS, v, fit, from).figure("rate", "title", "caption", "X");
        assertEquals("rate", f.name());
        assertTrue(f.x().log() && f.y().log(), "log–log axes");
        assertEquals("X", f.y().label());
        List<Series> s = f.series();
        assertEquals(4, s.size(), "data, fitted line, two band edges");

        assertEquals(Series.Style.LINE_MARKERS, s.get(0).style());
        assertArrayEquals(new double[]{4, 8, 16, 32, 64, 128}, s.get(0).x(), 0.0);
        assertArrayEquals(v, s.get(0).y(), 0.0);

        // the fitted line C·L^{−p} (fit in h = 1/L: value ≈ C h^p) over the window's first and last depth
        Series line = s.get(1);
        assertEquals(Series.Style.DASHED, line.style());
        assertArrayEquals(new double[]{8, 128}, line.x(), 0.0);
        for (int i = 0; i < 2; i++)
            assertEquals(fit.constant() * Math.pow(line.x()[i], -fit.slope()), line.y()[i], 1e-14 * line.y()[i]);
        // the legend states the slope drawn (negative for a decay) and its interval, in the plot's orientation
        assertEquals(String.format(java.util.Locale.ROOT, "fit: slope %.3g, 95%% CI [%.3g, %.3g] (dotted)", -fit.slope(),
                -fit.slopeHigh(), -fit.slopeLow()), line.name());
        assertTrue(line.name().startsWith("fit: slope -"), line.name());
        assertEquals(String.format(java.util.Locale.ROOT, "X(L): 95%% band edge, slope %.3g", -fit.slopeLow()), s.get(2).name());
        assertEquals(String.format(java.util.Locale.ROOT, "X(L): 95%% band edge, slope %.3g", -fit.slopeHigh()), s.get(3).name());

        // band edges: slopes −p_low, −p_high on log–log axes, both through the mean (log L, log X) of the fitted points
        double mx = 0, my = 0;
        for (int i = 1; i < DEPTHS.length; i++) { mx += Math.log(DEPTHS[i]); my += Math.log(v[i]); }
        mx /= DEPTHS.length - 1;
        my /= DEPTHS.length - 1;
        double[] expected = {fit.slopeLow(), fit.slopeHigh()};
        for (int e = 0; e < 2; e++) {
            Series b = s.get(2 + e);
            assertEquals(Series.Style.BAND, b.style());
            assertArrayEquals(new double[]{8, 128}, b.x(), 0.0);
            double slope = Math.log(b.y()[1] / b.y()[0]) / Math.log(b.x()[1] / b.x()[0]);
            assertEquals(-expected[e], slope, 1e-12);
            double atCentre = Math.log(b.y()[0]) + slope * (mx - Math.log(b.x()[0]));
            assertEquals(my, atCentre, 1e-12);
        }
    }

    /**
     * A point the fit dropped at the round-off floor stays in the window's range but not in the centre the band pivots
     * on: the band edges pass through the mean (log L, log X) of the points actually fitted.
     */
    @Test
    void theBandPivotsOnTheFittedPointsOnlyWhenOneIsDroppedAtRoundOff() {
        double[] v = wobbly(), scale = new double[v.length];
        scale[5] = 2 * v[5] / (100 * Math.ulp(1.0));          // the L = 128 value is below 100·ε·scale: dropped
        RateFit fit = RateFit.fitFrom(DEPTHS, v, scale, 8);
        assertEquals(List.of(1.0 / 128), fit.droppedAtRoundoff());
        List<Series> s = ConvergenceStudy.of("X(L)", DEPTHS, v, fit, 8).series();
        assertEquals(4, s.size());
        double mx = 0, my = 0;
        for (int i = 1; i <= 4; i++) { mx += Math.log(DEPTHS[i]); my += Math.log(v[i]); }
        mx /= 4;
        my /= 4;
        for (int e = 0; e < 2; e++) {
            Series b = s.get(2 + e);
            assertArrayEquals(new double[]{8, 128}, b.x(), 0.0);
            double slope = Math.log(b.y()[1] / b.y()[0]) / Math.log(b.x()[1] / b.x()[0]);
            assertEquals(my, Math.log(b.y()[0]) + slope * (mx - Math.log(b.x()[0])), 1e-12);
        }
    }

    /**
     * A window holding no fitted point (here only L = 128, dropped at the round-off floor, while the fit used the
     * coarser depths): there is no centre to draw the line through, so only the data are drawn.
     */
    @Test
    void aWindowWithoutFittedPointsDrawsOnlyTheData() {
        double[] v = wobbly(), scale = new double[v.length];
        scale[5] = 2 * v[5] / (100 * Math.ulp(1.0));
        RateFit fit = RateFit.fitFrom(DEPTHS, v, scale, 0);
        assertTrue(Double.isFinite(fit.slope()));
        ConvergenceStudy st = ConvergenceStudy.of("X(L)", DEPTHS, v, fit, 128);
        assertEquals(1, st.series().size(), fit.toMap().toString());
        assertArrayEquals(new double[]{4, 8, 16, 32, 64, 128}, st.depths(), 0.0);
        assertArrayEquals(v, st.values(), 0.0);
        // a two-point fit has no interval: the line is drawn and labelled with its slope alone, no band
        RateFit two = fitFrom(v, 64);
        assertTrue(Double.isNaN(two.slopeLow()), two.toMap().toString());
        List<Series> s2 = ConvergenceStudy.of("X(L)", DEPTHS, v, two, 64).series();
        assertEquals(2, s2.size());
        assertEquals(String.format(java.util.Locale.ROOT, "fit: slope %.3g", -two.slope()), s2.get(1).name());
        assertTrue(s2.get(1).name().startsWith("fit: slope -"), s2.get(1).name());
    }

    @Test
    void withoutAFitOnlyTheDataAreDrawnAndSeveralStudiesShareTheAxes() {
        double[] v = wobbly();
        ConvergenceStudy bare = ConvergenceStudy.of("L·X", new double[]{4, 8, 16, 32, 64, 128}, v, null);
        assertEquals(1, bare.series().size());
        ConvergenceStudy fitted = ConvergenceStudy.of("X", DEPTHS, v, fitFrom(v, 0), 0);
        Figure f = ConvergenceStudy.figure("two", "t", "c", "y", List.of(fitted, bare));
        assertEquals(5, f.series().size(), "4 for the fitted study, then 1");
        assertEquals("L·X", f.series().get(4).name());
        assertFalse(bare.inWindow(-1));
    }

    @Test
    void depthsAndValuesMustPair() {
        assertThrows(IllegalArgumentException.class, () -> ConvergenceStudy.of("x", new double[]{1, 2}, new double[]{1}, null));
    }
}
