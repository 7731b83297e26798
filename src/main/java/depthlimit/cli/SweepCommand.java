package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.model.Parallel;
import depthlimit.sweep.LocalEngine;
import depthlimit.sweep.SweepRun;
import depthlimit.sweep.SweepSpec;
import depthlimit.sweep.TrialEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code depthlimit sweep}: runs every trial of a sweep, resumably; see the README, "Sweeps and Spark". */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a sweep: the cartesian product (or a seeded random sample) of lists and ranges of configuration",
                "fields, recording measures (and optionally checking a property) for each trial. Writes DIR/results.csv",
                "(one row per trial: fields, config_hash, status, reason, measures, seconds) and the journal DIR/trials.jsonl.",
                "Rerunning the same command skips finished trials and reruns failed or missing ones. The table does not",
                "depend on the engine or the thread count (timings aside).",
                "Exit 0: every trial ok or holding; 1: some trial failed or violated the check; 2: bad input."})
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SWEEP.json", description = "The sweep.")
    Path spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (a sweep's own directory is resumed).")
    Path out;

    @Option(names = "--engine", paramLabel = "local|spark", description = "Where trials run (default local: threads of this JVM).")
    String engine = "local";

    @Option(names = "--master", paramLabel = "URL", description = "Spark master for --engine spark (default local[2]; under spark-submit, the one it sets).")
    String master;

    @Option(names = "--batch", paramLabel = "N", description = "Trials per batch (one Spark job each; default 8 × threads locally, 256 on Spark).")
    Integer batch;

    @Option(names = "--fresh", description = "Discard the results of an earlier run in DIR instead of resuming it.")
    boolean fresh;

    @Option(names = "--progress", negatable = true, description = "Progress on stderr (default: when on a terminal).")
    Boolean progress;

    public Integer call() throws IOException {
        if (batch != null && batch < 1) throw new InputError("--batch", "expected a positive number of trials, got " + batch);
        boolean onSpark = EngineChoice.spark(engine, master);
        SweepSpec s = SweepSpec.read(spec);
        boolean show = Progress.enabled(progress);
        try (TrialEngine e = onSpark ? TrialEngine.spark(master) : new LocalEngine(Parallel.threads())) {
            Path dir = OutputDir.prepare(out, "sweep", !fresh);
            int b = batch != null ? batch : e.defaultBatch();
            System.out.printf(Locale.ROOT, "sweep %s: %d trials%s, record %s%s; engine %s, batch %d%n", s.name(), s.trials().size(),
                    s.skipped() > 0 ? " (" + s.skipped() + " outside the constraints left out)" : "", s.record(), s.checks() ? " and a check" : "",
                    e.describe(), b);
            long t0 = System.nanoTime();
            SweepRun.Outcome o = SweepRun.run(s, dir, e, b, -1, p -> {
                if (show) { System.err.printf(Locale.ROOT, "\r  trials %d/%d   ", p[0], p[1]); System.err.flush(); }
            });
            if (show) System.err.println();
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%d trials: %d kept from an earlier run, %d evaluated in %.1f s (%.3g trials/s); %d ok, %d hold, %d violated, %d error(s), %d vacuous%n",
                    o.rows().size(), o.reused(), o.evaluated(), sec, o.evaluated() / Math.max(sec, 1e-9), o.count("ok"), o.count("holds"),
                    o.count("violated"), o.count("error"), o.count("vacuous"));
            o.rows().stream().filter(r -> r.status().equals("error")).findFirst()
                    .ifPresent(r -> System.out.println("first error: trial " + r.index() + ": " + r.reason()));
            if (!e.usage().isEmpty()) System.out.println(e.usage());
            System.out.println("wrote " + dir.resolve(SweepRun.RESULTS));
            return o.count("error") + o.count("violated") > 0 ? Main.EXIT_FAILED : Main.EXIT_OK;
        }
    }
}
