package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.symbolic.ProofRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code depthlimit prove}: run the Symja scripts of proofs/, one row per check. */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = {"Run every Symja script of proofs/ (one named check per row: file, name, result, time).",
                "Each check must evaluate to True; a failing check prints the expression it reduced to. Exit 1 on any failure."})
public final class ProveCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", description = "Directory of the scripts (default: proofs/ of the project).")
    Path dir;

    @Option(names = "--file", paramLabel = "NAME", description = "Run only this script (file name, e.g. 02-adjoint.m); repeatable.")
    List<String> files;

    public Integer call() {
        Path d = dir != null ? dir : ProofRunner.defaultDirectory();
        if (!Files.isDirectory(d)) throw new InputError("--dir", "no such directory: " + d);
        List<ProofRunner.Row> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        if (files == null || files.isEmpty()) {
            rows.addAll(ProofRunner.runAll(d));
        } else {
            for (String f : files) {
                Path p = d.resolve(f);
                if (!Files.isRegularFile(p)) throw new InputError("--file", "no such script: " + p);
                rows.addAll(ProofRunner.run(p));
            }
        }
        if (rows.isEmpty()) throw new InputError("--dir", "no *.m scripts in " + d);
        return print(rows, (System.nanoTime() - t0) / 1e9) ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    /** Prints one row per check and the totals; true when every check passed. */
    static boolean print(List<ProofRunner.Row> rows, double wall) {
        int failed = 0;
        double total = 0;
        System.out.printf(Locale.ROOT, "%-22s %-6s %8s  %s%n", "file", "result", "time", "check");
        for (ProofRunner.Row r : rows) {
            total += r.seconds();
            if (!r.passed()) failed++;
            System.out.printf(Locale.ROOT, "%-22s %-6s %7.2fs  %s%n", r.file(), r.passed() ? "True" : "FAIL", r.seconds(), r.name());
            if (!r.passed()) System.out.println("    " + r.result());
        }
        System.out.printf(Locale.ROOT, "%d checks in %d files, %d failed; %.1f s in the checks, %.1f s in all (definitions, Symja start-up)%n",
                rows.size(), rows.stream().map(ProofRunner.Row::file).distinct().count(), failed, total, wall);
        return failed == 0;
    }
}
