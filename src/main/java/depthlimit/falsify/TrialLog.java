package depthlimit.falsify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * trials.csv (every trial: its coordinates, status, margin, value, seconds, reason, every measurement) and the summary of what the
 * failures depend on: per non-fixed field, the range (or the choice counts) among violating and among surviving
 * trials.
 */
public final class TrialLog {
    private TrialLog() {}

    public static void writeCsv(Path file, Space space, List<TrialResult> trials) throws IOException {
        StringBuilder b = new StringBuilder("trial,phase");
        for (Coordinate c : space.coordinates()) b.append(',').append(c.name());
        b.append(",status,margin,value,seconds,reason,measured\n");
        for (TrialResult t : trials) {
            b.append(t.index()).append(',').append(t.phase());
            for (Coordinate c : space.coordinates()) b.append(',').append(csv(String.valueOf(t.config().get(c.name()))));
            b.append(',').append(t.status().label()).append(',').append(t.margin()).append(',').append(t.value())
                    .append(',').append(String.format(Locale.ROOT, "%.3f", t.seconds())).append(',').append(csv(t.reason()))
                    .append(',').append(csv(measured(t.measured()))).append('\n');
        }
        Files.writeString(file, b.toString());
    }

    private static String measured(Map<String, Double> m) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : m.entrySet()) b.append(b.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
        return b.toString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** Per-field ranges among violating vs surviving trials; empty lines omitted. */
    public static List<String> summary(Space space, List<TrialResult> trials) {
        List<String> out = new ArrayList<>();
        List<TrialResult> bad = trials.stream().filter(TrialResult::violated).toList();
        List<TrialResult> good = trials.stream().filter(t -> t.status() == TrialResult.Status.HOLDS).toList();
        out.add(String.format(Locale.ROOT, "%-14s %-34s %s", "field", "violating (" + bad.size() + ")", "surviving (" + good.size() + ")"));
        for (Coordinate c : space.coordinates()) {
            if (c.fixed() || c.name().equals("seed")) continue;
            out.add(String.format(Locale.ROOT, "%-14s %-34s %s", c.name(), describe(c, bad), describe(c, good)));
        }
        return out;
    }

    private static String describe(Coordinate c, List<TrialResult> ts) {
        if (ts.isEmpty()) return "-";
        if (c.kind() == Coordinate.Kind.CHOICE) {
            Map<String, Integer> counts = new TreeMap<>();
            for (TrialResult t : ts) counts.merge(t.config().text(c.name()), 1, Integer::sum);
            return counts.toString();
        }
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (TrialResult t : ts) {
            double v = ((Number) t.config().get(c.name())).doubleValue();
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return c.kind() == Coordinate.Kind.INT ? String.format(Locale.ROOT, "[%d, %d]", (long) lo, (long) hi)
                : String.format(Locale.ROOT, "[%.4g, %.4g]", lo, hi);
    }
}
