package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.claims.ClaimCatalogue;
import depthlimit.claims.Scale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import depthlimit.io.AtomicFiles;
import depthlimit.io.Json;
import depthlimit.symbolic.ProofRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code depthlimit verify}: the full verification run — every claim of the catalogue and every proof script. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"The full verification run: every claim of the catalogue (26 claims) at the chosen scale, then every",
                "symbolic check of proofs/. Writes DIR/index.html (the report), DIR/claims.json, DIR/report.md and DIR/proofs.json.",
                "Exit code 0 when every claim is CONFIRMED and every proof check True, 1 otherwise."})
public final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--scale", paramLabel = "ci|paper", description = "Problem sizes (default: ci, a few minutes on 2 cores; paper: 20–45 min by the CPU's vector width, estimated before the run).")
    String scale = "ci";

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random choice (default: 1).")
    long seed = 1;

    @Option(names = "--claim-timeout", paramLabel = "SECONDS", description = "Wall-clock limit of each claim; a claim that "
            + "runs out of it is INCONCLUSIVE (timeout) and the run moves on (default: 600 at ci, 7200 at paper scale).")
    Double claimTimeout;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory: new, empty, or a previous verify output (replaced whole unless --resume).")
    Path out;

    @Option(names = "--resume", description = {"Keep the finished claims in DIR (same claim, scale, seed and version), run only the",
            "missing or failed ones, then the proofs."})
    boolean resume;

    @Option(names = "--skip-proofs", description = "Run the claims only, not the symbolic checks of proofs/ (then no proofs.json).")
    boolean skipProofs;

    @Option(names = "--claim", paramLabel = "ID", description = "Only this claim (repeatable; default: every claim).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--quiet", description = "No progress lines on stderr (claim i of n, elapsed, estimated remaining).")
    boolean quiet;

    public Integer call() throws IOException {
        Scale sc = Scale.of(scale);
        if (sc == null) throw new InputError("--scale", "expected ci or paper, got \"" + scale + "\"");
        List<depthlimit.claims.Claim> chosen = new ArrayList<>();
        for (String id : ids)
            chosen.add(ClaimCatalogue.byId(id).orElseThrow(() -> new InputError("--claim", "unknown claim \"" + id
                    + "\" (see 'depthlimit check --list')")));
        if (chosen.isEmpty()) chosen = ClaimCatalogue.all();
        Path dir = OutputDir.prepare(out, "verify", resume);
        java.time.Instant started = java.time.Instant.now();
        List<ClaimCatalogue.Result> done = new ArrayList<>();
        boolean claims = CheckCommand.runClaims("verify", chosen, sc, seed, dir, resume, CheckCommand.timeout(claimTimeout, sc), Map.of(),
                done, "bin/depthlimit verify", quiet);
        if (skipProofs) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("proofs", "skipped (--skip-proofs)");
            HtmlPages.write(dir, "bin/depthlimit verify --skip-proofs", sc, seed, done, null, started, List.of());
            CheckCommand.writeStatus(dir, "verify", "completed", sc, seed, chosen,
                    CheckCommand.previousResults(dir.resolve("claims.json")).values().stream().toList(), extra);
            System.out.printf("%nverify: claims %s, proofs skipped; wrote %s%n", claims ? "all CONFIRMED" : "NOT all confirmed", out);
            return claims ? Main.EXIT_OK : Main.EXIT_FAILED;
        }
        System.out.println();
        long t0 = System.nanoTime();
        List<ProofRunner.Row> rows = ProofRunner.runAll();
        boolean proofs = ProveCommand.print(rows, (System.nanoTime() - t0) / 1e9);
        List<Map<String, Object>> json = new ArrayList<>();
        for (ProofRunner.Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", r.file());
            m.put("check", r.name());
            m.put("passed", r.passed());
            m.put("result", r.result());
            m.put("seconds", r.seconds());
            json.add(m);
        }
        AtomicFiles.writeString(dir.resolve("proofs.json"), Json.write(json));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("proofs_passed", proofs);
        HtmlPages.RunPlots runPlots = HtmlPages.workPrecision(seed);
        extra.putAll(runPlots.data());
        HtmlPages.write(dir, "bin/depthlimit verify", sc, seed, done, json, started, runPlots.plots());
        List<Map<String, Object>> finished = CheckCommand.previousResults(dir.resolve("claims.json")).values().stream().toList();
        CheckCommand.writeStatus(dir, "verify", "completed", sc, seed, chosen, finished, extra);
        System.out.printf("%nverify: claims %s, proofs %s; wrote %s%n", claims ? "all CONFIRMED" : "NOT all confirmed",
                proofs ? "all True" : "FAILED", out);
        return claims && proofs ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
