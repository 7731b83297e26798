package depthlimit.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Solver statistics reported with every result (diffrax-style): right-hand-side evaluations of the integrator,
 * extra gradient evaluations made only to record metrics at interpolated sample times, accepted and rejected
 * steps, smallest and largest accepted step, the time spent in the right-hand side and the wall time (their
 * difference is the integrator's and the recorders' overhead: for Hipparchus at ~10⁶ unknowns about 20 ms per
 * evaluation, in array copies and stage combinations).
 */
public record SolverStats(long rhsEvaluations, long metricEvaluations, long acceptedSteps, long rejectedSteps,
                          double minStep, double maxStep, double rhsSeconds, double wallSeconds) {
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rhs_evaluations", rhsEvaluations);
        m.put("metric_evaluations", metricEvaluations);
        m.put("accepted_steps", acceptedSteps);
        m.put("rejected_steps", rejectedSteps);
        m.put("min_step", minStep);
        m.put("max_step", maxStep);
        m.put("rhs_seconds", rhsSeconds);
        m.put("wall_seconds", wallSeconds);
        return m;
    }
}
