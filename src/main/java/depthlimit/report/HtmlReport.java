package depthlimit.report;

import depthlimit.claims.ClaimCatalogue;
import depthlimit.claims.Verdict;
import depthlimit.flow.SolverStats;
import depthlimit.plot.Plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report {@code DIR/index.html}: one self-contained page (inline CSS, no script, no external URL) with a summary
 * table linking to one section per claim (statement, hypotheses, plots, evidence tables, the command that replays it),
 * the proofs table, and the run's configuration, versions, solver statistics and total time. Each plot is written as
 * {@code DIR/plots/CLAIM--NAME.{svg,png,csv}}; the page shows the SVG and links the three files.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** The plot files' folder, relative to DIR. */
    public static final String PLOTS = "plots";

    /**
     * What one page shows.
     *
     * @param title         the page title
     * @param results       the claims run, in order
     * @param proofs        the proofs table rows as in proofs.json (file, check, passed, result, seconds), or null when
     *                      the proofs were not run
     * @param configuration the run's settings and versions, shown as given (command, scale, seed, threads, …)
     * @param totalSeconds  wall time of the whole run
     * @param runPlots      plots of the run as a whole (e.g. the integrators' work–precision), shown under Run
     */
    public record Page(String title, List<ClaimCatalogue.Result> results, List<Map<String, Object>> proofs,
                       Map<String, Object> configuration, double totalSeconds, List<Plot> runPlots) {}

    /** Writes DIR/index.html and the plot files; returns the page's path. */
    public static Path write(Path dir, Page page) throws IOException {
        Files.createDirectories(dir);
        StringBuilder b = new StringBuilder(64 * 1024);
        head(b, page.title());
        summary(b, page);
        if (page.proofs() != null) proofs(b, page.proofs());
        run(b, page);
        if (!page.runPlots().isEmpty()) b.append("<h3>Plots of the run</h3>\n");
        for (Plot p : page.runPlots()) figure(b, dir, "run", p);
        for (ClaimCatalogue.Result r : page.results()) claim(b, dir, r);
        b.append("</main>\n</body>\n</html>\n");
        Path index = dir.resolve("index.html");
        Files.writeString(index, b.toString(), StandardCharsets.UTF_8);
        return index;
    }

    /** The command that replays one claim (the CLI's check command with the claim's scale and seed). */
    public static String replayCommand(ClaimCatalogue.Result r) {
        return "bin/depthlimit check --claim " + r.claim().id() + " --scale " + r.scale().label() + " --seed " + r.seed()
                + " --out out/" + r.claim().id();
    }

    /** The HTML id of a claim's section. */
    public static String anchor(String claimId) { return "claim-" + claimId.replaceAll("[^A-Za-z0-9._-]", "-"); }

    /** The file stem of one plot of one claim (inside {@link #PLOTS}). */
    public static String plotStem(String claimId, Plot p) { return claimId.replaceAll("[^A-Za-z0-9._-]", "-") + "--" + p.name(); }

    static void head(StringBuilder b, String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").append(esc(title))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n<h1>").append(esc(title)).append("</h1>\n");
    }

    private static void summary(StringBuilder b, Page page) {
        long ok = page.results().stream().filter(r -> r.outcome().verdict() == Verdict.CONFIRMED).count();
        b.append("<p class=\"lead\">").append(ok).append(" of ").append(page.results().size()).append(" claims CONFIRMED");
        if (page.proofs() != null) {
            long held = page.proofs().stream().filter(p -> Boolean.TRUE.equals(p.get("passed"))).count();
            b.append("; ").append(held).append(" of ").append(page.proofs().size()).append(" proof checks True");
        }
        b.append(String.format(Locale.ROOT, "; %.1f s in all.", page.totalSeconds())).append("</p>\n");
        b.append("<p class=\"nav\"><a href=\"#summary\">Claims</a>");
        if (page.proofs() != null) b.append(" · <a href=\"#proofs\">Proofs</a>");
        b.append(" · <a href=\"#run\">Run</a> · <a href=\"claims.json\">claims.json</a>");
        if (page.proofs() != null) b.append(" · <a href=\"proofs.json\">proofs.json</a>");
        b.append("</p>\n<h2 id=\"summary\">Claims</h2>\n<table class=\"summary\">\n<thead><tr><th>#</th><th>claim</th><th>verdict</th>"
                + "<th>key figure</th><th>paper reference</th><th>time (s)</th><th>plots</th></tr></thead>\n<tbody>\n");
        int i = 0;
        for (ClaimCatalogue.Result r : page.results()) {
            b.append("<tr><td>").append(++i).append("</td><td><a href=\"#").append(anchor(r.claim().id())).append("\">")
                    .append(esc(r.claim().id())).append("</a><div class=\"sub\">").append(esc(r.claim().title())).append("</div></td><td>")
                    .append(badge(r.outcome().verdict())).append("</td><td>").append(esc(r.outcome().keyFigure())).append("</td><td>")
                    .append(esc(r.claim().reference())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.1f", r.wallSeconds())).append("</td><td class=\"num\">")
                    .append(r.outcome().evidence().plots().size()).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static void proofs(StringBuilder b, List<Map<String, Object>> proofs) {
        b.append("<h2 id=\"proofs\">Proofs</h2>\n<p>Symbolic checks of <code>proofs/</code> (Symja); each must reduce to <code>True</code>.</p>\n")
                .append("<table>\n<thead><tr><th>file</th><th>check</th><th>result</th><th>time (s)</th></tr></thead>\n<tbody>\n");
        for (Map<String, Object> p : proofs) {
            boolean ok = Boolean.TRUE.equals(p.get("passed"));
            b.append("<tr><td>").append(esc(String.valueOf(p.get("file")))).append("</td><td>").append(esc(String.valueOf(p.get("check"))))
                    .append("</td><td>").append(ok ? "<span class=\"v ok\">True</span>" : "<span class=\"v bad\">FAILED</span> <code>"
                            + esc(String.valueOf(p.get("result"))) + "</code>")
                    .append("</td><td class=\"num\">").append(p.get("seconds") instanceof Number n ? String.format(Locale.ROOT, "%.2f", n.doubleValue()) : "")
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static void run(StringBuilder b, Page page) {
        b.append("<h2 id=\"run\">Run</h2>\n<table class=\"kv\">\n");
        for (Map.Entry<String, Object> e : page.configuration().entrySet())
            b.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(cell(e.getValue()))).append("</td></tr>\n");
        b.append(String.format(Locale.ROOT, "<tr><th>total time</th><td>%.1f s</td></tr>\n", page.totalSeconds())).append("</table>\n");
        b.append("<h3>Solver statistics</h3>\n");
        long rhs = 0, acc = 0, rej = 0, met = 0, n = 0;
        double rhsSec = 0, wall = 0;
        StringBuilder rows = new StringBuilder();
        for (ClaimCatalogue.Result r : page.results())
            for (Map.Entry<String, SolverStats> e : r.outcome().evidence().solverStats().entrySet()) {
                SolverStats s = e.getValue();
                n++;
                rhs += s.rhsEvaluations();
                met += s.metricEvaluations();
                acc += s.acceptedSteps();
                rej += s.rejectedSteps();
                rhsSec += s.rhsSeconds();
                wall += s.wallSeconds();
                rows.append("<tr><td>").append(esc(r.claim().id())).append("</td><td>").append(esc(e.getKey()))
                        .append(String.format(Locale.ROOT, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
                                        + "<td class=\"num\">%d</td><td class=\"num\">%.3g</td><td class=\"num\">%.3g</td><td class=\"num\">%.2f</td><td class=\"num\">%.2f</td></tr>\n",
                                s.rhsEvaluations(), s.metricEvaluations(), s.acceptedSteps(), s.rejectedSteps(), s.minStep(), s.maxStep(),
                                s.rhsSeconds(), s.wallSeconds()));
            }
        if (n == 0) {
            b.append("<p>No claim of this run recorded solver statistics.</p>\n");
            return;
        }
        b.append(String.format(Locale.ROOT, "<p>%d integrations recorded by the claims: %d right-hand-side (gradient) evaluations, %d more "
                + "for metrics at sample times, %d accepted and %d rejected steps; %.1f s in the right-hand side of %.1f s.</p>\n", n, rhs, met, acc, rej, rhsSec, wall));
        b.append("<details><summary>per integration</summary>\n<table>\n<thead><tr><th>claim</th><th>run</th><th>rhs evals</th><th>metric evals</th>"
                + "<th>accepted</th><th>rejected</th><th>min step</th><th>max step</th><th>rhs s</th><th>wall s</th></tr></thead>\n<tbody>\n")
                .append(rows).append("</tbody>\n</table>\n</details>\n");
    }

    private static void claim(StringBuilder b, Path dir, ClaimCatalogue.Result r) throws IOException {
        var c = r.claim();
        var o = r.outcome();
        b.append("<section id=\"").append(anchor(c.id())).append("\">\n<h2>").append(esc(c.id())).append(" ").append(badge(o.verdict()))
                .append("</h2>\n<p class=\"title\">").append(esc(c.title())).append("</p>\n<table class=\"kv\">\n");
        kv(b, "paper reference", c.reference());
        kv(b, "hypotheses", c.hypotheses());
        kv(b, "measured", c.measured());
        kv(b, "predicted", c.predicted());
        kv(b, "result", o.summary());
        kv(b, "key figure", o.keyFigure());
        kv(b, "scale, seed, time", r.scale().label() + ", " + r.seed() + String.format(Locale.ROOT, ", %.1f s", r.wallSeconds()));
        b.append("</table>\n<p>Replay: <code class=\"cmd\">").append(esc(replayCommand(r))).append("</code></p>\n");
        for (Plot p : o.evidence().plots()) figure(b, dir, c.id(), p);
        b.append("<h3>Evidence</h3>\n");
        for (Map.Entry<String, Object> e : o.evidence().toMap().entrySet()) evidence(b, e.getKey(), e.getValue());
        b.append("<p class=\"top\"><a href=\"#summary\">↑ summary</a></p>\n</section>\n");
    }

    /** Renders one plot into DIR/plots and shows it (SVG) with links to its three files. */
    static void figure(StringBuilder b, Path dir, String owner, Plot p) throws IOException {
        String stem = plotStem(owner, p);
        try {
            PlotRenderer.write(p, dir.resolve(PLOTS), stem);
        } catch (RuntimeException ex) {
            // a plot that cannot be drawn must not cost the run its report: say so where the plot would be
            b.append("<p class=\"v bad\">plot ").append(esc(p.name())).append(" could not be drawn: ").append(esc(String.valueOf(ex)))
                    .append("</p>\n");
            return;
        }
        String rel = PLOTS + "/" + stem;
        b.append("<figure>\n<img src=\"").append(esc(rel)).append(".svg\" alt=\"").append(esc(p.title())).append("\" width=\"")
                .append(PlotRenderer.WIDTH).append("\" height=\"").append(PlotRenderer.HEIGHT).append("\">\n<figcaption><b>")
                .append(esc(p.title())).append(".</b> ").append(esc(p.caption())).append(" <span class=\"files\">[<a href=\"")
                .append(esc(rel)).append(".svg\">SVG</a> · <a href=\"").append(esc(rel)).append(".png\">PNG</a> · <a href=\"")
                .append(esc(rel)).append(".csv\">CSV</a>]</span></figcaption>\n</figure>\n");
    }

    @SuppressWarnings("unchecked")
    private static void evidence(StringBuilder b, String name, Object v) {
        if (v instanceof Map<?, ?> m && m.containsKey("columns") && m.containsKey("rows")) {
            b.append("<div class=\"scroll\"><table class=\"ev\">\n<caption>").append(esc(name)).append("</caption>\n<thead><tr>");
            for (Object col : (List<Object>) m.get("columns")) b.append("<th>").append(esc(String.valueOf(col))).append("</th>");
            b.append("</tr></thead>\n<tbody>\n");
            for (Object row : (List<Object>) m.get("rows")) {
                b.append("<tr>");
                for (Object cell : (List<Object>) row)
                    b.append(cell instanceof Number ? "<td class=\"num\">" : "<td>").append(esc(cell(cell))).append("</td>");
                b.append("</tr>\n");
            }
            b.append("</tbody>\n</table></div>\n");
        } else if (v instanceof Map<?, ?> m) {
            b.append("<table class=\"kv ev\">\n<caption>").append(esc(name)).append("</caption>\n");
            for (Map.Entry<?, ?> e : depthlimit.io.Json.ordered(m))   // Map.of's order changes between runs
                b.append("<tr><th>").append(esc(String.valueOf(e.getKey()))).append("</th><td>").append(esc(cell(e.getValue()))).append("</td></tr>\n");
            b.append("</table>\n");
        } else b.append("<p><b>").append(esc(name)).append("</b>: ").append(esc(cell(v))).append("</p>\n");
    }

    /** A value as text: MarkdownReport's number formats, without its Markdown escaping of '|'. */
    static String cell(Object v) {
        return MarkdownReport.cell(v).replace("\\|", "|");
    }

    static void kv(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>\n");
    }

    private static String badge(Verdict v) {
        String cls = switch (v) { case CONFIRMED -> "ok"; case NOT_CONFIRMED -> "bad"; case INCONCLUSIVE -> "warn"; };
        return "<span class=\"v " + cls + "\">" + esc(v.toString()) + "</span>";
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder o = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> o.append("&lt;");
                case '>' -> o.append("&gt;");
                case '&' -> o.append("&amp;");
                case '"' -> o.append("&quot;");
                default -> o.append(ch);
            }
        }
        return o.toString();
    }

    /** Inline so that the page opens from disk with no network; system fonts only. */
    private static final String CSS = """
            body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; background: #fff; margin: 0; }
            main { max-width: 1100px; margin: 0 auto; padding: 1em 1.5em 4em; }
            h1 { font-size: 1.6em; margin-bottom: .2em; }
            h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
            .lead { font-size: 1.1em; }
            .nav a { margin: 0 .2em; }
            table { border-collapse: collapse; margin: .6em 0 1em; font-size: .9em; }
            th, td { border: 1px solid #ddd; padding: .25em .5em; vertical-align: top; text-align: left; overflow-wrap: break-word; }
            thead th { white-space: nowrap; }
            .scroll { overflow-x: auto; }
            thead th { background: #f3f3f3; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            table.kv th { background: #fafafa; white-space: nowrap; width: 11em; }
            caption { text-align: left; font-weight: bold; padding: .2em 0; }
            .sub { color: #666; font-size: .85em; }
            .v { display: inline-block; padding: .05em .45em; border-radius: .3em; font-size: .8em; font-weight: bold; white-space: nowrap; }
            .v.ok { background: #d7f0d8; color: #185c1c; }
            .v.bad { background: #f8d4d4; color: #8a1414; }
            .v.warn { background: #fbecc4; color: #6b4c00; }
            .title { font-size: 1.1em; font-style: italic; }
            code.cmd { background: #f4f4f4; padding: .15em .4em; }
            figure { margin: 1em 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { font-size: .9em; max-width: 720px; }
            .files { white-space: nowrap; }
            .top { font-size: .85em; }
            """;
}
