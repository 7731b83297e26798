package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.claims.ClaimCatalogue;
import depthlimit.claims.Scale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code depthlimit verify}: the full verification run — every claim of the catalogue, with its report. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"The full verification run: every claim of the catalogue (digest §9) at the chosen scale.",
                "Writes DIR/claims.json and DIR/report.md. Exit code 0 when everything is CONFIRMED, 1 otherwise."})
public final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--scale", paramLabel = "ci|paper", description = "Problem sizes (default: ci, a few minutes on 2 cores).")
    String scale = "ci";

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random choice (default: 1).")
    long seed = 1;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    public Integer call() throws IOException {
        Scale sc = Scale.of(scale);
        if (sc == null) throw new InputError("--scale", "expected ci or paper, got \"" + scale + "\"");
        boolean ok = CheckCommand.runClaims(ClaimCatalogue.all(), sc, seed, out);
        return ok ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
