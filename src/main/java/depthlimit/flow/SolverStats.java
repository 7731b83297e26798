package depthlimit.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Solver statistics reported with every result (diffrax-style): right-hand-side evaluations of the integrator,
 * extra gradient evaluations made only to record metrics at interpolated sample times, accepted and rejected
 * steps, smallest and largest accepted step, the time spent in the right-hand side and the wall time (their
 * difference is the integrator's and the recorders' overhead: stage combinations, and for Hipparchus' integrator
 * also per-attempt array allocations).
 */
/** {@code rejectedSteps} is −1 when it cannot be known exactly (see {@link #toMap}: written as null with a note). */
public record SolverStats(long rhsEvaluations, long metricEvaluations, long acceptedSteps, long rejectedSteps,
                          double minStep, double maxStep, double rhsSeconds, double wallSeconds) {
    /** The rejected-step count in words: the number, or "unknown". */
    public String rejectedText() {
        return rejectedSteps >= 0 ? Long.toString(rejectedSteps) : "unknown";
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rhs_evaluations", rhsEvaluations);
        m.put("metric_evaluations", metricEvaluations);
        m.put("accepted_steps", acceptedSteps);
        m.put("rejected_steps", rejectedSteps >= 0 ? rejectedSteps : null);
        if (rejectedSteps < 0)
            m.put("rejected_steps_note", "unknown: the evaluation count did not decompose into whole step attempts");
        m.put("min_step", minStep);
        m.put("max_step", maxStep);
        m.put("rhs_seconds", rhsSeconds);
        m.put("wall_seconds", wallSeconds);
        return m;
    }
}
