package depthlimit.flow;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resolved {@code train} section: sample grids (0 and the end always in, out-of-range requests dropped), T, the step bounds, and the descriptions written to results. */
class TrainSpecTest {
    @Test
    void fixedStepSpecSamplesStepIndicesWithinTheRun() {
        TrainSpec s = TrainSpec.fixed(Method.RK4, 0.25, 8, Double.NaN, 8, 3, -1, 9, 3, 0);
        assertArrayEquals(new long[]{0, 3, 8}, s.sampleSteps(), "sorted, unique, within [0, steps], ends added");
        assertArrayEquals(new double[]{0, 0.75, 2.0}, s.sampleTimes(), 0.0);
        assertEquals(2.0, s.T(), 0.0, "T = h·steps");
        assertEquals(8, s.steps());
        assertFalse(s.clipped());
        assertTrue(TrainSpec.gd(0.1, 4, 0.5).clipped());
        assertEquals(Method.GD, TrainSpec.gd(0.1, 4, 0.5).method());
        assertArrayEquals(new long[]{0, 3, 6, 9}, TrainSpec.everyStep(10, 3));
        assertArrayEquals(new long[]{0, 5, 10}, TrainSpec.everyStep(10, 5));
    }

    @Test
    void adaptiveSpecSamplesTimesWithinTheRun() {
        TrainSpec s = TrainSpec.adaptive(Method.DP853, 2.0, 1e-8, 1e-10, 500, Double.NaN, 1.5, -0.5, 2.5, 2.0, 0.0, 0.5);
        assertArrayEquals(new double[]{0, 0.5, 1.5, 2.0}, s.sampleTimes(), 0.0);
        assertEquals(2e-12, s.minStep(), 0.0, "10⁻¹² T");
        assertEquals(2.0, s.maxStep(), 0.0, "T");
        assertEquals(1e-8, s.rtol(), 0.0);
        assertEquals(1e-10, s.atol(), 0.0);
        assertEquals(500, s.maxEvaluations());
    }

    @Test
    void descriptionsNameWhatEachMethodUses() {
        Map<String, Object> gd = TrainSpec.gd(0.1, 4, Double.NaN).describe();
        assertEquals("gd", gd.get("method"));
        assertEquals(0.1, gd.get("eta"));
        assertEquals(4L, gd.get("steps"));
        assertNull(gd.get("clip"));
        assertFalse(gd.containsKey("h") || gd.containsKey("rtol"));
        Map<String, Object> rk = TrainSpec.fixed(Method.RK4, 0.2, 5, 0.3).describe();
        assertEquals(0.2, rk.get("h"));
        assertEquals(0.3, rk.get("clip"));
        assertFalse(rk.containsKey("eta") || rk.containsKey("rtol"));
        Map<String, Object> dp = TrainSpec.adaptive(Method.DP54, 1.0, 1e-6, 1e-9, 100, Double.NaN).describe();
        assertEquals(1e-6, dp.get("rtol"));
        assertEquals(1e-9, dp.get("atol"));
        assertEquals(100, dp.get("maxEvaluations"));
        assertFalse(dp.containsKey("h") || dp.containsKey("eta"));
        assertEquals(Method.DP54, Method.fromSpecName("dp54"));
        assertNull(Method.fromSpecName("dp45"));
        assertEquals(java.util.List.of("dp853", "dp54", "gd", "euler", "rk4"), Method.specNames());
    }

    @Test
    void unknownRejectedCountIsWrittenAsNullWithANote() {
        SolverStats known = new SolverStats(10, 2, 3, 1, 0.1, 0.2, 0.01, 0.02);
        assertEquals("1", known.rejectedText());
        assertEquals(1L, known.toMap().get("rejected_steps"));
        assertFalse(known.toMap().containsKey("rejected_steps_note"));
        SolverStats unknown = new SolverStats(10, 2, 3, -1, 0.1, 0.2, 0.01, 0.02);
        assertEquals("unknown", unknown.rejectedText());
        assertNull(unknown.toMap().get("rejected_steps"));
        assertTrue(unknown.toMap().containsKey("rejected_steps_note"));
        SolverStats zero = new SolverStats(10, 2, 3, 0, 0.1, 0.2, 0.01, 0.02);
        assertEquals("0", zero.rejectedText());
        assertEquals(0L, zero.toMap().get("rejected_steps"), "0 is a known count, not null");
        assertFalse(zero.toMap().containsKey("rejected_steps_note"));
    }
}
