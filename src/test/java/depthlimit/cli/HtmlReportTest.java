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
 * parses and matches the summary table, and every plot's CSV is the data of the claim's evidence. Runs six claims
 * that take about a second each at ci scale.
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
