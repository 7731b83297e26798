package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.claims.ClaimCatalogue;
import depthlimit.claims.Scale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
        description = {"The full verification run: every claim of the catalogue (digest §9) at the chosen scale, then every",
                "symbolic check of proofs/. Writes DIR/index.html (the report), DIR/claims.json, DIR/report.md and DIR/proofs.json.",
                "Exit code 0 when every claim is CONFIRMED and every proof check True, 1 otherwise."})
public final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--scale", paramLabel = "ci|paper", description = "Problem sizes (default: ci, a few minutes on 2 cores).")
    String scale = "ci";

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random choice (default: 1).")
    long seed = 1;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--quiet", description = "No progress lines on stderr (claim i of n, elapsed, estimated remaining).")
    boolean quiet;

    public Integer call() throws IOException {
        Scale sc = Scale.of(scale);
        if (sc == null) throw new InputError("--scale", "expected ci or paper, got \"" + scale + "\"");
        java.time.Instant started = java.time.Instant.now();
        List<ClaimCatalogue.Result> done = new ArrayList<>();
        boolean claims = CheckCommand.runClaims(ClaimCatalogue.all(), sc, seed, out, done, "bin/depthlimit verify", quiet);
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
        Files.writeString(out.resolve("proofs.json"), Json.write(json));
        HtmlPages.write(out, "bin/depthlimit verify", sc, seed, done, json, started, HtmlPages.workPrecision(seed));
        System.out.printf("%nverify: claims %s, proofs %s; wrote %s%n", claims ? "all CONFIRMED" : "NOT all confirmed",
                proofs ? "all True" : "FAILED", out);
        return claims && proofs ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
