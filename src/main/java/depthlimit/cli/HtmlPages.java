package depthlimit.cli;

import depthlimit.claims.ClaimCatalogue;
import depthlimit.claims.Scale;
import depthlimit.model.Parallel;
import depthlimit.report.HtmlReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Writes DIR/index.html for {@code check} and {@code verify}: the run's configuration and versions around the results. */
final class HtmlPages {
    private HtmlPages() {}

    /** proofs: the proofs.json rows, or null when the run had none. */
    static Path write(Path out, String command, Scale sc, long seed, List<ClaimCatalogue.Result> results,
                      List<Map<String, Object>> proofs, Instant started) throws IOException {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("command", command + " --scale " + sc.label() + " --seed " + seed + " --out " + out);
        cfg.put("scale", sc.label());
        cfg.put("seed", seed);
        cfg.put("started (UTC)", started.truncatedTo(ChronoUnit.SECONDS).toString());
        cfg.put("threads", Parallel.threads());
        cfg.put("cores", Runtime.getRuntime().availableProcessors());
        cfg.put("depthlimit", Main.version());
        cfg.put("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        cfg.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        cfg.put("Hipparchus", mavenVersion("org.hipparchus", "hipparchus-ode"));
        cfg.put("Symja", mavenVersion("org.matheclipse", "matheclipse-core"));
        cfg.put("XChart", mavenVersion("org.knowm.xchart", "xchart"));
        String title = "depthlimit " + command.replace("bin/depthlimit ", "").split(" ")[0] + " — scale " + sc.label() + ", seed " + seed;
        double total = java.time.Duration.between(started, Instant.now()).toNanos() / 1e9;
        return HtmlReport.write(out, new HtmlReport.Page(title, results, proofs, cfg, total));
    }

    /** A library's version from the pom.properties Maven puts in its jar ("unknown" when absent). */
    static String mavenVersion(String group, String artifact) {
        try (InputStream in = HtmlPages.class.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
