package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.claims.Claim;
import depthlimit.claims.ClaimCatalogue;
import depthlimit.claims.Scale;
import depthlimit.claims.Verdict;
import depthlimit.io.Json;
import depthlimit.report.MarkdownReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code depthlimit check}: runs the claims catalogue and reports a verdict with its evidence for each. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the paper's claims (digest §9): each gets CONFIRMED, NOT CONFIRMED or INCONCLUSIVE with its evidence.",
                "Prints a table and writes DIR/index.html (the report with plots), DIR/claims.json and DIR/report.md. Exit code 0 when every claim run is CONFIRMED, 1 otherwise."})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--claim", paramLabel = "ID", description = "Claim to run (repeatable; default: all).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--scale", paramLabel = "ci|paper", description = "Problem sizes (default: ci).")
    String scale = "ci";

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random choice (default: 1).")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory for claims.json.")
    Path out;

    @Option(names = "--list", description = "List the claim ids and titles and exit.")
    boolean list;

    @Option(names = "--quiet", description = "No progress lines on stderr (claim i of n, elapsed, estimated remaining).")
    boolean quiet;

    public Integer call() throws IOException {
        List<Claim> all = ClaimCatalogue.all();
        if (list) {
            for (Claim c : all) System.out.printf("%-34s §9.%-3d %s%n", c.id(), c.digestItem(), c.title());
            return Main.EXIT_OK;
        }
        Scale sc = Scale.of(scale);
        if (sc == null) throw new InputError("--scale", "expected ci or paper, got \"" + scale + "\"");
        if (out == null) throw new InputError("--out", "missing (expected the output directory)");
        List<Claim> chosen = new ArrayList<>();
        for (String id : ids)
            chosen.add(ClaimCatalogue.byId(id).orElseThrow(() -> new InputError("--claim", "unknown claim \"" + id
                    + "\" (see 'depthlimit check --list')")));
        if (chosen.isEmpty()) chosen = all;
        StringBuilder command = new StringBuilder("bin/depthlimit check");
        for (String id : ids) command.append(" --claim ").append(id);
        return runClaims(chosen, sc, seed, out, new ArrayList<>(), command.toString(), quiet) ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    /**
     * Runs the claims, prints the table, writes claims.json (kept current), report.md and index.html; adds the results
     * to {@code done}; true if all CONFIRMED.
     */
    static boolean runClaims(List<Claim> chosen, Scale sc, long seed, Path out, List<ClaimCatalogue.Result> done,
                             String command, boolean quiet) throws IOException {
        java.time.Instant started = java.time.Instant.now();
        Files.createDirectories(out);
        List<Map<String, Object>> results = new ArrayList<>();
        boolean allConfirmed = true;
        System.out.printf("%-34s %-14s %9s  %s%n", "claim", "verdict", "seconds", "key figure");
        for (Claim c : chosen) {
            if (!quiet) progress(done.size(), chosen.size(), c.id(), started);
            ClaimCatalogue.Result r = ClaimCatalogue.run(c, sc, seed);
            done.add(r);
            results.add(r.toMap());
            allConfirmed &= r.outcome().verdict() == Verdict.CONFIRMED;
            System.out.printf(Locale.ROOT, "%-34s %-14s %9.1f  %s%n", c.id(), r.outcome().verdict(), r.wallSeconds(),
                    r.outcome().keyFigure());
            if (r.outcome().verdict() != Verdict.CONFIRMED) System.out.printf("%-34s   %s%n", "", r.outcome().summary());
            Files.writeString(out.resolve("claims.json"), Json.write(results)); // kept current during long runs
        }
        Files.writeString(out.resolve("report.md"), MarkdownReport.render("depthlimit claims (scale " + sc.label() + ", seed " + seed + ")", results));
        HtmlPages.write(out, command, sc, seed, done, null, started, List.of());
        long confirmed = results.stream().filter(m -> "CONFIRMED".equals(m.get("verdict"))).count();
        System.out.printf("%d of %d claims CONFIRMED (scale %s, seed %d); wrote %s%n", confirmed, results.size(), sc.label(), seed,
                out.resolve("claims.json"));
        return allConfirmed;
    }

    /** One line on stderr before each claim: i of n, elapsed, and remaining estimated from the mean time so far. */
    private static void progress(int finished, int n, String id, java.time.Instant started) {
        double el = java.time.Duration.between(started, java.time.Instant.now()).toMillis() / 1e3;
        String eta = finished == 0 ? "?" : String.format(Locale.ROOT, "~%.0f s", el / finished * (n - finished));
        System.err.printf(Locale.ROOT, "[%d/%d] %s  (elapsed %.0f s, remaining %s)%n", finished + 1, n, id, el, eta);
    }
}
