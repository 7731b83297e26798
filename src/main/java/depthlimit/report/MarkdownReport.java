package depthlimit.report;

import depthlimit.claims.Evidence;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A human-readable report of claim results (the same maps as claims.json): a summary table, then for each claim its
 * statement, verdict, summary and every piece of evidence, tables rendered as Markdown tables. The plotted studies'
 * data ({@link Evidence#STUDIES}) is left to claims.json and the plots' CSV files.
 */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(String title, List<Map<String, Object>> results) {
        StringBuilder b = new StringBuilder("# ").append(title).append("\n\n");
        long ok = results.stream().filter(r -> "CONFIRMED".equals(r.get("verdict"))).count();
        b.append(ok).append(" of ").append(results.size()).append(" claims CONFIRMED.\n\n");
        b.append("| claim | # | verdict | key figure | seconds |\n|---|---|---|---|---|\n");
        for (Map<String, Object> r : results)
            b.append("| [").append(r.get("id")).append("](#").append(anchor((String) r.get("id"))).append(") | ")
                    .append(r.get("number")).append(" | ").append(r.get("verdict")).append(" | ")
                    .append(cell(r.get("key_figure"))).append(" | ").append(String.format(Locale.ROOT, "%.1f", (Double) r.get("wall_seconds")))
                    .append(" |\n");
        for (Map<String, Object> r : results) {
            b.append("\n## ").append(r.get("id")).append("\n\n");
            b.append("**").append(r.get("title")).append("** (").append(r.get("reference")).append("; claim ")
                    .append(r.get("number")).append(")\n\n");
            b.append("- Hypotheses: ").append(r.get("hypotheses")).append("\n");
            b.append("- Measured: ").append(r.get("measured")).append("\n");
            b.append("- Predicted: ").append(r.get("predicted")).append("\n");
            b.append("- **Verdict: ").append(r.get("verdict")).append("** — ").append(r.get("summary")).append("\n");
            b.append("- Scale ").append(r.get("scale")).append(", seed ").append(r.get("seed")).append("\n\n");
            @SuppressWarnings("unchecked")
            Map<String, Object> ev = (Map<String, Object>) r.get("evidence");
            for (Map.Entry<String, Object> e : ev.entrySet())
                if (!Evidence.STUDIES.equals(e.getKey())) evidence(b, e.getKey(), e.getValue());
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static void evidence(StringBuilder b, String name, Object v) {
        if (v instanceof Map<?, ?> m && m.containsKey("columns") && m.containsKey("rows")) {
            List<Object> cols = (List<Object>) m.get("columns");
            b.append("*").append(name).append("*\n\n|");
            for (Object c : cols) b.append(' ').append(cell(c)).append(" |");
            b.append("\n|");
            b.append("---|".repeat(cols.size())).append('\n');
            for (Object row : (List<Object>) m.get("rows")) {
                b.append('|');
                for (Object c : (List<Object>) row) b.append(' ').append(cell(c)).append(" |");
                b.append('\n');
            }
            b.append('\n');
        } else if (v instanceof Map<?, ?> m) {
            b.append("*").append(name).append("*: ");
            int i = 0;
            for (Map.Entry<?, ?> e : depthlimit.io.Json.ordered(m)) {   // Map.of's order changes between runs
                if (i++ > 0) b.append("; ");
                b.append(e.getKey()).append(" = ").append(cell(e.getValue()));
            }
            b.append("\n\n");
        } else b.append("*").append(name).append("*: ").append(cell(v)).append("\n\n");
    }

    static String cell(Object v) {
        if (v == null) return "—";
        if (v instanceof Double d) return String.format(Locale.ROOT, Math.abs(d) != 0 && (Math.abs(d) < 1e-3 || Math.abs(d) >= 1e5) ? "%.4e" : "%.6g", d);
        if (v instanceof double[] a) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) s.append(i > 0 ? ", " : "").append(cell(a[i]));
            return s.append(']').toString();
        }
        if (v instanceof int[] a) return java.util.Arrays.toString(a);
        if (v instanceof Map<?, ?> m) {
            StringBuilder s = new StringBuilder("{");
            int i = 0;
            for (Map.Entry<?, ?> e : depthlimit.io.Json.ordered(m)) s.append(i++ > 0 ? ", " : "").append(e.getKey()).append('=').append(cell(e.getValue()));
            return s.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) s.append(i > 0 ? ", " : "").append(cell(l.get(i)));
            return s.append(']').toString();
        }
        return String.valueOf(v).replace("|", "\\|").replace("\n", " ");
    }

    static String anchor(String id) {
        return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "");
    }
}
