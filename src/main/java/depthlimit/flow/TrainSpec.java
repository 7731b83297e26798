package depthlimit.flow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code train} section, resolved: the method, the final flow time T, the fixed step h (gd: η) and number of
 * steps, the adaptive tolerances and budget, the optional clipping level C of eq. (5), and the sample times (always
 * including 0 and T; for fixed-step methods, multiples of h given as step indices).
 *
 * @param clip coordinatewise clipping π(v) = max(−C, min(C, v)) of every right-hand side (eq. (5)); NaN for none
 */
public record TrainSpec(Method method, double T, double h, long steps, double rtol, double atol, double minStep,
                        double maxStep, int maxEvaluations, double clip, double[] sampleTimes, long[] sampleSteps) {

    public boolean clipped() { return !Double.isNaN(clip); }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method.specName());
        m.put("T", T);
        if (method == Method.GD) { m.put("eta", h); m.put("steps", steps); }
        else if (!method.adaptive()) { m.put("h", h); m.put("steps", steps); }
        else {
            m.put("rtol", rtol);
            m.put("atol", atol);
            m.put("minStep", minStep);
            m.put("maxStep", maxStep);
            m.put("maxEvaluations", maxEvaluations);
        }
        m.put("clip", clipped() ? clip : null);
        m.put("sampleTimes", sampleTimes);
        return m;
    }
}
