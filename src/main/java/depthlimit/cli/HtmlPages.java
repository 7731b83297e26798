package depthlimit.cli;

import depthlimit.claims.ClaimCatalogue;
import depthlimit.claims.Scale;
import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.flow.WorkPrecision;
import depthlimit.init.WeightTied;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.model.Parallel;
import depthlimit.plot.Plot;
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

    /** proofs: the proofs.json rows, or null when the run had none; runPlots: plots of the run as a whole. */
    static Path write(Path out, String command, Scale sc, long seed, List<ClaimCatalogue.Result> results,
                      List<Map<String, Object>> proofs, Instant started, List<Plot> runPlots) throws IOException {
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
        return HtmlReport.write(out, new HtmlReport.Page(title, results, proofs, cfg, total, runPlots));
    }

    /**
     * Plots of a run as a whole with the numbers they draw: {@code data} goes into run.json (under
     * {@value #WORK_PRECISION}), so that every plotted point of the page is also a recorded number, as the claims'
     * plots are in claims.json.
     */
    record RunPlots(List<Plot> plots, Map<String, Object> data) {
        static final RunPlots NONE = new RunPlots(List.of(), Map.of());
    }

    /** run.json's key for the work–precision diagram's data ({@link WorkPrecision#toMap()}). */
    static final String WORK_PRECISION = "work_precision";

    /**
     * The integrators' work–precision diagram on a small problem (the ci setting of Proposition 3: paper convention,
     * tanh, n = 20, d = d′ = 3, q = 6, m = 8, L = 16, weight-tied init, T = 1), with its data; a failure is reported,
     * not thrown.
     */
    static RunPlots workPrecision(long seed) {
        try {
            Architecture a = new Architecture(3, 6, 8, 3, 16, Activations.TANH, Convention.PAPER, true, true);
            Dataset data = new GaussianData(20, seed, 1.0).create(3, 3, 6);
            double[] theta0 = new WeightTied(seed + 1).create(a).theta;
            WorkPrecision wp = WorkPrecision.measure(new Backprop(a, data), theta0, 1.0);
            return new RunPlots(List.of(wp.figure("paper convention, tanh, n = 20, d = d′ = 3, q = 6, m = 8, L = 16, "
                    + "weight-tied init, T = 1, seed " + seed)), Map.of(WORK_PRECISION, wp.toMap()));
        } catch (RuntimeException e) {
            System.err.println("work–precision diagram not drawn: " + e.getMessage());
            return RunPlots.NONE;
        }
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
