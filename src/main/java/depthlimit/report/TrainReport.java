package depthlimit.report;

import depthlimit.io.AtomicFiles;
import depthlimit.io.Json;
import depthlimit.plot.Axis;
import depthlimit.plot.Figure;
import depthlimit.plot.Plot;
import depthlimit.plot.Series;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page {@code DIR/index.html} of one {@code train} run (its {@code --report}): the loss and G/ℓ against training
 * time on semilog axes, the regularity metrics of Proposition 3 against time, and one weight entry across layers at
 * sample times (as in Figure 2), each plot beside its PNG, SVG and CSV in {@code DIR/plots}. Built from the run's own
 * {@code metrics.csv}, so that every plotted number is a number of that file. Self-contained like {@link HtmlReport}
 * (inline CSS, no script, no external URL); every file is written atomically and the page last, so an existing page
 * only links complete files.
 */
public final class TrainReport {
    private TrainReport() {}

    /** The entry (0, 0) of V_k and of W_k for k = 1..L at training time t (label: e.g. "t = 0 (init)"). */
    public record Profile(String label, double t, double[] v, double[] w) {
        public Profile {
            if (v.length != w.length) throw new IllegalArgumentException("profile " + label + ": " + v.length + " V layers, " + w.length + " W layers");
            v = v.clone();
            w = w.clone();
        }
    }

    /** A training time as a label: 4 significant digits, no trailing zeros. */
    public static String time(double t) {
        if (!Double.isFinite(t)) return Double.toString(t);
        return new java.math.BigDecimal(t).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /**
     * The columns of a metrics.csv by header name, complete rows only (a row is complete when it ends with a newline:
     * a killed run may leave half a row at the end).
     */
    public static Map<String, double[]> readMetrics(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        String[] lines = end < 0 ? new String[0] : text.substring(0, end).split("\n");
        Map<String, double[]> cols = new LinkedHashMap<>();
        if (lines.length == 0) return cols;
        String[] head = lines[0].split(",");
        double[][] v = new double[head.length][lines.length - 1];
        for (int r = 1; r < lines.length; r++) {
            String[] f = lines[r].split(",");
            if (f.length != head.length) throw new IOException(csv + " line " + (r + 1) + ": " + f.length + " fields for " + head.length + " columns");
            for (int c = 0; c < head.length; c++) v[c][r - 1] = Double.parseDouble(f[c]);
        }
        for (int c = 0; c < head.length; c++) cols.put(head[c], v[c]);
        return cols;
    }

    /** The plots of a run: from its metrics (as read by {@link #readMetrics}) and its weight profiles. */
    public static List<Plot> plots(Map<String, double[]> m, List<Profile> profiles) {
        List<Plot> out = new ArrayList<>();
        double[] t = m.get("t");
        if (t != null && t.length > 0) {
            Axis time = Axis.linear("training time t");
            out.add(Figure.of("loss", "Loss along training", "The empirical risk ℓ(θ(t)) of metrics.csv on a logarithmic axis: "
                            + "a straight line is exponential decay, the behaviour Theorem 4 predicts under a PL condition.",
                    time, Axis.log("loss ℓ"), new Series("loss", t, m.get("loss"), Series.Style.LINE_MARKERS)));
            out.add(Figure.of("pl-ratio", "G/ℓ along training", "The ratio G(θ(t))/ℓ(θ(t)) (column pl_ratio): a positive lower "
                            + "bound along the run is the Polyak–Łojasiewicz condition under which Theorem 4 gives exponential decay.",
                    time, Axis.log("G/ℓ"), new Series("G/ℓ", t, m.get("pl_ratio"), Series.Style.LINE_MARKERS)));
            List<Series> reg = new ArrayList<>();
            for (String[] c : new String[][]{{"L_max_dV", "L·max_k ‖V_{k+1} − V_k‖_F"}, {"L_max_dW", "L·max_k ‖W_{k+1} − W_k‖_F"},
                    {"L_max_dZ", "L·max_k ‖Z_{k+1} − Z_k‖_F"}})
                if (m.containsKey(c[0])) reg.add(new Series(c[1], t, m.get(c[0]), Series.Style.LINE_MARKERS));
            if (!reg.isEmpty())
                out.add(new Figure("regularity", "Regularity of the weights across depth", "L times the largest difference of "
                        + "successive layers' weights (columns L_max_dV, L_max_dW, L_max_dZ): Proposition 3 bounds it uniformly "
                        + "in L and t when the initialization is a discretization of Lipschitz functions of depth.",
                        time, Axis.log("L · max successive difference"), reg));
        }
        if (!profiles.isEmpty()) {
            out.add(profileFigure("weights-V", "V", profiles, true));
            out.add(profileFigure("weights-W", "W", profiles, false));
        }
        return out;
    }

    private static Figure profileFigure(String name, String which, List<Profile> profiles, boolean v) {
        List<Series> s = new ArrayList<>();
        for (Profile p : profiles) {
            double[] y = v ? p.v() : p.w();
            double[] x = new double[y.length];
            for (int k = 0; k < y.length; k++) x[k] = (k + 1) / (double) y.length;
            s.add(new Series(p.label(), x, y, Series.Style.LINE_MARKERS));
        }
        return new Figure(name, "Entry (1, 1) of " + which + "_k across layers", "One weight entry against the layer's position "
                + "k/L at several training times (as in Figure 2): a smooth curve is a weight that is a discretization of a "
                + "function of depth.", Axis.linear("layer k/L"), Axis.linear(which + "_k[1,1]"), s);
    }

    /**
     * Writes {@code dir/index.html} and its plots for the run whose record is {@code run} (run.json's content: status,
     * solver statistics, the resolved spec under "spec"); returns the page.
     */
    public static Path write(Path dir, String title, Map<String, Object> run, Path metricsCsv, List<Profile> profiles) throws IOException {
        Map<String, double[]> m = readMetrics(metricsCsv);
        StringBuilder b = new StringBuilder(32 * 1024);
        HtmlReport.head(b, title);
        double[] t = m.getOrDefault("t", new double[0]);
        b.append("<p class=\"lead\">Status <b>").append(HtmlReport.esc(String.valueOf(run.get("status")))).append("</b>; ")
                .append(t.length).append(" sample times in <a href=\"").append(HtmlReport.esc(metricsCsv.getFileName().toString()))
                .append("\">").append(HtmlReport.esc(metricsCsv.getFileName().toString())).append("</a>; the run's record: <a href=\"run.json\">run.json</a>.</p>\n");
        b.append("<h2 id=\"run\">Run</h2>\n<table class=\"kv\">\n");
        for (Map.Entry<String, Object> e : run.entrySet())
            if (!e.getKey().equals("spec") && !e.getKey().equals("solver"))
                HtmlReport.kv(b, e.getKey(), HtmlReport.cell(e.getValue()));
        if (run.get("solver") instanceof Map<?, ?> solver)
            for (Map.Entry<?, ?> e : solver.entrySet()) HtmlReport.kv(b, "solver: " + e.getKey(), HtmlReport.cell(e.getValue()));
        b.append("</table>\n");
        if (run.get("spec") != null)
            b.append("<details><summary>resolved spec</summary>\n<pre>").append(HtmlReport.esc(Json.write(run.get("spec"))))
                    .append("</pre>\n</details>\n");
        b.append("<h2 id=\"plots\">Plots</h2>\n");
        List<Plot> plots = plots(m, profiles);
        if (plots.isEmpty()) b.append("<p>No sample was recorded: nothing to plot.</p>\n");
        for (Plot p : plots) HtmlReport.figure(b, dir, "train", p);
        if (profiles.size() <= 2 && !profiles.isEmpty())
            b.append("<p>Weights across layers are shown at the initialization and the end only; with \"output\": "
                    + "{\"snapshots\": true} the page also shows them at intermediate sample times.</p>\n");
        b.append("</main>\n</body>\n</html>\n");
        Path index = dir.resolve("index.html");
        AtomicFiles.writeString(index, b.toString());
        return index;
    }
}
