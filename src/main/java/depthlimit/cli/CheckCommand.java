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
        description = {"Check the paper's claims (26, numbered as in 'check --list'): each gets CONFIRMED, NOT CONFIRMED or INCONCLUSIVE with its evidence.",
                "Prints a table and writes DIR/claims.json and DIR/report.md. Exit code 0 when every claim run is CONFIRMED, 1 otherwise."})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--claim", paramLabel = "ID", description = "Claim to run (repeatable; default: all).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--scale", paramLabel = "ci|paper", description = "Problem sizes (default: ci).")
    String scale = "ci";

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random choice (default: 1).")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory for claims.json.")
    Path out;

    @Option(names = "--claim-timeout", paramLabel = "SECONDS", description = "Wall-clock limit of each claim; a claim that "
            + "runs out of it is INCONCLUSIVE (timeout) and the run moves on (default: 600 at ci, 7200 at paper scale).")
    Double claimTimeout;

    @Option(names = "--list", description = "List the claim ids and titles and exit.")
    boolean list;

    public Integer call() throws IOException {
        List<Claim> all = ClaimCatalogue.all();
        if (list) {
            for (Claim c : all) System.out.printf("%-34s %3d  %s%n", c.id(), c.number(), c.title());
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
        return runClaims(chosen, sc, seed, out, timeout(claimTimeout, sc)) ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    /** Runs the claims, prints the table, writes claims.json (kept current) and report.md; true if all CONFIRMED. */
    static double timeout(Double option, Scale sc) {
        if (option == null) return ClaimCatalogue.defaultTimeoutSeconds(sc);
        if (!(option > 0) || option.isInfinite())
            throw new InputError("--claim-timeout", "expected a positive number of seconds, got " + option);
        return option;
    }

    static boolean runClaims(List<Claim> chosen, Scale sc, long seed, Path out, double timeoutSeconds) throws IOException {
        Files.createDirectories(out);
        List<Map<String, Object>> results = new ArrayList<>();
        boolean allConfirmed = true;
        System.out.printf("%-34s %-14s %9s  %s%n", "claim", "verdict", "seconds", "key figure");
        for (Claim c : chosen) {
            ClaimCatalogue.Result r = ClaimCatalogue.run(c, sc, seed, timeoutSeconds);
            results.add(r.toMap());
            allConfirmed &= r.outcome().verdict() == Verdict.CONFIRMED;
            System.out.printf(Locale.ROOT, "%-34s %-14s %9.1f  %s%n", c.id(), r.outcome().verdict(), r.wallSeconds(),
                    r.outcome().keyFigure());
            if (r.outcome().verdict() != Verdict.CONFIRMED) System.out.printf("%-34s   %s%n", "", r.outcome().summary());
            Files.writeString(out.resolve("claims.json"), Json.write(results)); // kept current during long runs
        }
        Files.writeString(out.resolve("report.md"), MarkdownReport.render("depthlimit claims (scale " + sc.label() + ", seed " + seed + ")", results));
        long confirmed = results.stream().filter(m -> "CONFIRMED".equals(m.get("verdict"))).count();
        System.out.printf("%d of %d claims CONFIRMED (scale %s, seed %d); wrote %s%n", confirmed, results.size(), sc.label(), seed,
                out.resolve("claims.json"));
        return allConfirmed;
    }
}
