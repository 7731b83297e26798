package depthlimit.spec;

import depthlimit.InputError;
import depthlimit.flow.Method;
import depthlimit.flow.TrainSpec;

import java.util.List;
import java.util.TreeSet;

/** Parses the {@code train} section into a {@link TrainSpec}, with every default resolved. */
final class TrainSection {
    private TrainSection() {}

    static final double DEFAULT_RTOL = 1e-8, DEFAULT_ATOL = 1e-10;
    static final int DEFAULT_MAX_EVALUATIONS = 200_000;
    /** Most sample times a run may ask for: each costs a metrics row of ~400 bytes (and a gradient for adaptive methods). */
    static final long MAX_SAMPLES = 1_000_000L;

    static TrainSpec parse(Section s) {
        Method method = Method.fromSpecName(s.choice("method", Method.specNames()));
        String[] sampling = {"sampleTimes", "sampleEvery", "sampleEverySteps"};
        double T, h = Double.NaN;
        long steps = 0;
        double rtol = Double.NaN, atol = Double.NaN, minStep = Double.NaN, maxStep = Double.NaN;
        int maxEval = 0;
        switch (method) {
            case GD -> {
                s.allowOnly(concat(new String[]{"method", "eta", "steps", "T", "clip"}, sampling));
                h = s.positive("eta");
                steps = s.positiveInt("steps");
                T = h * steps;
                if (s.has("T") && Math.abs(s.positive("T") - T) > 1e-12 * T)
                    throw new InputError(s.field("T"), "for gd, T = eta × steps = " + T + "; omit T or make it equal");
            }
            case EULER, RK4 -> {
                s.allowOnly(concat(new String[]{"method", "h", "T", "steps", "clip"}, sampling));
                steps = s.positiveInt("steps");
                if (s.has("h") == s.has("T"))
                    throw new InputError(s.field(s.has("h") ? "T" : "h"), "give exactly one of h (step) and T (final time), with steps");
                if (s.has("h")) { h = s.positive("h"); T = h * steps; }
                else { T = s.positive("T"); h = T / steps; }
            }
            default -> {
                s.allowOnly(concat(new String[]{"method", "T", "rtol", "atol", "minStep", "maxStep", "maxEvaluations", "clip"}, sampling));
                T = s.positive("T");
                rtol = s.positive("rtol", DEFAULT_RTOL);
                atol = s.positive("atol", DEFAULT_ATOL);
                minStep = s.positive("minStep", 1e-12 * T);
                maxStep = s.positive("maxStep", T);
                if (minStep > maxStep) throw new InputError(s.field("minStep"), "must not exceed maxStep = " + maxStep);
                maxEval = s.positiveInt("maxEvaluations", DEFAULT_MAX_EVALUATIONS);
            }
        }
        double clip = s.has("clip") ? s.positive("clip") : Double.NaN;
        int given = 0;
        for (String k : sampling) if (s.has(k)) given++;
        if (given > 1) throw new InputError(s.field("sampleTimes"), "give at most one of sampleTimes, sampleEvery, sampleEverySteps");
        double[] times;
        long[] stepIdx = new long[0];
        if (method.adaptive()) {
            if (s.has("sampleEverySteps")) throw new InputError(s.field("sampleEverySteps"), "only for fixed-step methods (gd, euler, rk4); use sampleEvery (a time) or sampleTimes");
            times = s.has("sampleTimes") ? explicitTimes(s, T) : uniformTimes(s, s.positive("sampleEvery", T / 100), T);
        } else {
            TreeSet<Long> idx = new TreeSet<>();
            if (s.has("sampleTimes")) {
                double[] ts = explicitTimes(s, T);
                for (int i = 0; i < ts.length; i++) idx.add(toStep(s, "sampleTimes[" + i + "]", ts[i], h, steps));
            } else {
                long every;
                if (s.has("sampleEvery")) every = toStep(s, "sampleEvery", s.positive("sampleEvery"), h, steps);
                else every = s.positiveInt("sampleEverySteps", (int) Math.max(1, (steps + 999) / 1000));
                if (every < 1) throw new InputError(s.field("sampleEvery"), "must be at least one step h = " + h);
                if (steps / every + 1 > MAX_SAMPLES)
                    throw new InputError(s.field(s.has("sampleEvery") ? "sampleEvery" : "sampleEverySteps"), "gives " + (steps / every + 1)
                            + " sample times, more than the limit of " + MAX_SAMPLES + " (sample less often)");
                for (long k = 0; k <= steps; k += every) idx.add(k);
            }
            idx.add(0L);
            idx.add(steps);
            stepIdx = idx.stream().mapToLong(Long::longValue).toArray();
            times = new double[stepIdx.length];
            for (int i = 0; i < times.length; i++) times[i] = stepIdx[i] * h;
        }
        return new TrainSpec(method, T, h, steps, rtol, atol, minStep, maxStep, maxEval, clip, times, stepIdx);
    }

    private static long toStep(Section s, String key, double t, double h, long steps) {
        long k = Math.round(t / h);
        if (Math.abs(k * h - t) > 1e-9 * Math.max(h, t) || k > steps)
            throw new InputError(s.field(key), "time " + t + " is not a multiple of the step " + h + " within [0, " + steps * h + "]");
        return k;
    }

    private static double[] explicitTimes(Section s, double T) {
        List<Double> ts = s.numbers("sampleTimes");
        TreeSet<Double> set = new TreeSet<>();
        set.add(0.0);
        for (int i = 0; i < ts.size(); i++) {
            double t = ts.get(i);
            if (t < 0 || t > T * (1 + 1e-12))
                throw new InputError(s.field("sampleTimes") + "[" + i + "]", "expected a time in [0, T = " + T + "], got " + t);
            set.add(Math.min(t, T));
        }
        set.add(T);
        return set.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] uniformTimes(Section s, double every, double T) {
        double count = Math.floor(T / every * (1 + 1e-12)) + 1;
        if (!(count <= MAX_SAMPLES)) // counted before anything is allocated
            throw new InputError(s.field("sampleEvery"), "gives " + String.format(java.util.Locale.ROOT, "%.4g", count)
                    + " sample times up to T = " + T + ", more than the limit of " + MAX_SAMPLES + " (sample less often)");
        long n = (long) count - 1;
        double[] ts = new double[(int) n + 2];
        int k = 0;
        for (long i = 0; i <= n; i++) ts[k++] = Math.min(T, i * every);
        if (ts[k - 1] < T) ts[k++] = T;
        return java.util.Arrays.stream(ts, 0, k).distinct().toArray();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
