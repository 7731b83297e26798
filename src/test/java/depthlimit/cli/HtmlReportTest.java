package depthlimit.cli;

import depthlimit.claims.ClaimCatalogue;
import depthlimit.claims.Scale;
import depthlimit.io.Json;
import depthlimit.plot.Figure;
import depthlimit.plot.Plot;
import depthlimit.plot.Series;
import depthlimit.report.HtmlReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report of {@code check} (issue "done when"): every file it references exists, no external URL, claims.json
 * parses and matches the summary table, every plot's CSV is the data of the claim's evidence, and claims.json holds
 * the convergence studies each plot draws with the plot's numbers. Runs six claims that take about a second each at ci
 * scale.
 */
class HtmlReportTest {
    static final List<String> CLAIMS = List.of("prop2.resnet-to-ode", "prop3.depth-regularity", "fig1.metric-mismatch",
            "appD.relu-loses-smoothness", "appD.smooth-contrast", "iid.no-regularity");

    @TempDir
    static Path dir;

    static Path out;
    static String html;

    @BeforeAll
    static void runCheck() throws Exception {
        out = dir.resolve("report");
        List<String> args = new ArrayList<>(List.of("check", "--quiet", "--scale", "ci", "--seed", "1", "--out", out.toString()));
        for (String c : CLAIMS) { args.add("--claim"); args.add(c); }
        int code = Main.commandLine().execute(args.toArray(String[]::new));
        assertEquals(Main.EXIT_OK, code, "every claim of this set is CONFIRMED at ci scale");
        html = Files.readString(out.resolve("index.html"));
    }

    @Test
    void everyReferencedFileExistsAndNothingIsFetched() {
        int files = OfflinePage.assertOffline(html, out);
        assertTrue(files >= 3 * CLAIMS.size() + 1, "each claim has at least one plot (svg, png, csv) and claims.json is linked: " + files);
    }

    @Test
    @SuppressWarnings("unchecked")
    void claimsJsonMatchesTheSummaryTable() throws Exception {
        List<Object> claims = (List<Object>) Json.parse(Files.readString(out.resolve("claims.json")));
        assertEquals(CLAIMS.size(), claims.size());
        String summary = html.substring(html.indexOf("<table class=\"summary\">"), html.indexOf("</table>", html.indexOf("<table class=\"summary\">")));
        List<String> rows = List.of(summary.split("<tr>"));
        for (int i = 0; i < claims.size(); i++) {
            Map<String, Object> c = (Map<String, Object>) claims.get(i);
            String row = rows.get(i + 2);                                   // [0] before the header, [1] the header
            assertTrue(row.contains(">" + c.get("id") + "</a>"), row);
            assertTrue(row.contains(">" + c.get("verdict") + "</span>"), row);
            assertTrue(row.contains("<td>" + esc((String) c.get("key_figure")) + "</td>"), row);
            assertTrue(row.contains("<td>" + esc((String) c.get("reference")) + "</td>"), row);
            assertTrue(html.contains("id=\"" + HtmlReport.anchor((String) c.get("id")) + "\""), "section of " + c.get("id"));
            assertTrue(html.contains("bin/depthlimit check --claim " + c.get("id") + " --scale ci --seed 1"), "replay command");
        }
    }

    /**
     * Each plot's CSV on disk is its data (a rerun with the same seed reproduces it exactly), and every measured point
     * (not the fitted or predicted reference lines) is a number of the claim's evidence, bit for bit.
     */
    @Test
    void everyPlotCsvIsTheEvidence() throws Exception {
        int checked = 0;
        for (String id : CLAIMS) {
            ClaimCatalogue.Result r = ClaimCatalogue.run(ClaimCatalogue.byId(id).orElseThrow(), Scale.CI, 1);
            Set<Double> numbers = new HashSet<>();
            collect(r.outcome().evidence().toMap(), numbers);
            assertFalse(r.outcome().evidence().plots().isEmpty(), id + " has a plot");
            for (Plot p : r.outcome().evidence().plots()) {
                Path csv = out.resolve(HtmlReport.PLOTS).resolve(HtmlReport.plotStem(id, p) + ".csv");
                assertEquals(p.csv(), Files.readString(csv), csv.toString());
                if (!(p instanceof Figure f)) continue;
                for (Series s : f.series()) {
                    if (s.style() == Series.Style.DASHED || s.style() == Series.Style.BAND || s.style() == Series.Style.LEVEL) continue;
                    for (double x : s.x()) assertTrue(numbers.contains(x), id + "/" + p.name() + ": x = " + x + " not in the evidence");
                    for (double y : s.y()) assertTrue(numbers.contains(y), id + "/" + p.name() + ": y = " + y + " not in the evidence");
                    checked += s.size();
                }
                // the CSV's lines are the series' points in order
                List<String> lines = Files.readAllLines(csv);
                assertEquals("series,x,y", lines.get(0));
                assertEquals(1 + f.series().stream().mapToInt(Series::size).sum(), lines.size());
            }
        }
        System.out.println("HtmlReportTest: " + checked + " plotted points found in the evidence");
        assertTrue(checked >= 30, "too few points checked: " + checked);
    }

    /**
     * The plots that draw convergence studies in this set, read off the claims' code (a rate plot per claim): each
     * must have its studies in claims.json, so that a claim that stops recording them fails here.
     */
    static final Map<String, Set<String>> STUDY_PLOTS = Map.of("prop2.resnet-to-ode", Set.of("rate"),
            "prop3.depth-regularity", Set.of("regularity-rate"), "fig1.metric-mismatch", Set.of("figure1-left"),
            "appD.relu-loses-smoothness", Set.of("appendixD-relu"), "appD.smooth-contrast", Set.of("appendixD-smooth"),
            "iid.no-regularity", Set.of("rate"));

    /**
     * claims.json holds the studies each plot draws (evidence.studies.PLOT.LABEL), and their numbers are the plot's:
     * L and the values are the CSV's points of the series named by the label, and a drawn fit's slope and 95% interval
     * are those of its legend. The CSV prints Java's shortest round-trip repr, so its printed precision is the whole
     * double and the points must agree exactly; the legend prints 3 significant digits, compared as printed. Any plot
     * with a fitted line (a series "fit: slope …", which only a study draws) must have its studies recorded.
     */
    @Test
    @SuppressWarnings("unchecked")
    void claimsJsonHoldsThePlottedStudies() throws Exception {
        List<Object> claims = (List<Object>) Json.parse(Files.readString(out.resolve("claims.json")));
        int points = 0, fits = 0;
        for (Object o : claims) {
            Map<String, Object> c = (Map<String, Object>) o;
            String id = (String) c.get("id");
            Map<String, Object> ev = (Map<String, Object>) c.get("evidence");
            Map<String, Object> studies = (Map<String, Object>) ev.getOrDefault("studies", Map.of());
            Set<String> fitted = new HashSet<>();
            try (var files = Files.list(out.resolve(HtmlReport.PLOTS))) {
                for (Path csv : files.filter(f -> f.getFileName().toString().startsWith(id + "--") && f.toString().endsWith(".csv")).toList())
                    if (readCsv(csv).stream().anyMatch(d -> d.name().startsWith("fit: slope")))
                        fitted.add(csv.getFileName().toString().substring(id.length() + 2).replaceFirst("\\.csv$", ""));
            }
            assertTrue(studies.keySet().containsAll(fitted), id + ": plots with a fitted rate " + fitted + ", studies of " + studies.keySet());
            assertEquals(STUDY_PLOTS.get(id), studies.keySet(), id + ": the plots that draw studies");
            for (Map.Entry<String, Object> plot : studies.entrySet()) {
                Path csv = out.resolve(HtmlReport.PLOTS).resolve(id + "--" + plot.getKey() + ".csv");
                List<Drawn> series = readCsv(csv);
                List<String> names = series.stream().map(Drawn::name).toList();
                Map<String, Object> byLabel = (Map<String, Object>) plot.getValue();
                assertFalse(byLabel.isEmpty(), id + "/" + plot.getKey());
                for (Map.Entry<String, Object> st : byLabel.entrySet()) {
                    String where = id + "/" + plot.getKey() + "/" + st.getKey();
                    Map<String, Object> study = (Map<String, Object>) st.getValue();
                    assertEquals(st.getKey(), study.get("quantity"), where);
                    int at = names.indexOf(st.getKey());
                    assertTrue(at >= 0, where + ": no such series in " + csv);
                    Drawn drawn = series.get(at);
                    List<Object> L = (List<Object>) study.get("L"), values = (List<Object>) study.get("values");
                    assertEquals(drawn.x().length, L.size(), where + ": points");
                    for (int i = 0; i < L.size(); i++) {
                        assertSame(drawn.x()[i], L.get(i), where + ": L[" + i + "]");
                        assertSame(drawn.y()[i], values.get(i), where + ": values[" + i + "]");
                        points++;
                    }
                    // the study's fitted line is the series drawn right after its points (ConvergenceStudy.series)
                    String next = at + 1 < names.size() ? names.get(at + 1) : "";
                    Map<String, Object> fit = (Map<String, Object>) study.get("fit");
                    if (fit == null || fit.get("slope") == null) {
                        assertFalse(next.startsWith("fit: "), where + ": a fitted line without a fit in claims.json");
                        continue;
                    }
                    double slope = (Double) fit.get("slope");
                    List<Object> ci = (List<Object>) fit.get("ci95");
                    String legend = ci.get(0) == null || ci.get(1) == null ? "fit: slope " + g3(-slope)
                            : "fit: slope " + g3(-slope) + ", 95% CI [" + g3(-(Double) ci.get(1)) + ", " + g3(-(Double) ci.get(0)) + "] (dotted)";
                    assertEquals(legend, next, where + ": the fit's legend");
                    // the line spans the fit window's depths
                    double from = (Double) study.get("fit_from");
                    double to = study.get("fit_to") == null ? Double.POSITIVE_INFINITY : (Double) study.get("fit_to");
                    double lo = L.stream().mapToDouble(x -> (Double) x).filter(x -> x >= from && x <= to).min().orElseThrow();
                    double hi = L.stream().mapToDouble(x -> (Double) x).filter(x -> x >= from && x <= to).max().orElseThrow();
                    double[] line = series.get(at + 1).x();
                    assertEquals(List.of(lo, hi), List.of(line[0], line[line.length - 1]), where + ": the fit window");
                    fits++;
                }
            }
        }
        System.out.println("HtmlReportTest: " + points + " study points and " + fits + " fits of claims.json found in the plots' CSV");
        assertTrue(points >= 30 && fits >= 4, "too little checked: " + points + " points, " + fits + " fits");
    }

    /**
     * A result kept by --resume is rebuilt from its claims.json entry: the studies go back to the evidence's studies,
     * not among the values the reports show, and the entry it writes again is the one it was read from.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aResumedResultKeepsItsStudies() throws Exception {
        int withStudies = 0;
        for (Object o : (List<Object>) Json.parse(Files.readString(out.resolve("claims.json")))) {
            Map<String, Object> m = (Map<String, Object>) o;
            ClaimCatalogue.Result r = CheckCommand.fromMap(ClaimCatalogue.byId((String) m.get("id")).orElseThrow(), m, Scale.CI, 1);
            assertFalse(r.outcome().evidence().toMap().containsKey("studies"), m.get("id") + ": studies among the shown values");
            assertEquals(Json.write(m.get("evidence")), Json.write(r.toMap().get("evidence")), m.get("id") + ": evidence written back");
            if (!r.outcome().evidence().studies().isEmpty()) withStudies++;
        }
        assertEquals(CLAIMS.size(), withStudies, "every claim of this set plots studies");
    }

    private static String g3(double v) { return String.format(java.util.Locale.ROOT, "%.3g", v); }

    /** One number of a CSV against claims.json, where a non-finite double is null (JSON cannot hold it). */
    private static void assertSame(double csv, Object json, String where) {
        if (json == null) assertFalse(Double.isFinite(csv), where + ": null in claims.json, " + csv + " in the CSV");
        else assertEquals(csv, (Double) json, 0.0, where);
    }

    /** One series of a plot's CSV. */
    record Drawn(String name, double[] x, double[] y) {}

    /** The series of a plot's CSV (series,x,y; RFC 4180 quoting), in order; a series is a run of lines with one name. */
    private static List<Drawn> readCsv(Path csv) throws java.io.IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals("series,x,y", lines.get(0), csv.toString());
        List<String> names = new ArrayList<>();
        List<List<double[]>> pts = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String name;
            int end;
            if (line.startsWith("\"")) {
                StringBuilder b = new StringBuilder();
                int i = 1;
                while (true) {
                    char ch = line.charAt(i++);
                    if (ch != '"') b.append(ch);
                    else if (i < line.length() && line.charAt(i) == '"') { b.append('"'); i++; }
                    else break;
                }
                name = b.toString();
                end = i;
            } else {
                end = line.indexOf(',');
                name = line.substring(0, end);
            }
            String[] xy = line.substring(end + 1).split(",");
            assertEquals(2, xy.length, line);
            if (names.isEmpty() || !names.get(names.size() - 1).equals(name)) { names.add(name); pts.add(new ArrayList<>()); }
            pts.get(pts.size() - 1).add(new double[]{Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        List<Drawn> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++)
            out.add(new Drawn(names.get(i), pts.get(i).stream().mapToDouble(p -> p[0]).toArray(), pts.get(i).stream().mapToDouble(p -> p[1]).toArray()));
        return out;
    }

    private static void collect(Object v, Set<Double> into) {
        if (v instanceof Number n) into.add(n.doubleValue());
        else if (v instanceof double[] a) for (double x : a) into.add(x);
        else if (v instanceof int[] a) for (int x : a) into.add((double) x);
        else if (v instanceof Map<?, ?> m) m.values().forEach(x -> collect(x, into));
        else if (v instanceof List<?> l) l.forEach(x -> collect(x, into));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * Headless Chromium renders the page and one plot to non-blank screenshots. Skipped (with a message) where
     * /usr/bin/chromium is absent, as on CI machines without Debian's chromium package.
     */
    @Test
    void chromiumRendersThePage() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(chromium), "no /usr/bin/chromium: screenshot check skipped");
        Path page = dir.resolve("page.png"), plot = dir.resolve("plot.png");
        screenshot(chromium, out.resolve("index.html"), page, "1200,1600");
        String svg = HtmlReport.PLOTS + "/" + "fig1.metric-mismatch--figure1-left.svg";
        screenshot(chromium, out.resolve(svg), plot, "760,540");
        for (Path p : List.of(page, plot)) {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(p.toFile());
            int dark = 0, total = img.getWidth() * img.getHeight();
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < img.getHeight(); y += 2)
                for (int x = 0; x < img.getWidth(); x += 2) {
                    int rgb = img.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    if (((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255) < 3 * 128) dark++;
                }
            // a blank or error page is one or two colours; text, tables and curves give hundreds
            assertTrue(colours.size() > 20 && dark > total / 4 / 500, p + ": " + colours.size() + " colours, " + dark + " dark samples");
        }
    }

    static void screenshot(Path chromium, Path file, Path png, String size) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium");
        Process pr = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=" + size, "--screenshot=" + png, file.toUri().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(pr.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "chromium did not finish in 120 s");
        assertTrue(Files.size(png) > 1000, "no screenshot " + png);
    }
}
