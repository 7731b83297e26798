package depthlimit.spec;

import depthlimit.InputError;
import depthlimit.flow.TrainSpec;
import depthlimit.model.Architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The memory a run needs, estimated from the resolved spec before anything is allocated: parameters (with the
 * solver's working copies), data, the forward/backward activations of {@code model.Backprop}, a teacher network,
 * and the sample times. A run whose estimate exceeds the Java heap, or one of whose arrays would exceed Java's
 * array limit, is refused with one line naming the field that dominates and the estimate — rather than failing
 * minutes later with an OutOfMemoryError or a negative array size.
 */
public final class Resources {
    private Resources() {}

    /** Largest Java array length (elements). */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** The estimate, in bytes, with the field that contributes most. */
    public record Estimate(long bytes, String dominantField, String breakdown) {}

    /**
     * Parameter-sized arrays alive at once, by method: θ, θ(0) (twice: recorder and init), the gradient, the
     * flow direction, the last state, plus the integrator's stages (dp853: 16 stages and 3 state vectors on flat
     * buffers, one sample buffer; Hipparchus' dp853, with -Ddepthlimit.ode=hipparchus: 13 stages + 3 dense-output
     * stages and 4 state vectors; 7 + 4 for dp54; 4 stages + 1 for rk4).
     */
    static int parameterCopies(TrainSpec t) {
        if (t == null) return 8; // grad: θ, gradient and the per-block copies written out
        return 6 + switch (t.method()) {
            case DP853 -> 20;
            case DP54 -> 11;
            case RK4 -> 5;
            default -> 0;
        };
    }

    public static Estimate estimate(ExperimentSpec s) {
        Architecture a = s.architecture();
        long L = a.L(), q = a.q(), m = a.m(), d = a.d(), dOut = a.dOut();
        long n = samples(s);
        long params = q * d + 2 * L * q * m + dOut * q;
        arrayLimit("model.depth", "parameter vector (L·(2·q·m) + q·d + d′·q)", params);
        arrayLimit("data.n", "activations ((L + 1)·n·q)", (L + 1) * n * q);
        arrayLimit("data.n", "activations (L·n·m)", L * n * m);
        arrayLimit("data.n", "data (n·max(d, d′))", n * Math.max(d, dOut));
        long paramBytes = 8 * params * parameterCopies(s.train());
        long dataBytes = 8 * n * (d + dOut);
        long actBytes = 8 * (2 * (L + 1) * n * q + 2 * L * n * m + n * m + n * dOut);
        long teacherBytes = 0;
        Map<String, Object> dd = s.data().describe();
        if ("teacher".equals(dd.get("generator"))) {
            long tl = ((Number) dd.get("depth")).longValue(), tm = ((Number) dd.get("width")).longValue();
            arrayLimit("data.depth", "teacher parameters", tl * 2 * q * tm);
            teacherBytes = 8 * (2 * tl * q * tm + q * d + dOut * q) * 3 + 8 * tl * (q + tm) * 2;
        }
        long sampleBytes = s.train() == null ? 0 : 16L * s.train().sampleTimes().length;
        long total = paramBytes + dataBytes + actBytes + teacherBytes + sampleBytes;
        String field = "model.depth";
        long max = paramBytes;
        if (actBytes + dataBytes > max) { max = actBytes + dataBytes; field = "data.n"; }
        if (teacherBytes > max) field = "data.depth";
        String breakdown = String.format(Locale.ROOT, "parameters %s, data %s, activations %s%s", human(paramBytes),
                human(dataBytes), human(actBytes), teacherBytes > 0 ? ", teacher " + human(teacherBytes) : "");
        return new Estimate(total, field, breakdown);
    }

    /** Refuses a run whose estimate exceeds {@code heapBytes}. */
    public static void check(ExperimentSpec s, long heapBytes) {
        Estimate e = estimate(s);
        if (e.bytes() > heapBytes)
            throw new InputError(e.dominantField(), "this run needs about " + human(e.bytes()) + " of memory (" + e.breakdown()
                    + "), more than the Java heap of " + human(heapBytes) + " (raise it with DEPTHLIMIT_JAVA_OPTS=-Xmx…, or make the run smaller)");
    }

    /** Refuses a run whose estimate exceeds this JVM's maximum heap. */
    public static void check(ExperimentSpec s) {
        check(s, Runtime.getRuntime().maxMemory());
    }

    private static void arrayLimit(String field, String what, long elements) {
        if (elements > MAX_ARRAY)
            throw new InputError(field, "the " + what + " would hold " + elements + " values, beyond Java's array limit of 2^31 − 1");
    }

    /** n from the generator, or from the size of the data files (an upper bound: 8 bytes per .npy value, 2 per CSV value). */
    private static long samples(ExperimentSpec s) {
        Object n = s.data().describe().get("n");
        if (n instanceof Number num) return num.longValue();
        Object x = s.data().describe().get("x");
        if (x == null) return 0;
        try {
            Path p = Path.of(x.toString());
            long bytes = Files.size(p);
            long perValue = p.toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? 2 : 8;
            return bytes / perValue / Math.max(1, s.architecture().d());
        } catch (IOException | RuntimeException e) {
            return 0; // the reader reports the file itself
        }
    }

    static String human(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
    }
}
