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

    /** Gradient descent, step η for {@code steps} steps, sampled at the given step indices (0 and steps added). */
    public static TrainSpec gd(double eta, long steps, double clip, long... sampleSteps) {
        return fixed(Method.GD, eta, steps, clip, sampleSteps);
    }

    /** A fixed-step method (gd, euler, rk4) with step h, sampled at the given step indices (0 and steps added). */
    public static TrainSpec fixed(Method m, double h, long steps, double clip, long... sampleSteps) {
        java.util.TreeSet<Long> idx = new java.util.TreeSet<>();
        idx.add(0L);
        idx.add(steps);
        for (long k : sampleSteps) if (k >= 0 && k <= steps) idx.add(k);
        long[] st = idx.stream().mapToLong(Long::longValue).toArray();
        double[] times = new double[st.length];
        for (int i = 0; i < st.length; i++) times[i] = st[i] * h;
        return new TrainSpec(m, h * steps, h, steps, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, clip, times, st);
    }

    /** An adaptive method to T at the given tolerances, sampled at the given times (0 and T added). */
    public static TrainSpec adaptive(Method m, double T, double rtol, double atol, int maxEvaluations, double clip, double... times) {
        java.util.TreeSet<Double> ts = new java.util.TreeSet<>();
        ts.add(0.0);
        ts.add(T);
        for (double t : times) if (t >= 0 && t <= T) ts.add(t);
        return new TrainSpec(m, T, Double.NaN, 0, rtol, atol, 1e-12 * T, T, maxEvaluations, clip,
                ts.stream().mapToDouble(Double::doubleValue).toArray(), new long[0]);
    }

    /** Every step index from 0 to steps with the given stride. */
    public static long[] everyStep(long steps, long stride) {
        long[] r = new long[(int) (steps / stride) + 1];
        for (int i = 0; i < r.length; i++) r[i] = i * stride;
        return r;
    }

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
