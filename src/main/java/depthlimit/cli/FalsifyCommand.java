package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.falsify.Evaluator;
import depthlimit.falsify.Property;
import depthlimit.falsify.Search;
import depthlimit.falsify.Shrinker;
import depthlimit.falsify.ThreadEvaluator;
import depthlimit.falsify.TrialLog;
import depthlimit.falsify.TrialResult;
import depthlimit.falsify.Witness;
import depthlimit.model.Parallel;
import depthlimit.sweep.TrialEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code depthlimit falsify}: searches for a counterexample to a property; see the README, "Conjectures". */
@Command(name = "falsify", mixinStandardHelpOptions = true,
        description = {"Searches a property's space for a configuration that violates it: seeded random sampling, then",
                "CMA-ES rounds around the best trials; a violation is shrunk to a minimal witness.",
                "Writes DIR/witness.json (on a violation), DIR/trials.csv and DIR/summary.txt. Trials run on --threads",
                "threads, or with --engine spark one Spark job per batch (the search stays in this process); the result",
                "depends only on the property, --seed and --budget, not on the engine or the thread count.",
                "Exit 0: no counterexample within the budget; 1: counterexample found (or no trial could be evaluated);",
                "2: bad input. Measures: lx, lx_2L, lx_ratio, lx0, lx0_2L, lx0_ratio, sup_norm, sup_norm_2L, dist_start,",
                "loss0, loss_T, pl0, min_pl, decay_rate, ode_gap, ode_gap_2L, ode_ratio, grad_agreement, eta_lambda (see the README)."})
public final class FalsifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PROP.json", description = "The property.")
    Path prop;

    @Option(names = "--budget", paramLabel = "N", description = "Maximum number of search trials (default 200; shrinking has its own).")
    Integer budget;

    @Option(names = "--time", paramLabel = "S", description = "Wall-time limit in seconds, checked between rounds (the run is then reproducible only through its witness).")
    Double time;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the search (default 1).")
    long seed = 1;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--random-only", description = "Random sampling only, no CMA-ES rounds.")
    boolean randomOnly;

    @Option(names = "--keep-going", description = "Spend the whole budget even after a violation (a better failure summary).")
    boolean keepGoing;

    @Option(names = "--shrink-budget", paramLabel = "N", description = "Evaluations allowed to shrinking (default 60; 0: no shrinking).")
    int shrinkBudget = 60;

    @Option(names = "--save-regression", paramLabel = "FILE", description = "Also write the witness to FILE (e.g. property-tests/regressions/NAME.json).")
    Path regression;

    @Option(names = "--engine", paramLabel = "local|spark", description = "Where trials run (default local: threads of this JVM).")
    String engine = "local";

    @Option(names = "--master", paramLabel = "URL", description = "Spark master for --engine spark (default local[2]; under spark-submit, the one it sets).")
    String master;

    @Option(names = "--progress", negatable = true, description = "Progress on stderr (default: when on a terminal).")
    Boolean progress;

    public Integer call() throws IOException {
        if (budget != null && budget <= 0) throw new InputError("--budget", "expected a positive number of trials, got " + budget);
        if (time != null && !(time > 0)) throw new InputError("--time", "expected a positive number of seconds, got " + time);
        if (shrinkBudget < 0) throw new InputError("--shrink-budget", "expected ≥ 0, got " + shrinkBudget);
        boolean onSpark = EngineChoice.spark(engine, master);
        Property p = Property.read(prop);
        try (Evaluator ev = onSpark ? (Evaluator) TrialEngine.spark(master) : new ThreadEvaluator(Parallel.threads())) {
            return run(p, ev);
        }
    }

    private Integer run(Property p, Evaluator ev) throws IOException {
        int n = budget != null ? budget : time != null ? Integer.MAX_VALUE : 200;
        Search.Options o = Search.Options.of(n, seed, Parallel.threads()).keepGoing(keepGoing)
                .withTime(time == null ? Double.POSITIVE_INFINITY : time);
        if (randomOnly) o = o.randomOnly();
        Files.createDirectories(out);
        boolean show = Progress.enabled(progress);
        long t0 = System.nanoTime();
        System.out.printf(Locale.ROOT, "falsify %s: measure %s, holds %s; budget %s, seed %d, engine %s%n", p.name(),
                p.measure().text(), p.holds(), budget != null ? budget + " trials" : time != null ? time + " s" : "200 trials",
                seed, ev.describe());
        Search.Outcome res = Search.run(p, o, ev, ts -> { if (show) progressLine(ts, budget); });
        if (show) System.err.println();
        List<TrialResult> all = new ArrayList<>(res.trials());
        TrialResult first = res.firstViolation();
        int holds = count(all, TrialResult.Status.HOLDS), errors = count(all, TrialResult.Status.ERROR),
                vacuous = count(all, TrialResult.Status.VACUOUS), violations = count(all, TrialResult.Status.VIOLATED);
        double searchSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%d trials in %.1f s: %d hold, %d violated, %d error(s), %d vacuous%s%n", all.size(), searchSeconds,
                holds, violations, errors, vacuous, res.timedOut() ? " (time limit reached)" : "");
        int code;
        if (first != null) {
            Shrinker.Result s = Shrinker.shrink(p, first, shrinkBudget, all.size(), ev);
            all.addAll(s.tried());
            TrialResult w = s.witness();
            Path wf = out.resolve("witness.json");
            var json = Witness.toJson(p, w, first, s.steps(), seed, "bin/depthlimit replay " + wf);
            Witness.write(wf, json);
            if (regression != null) {
                if (regression.getParent() != null) Files.createDirectories(regression.getParent());
                Witness.write(regression, json.put("replay", "bin/depthlimit replay " + regression));
            }
            System.out.printf(Locale.ROOT, "COUNTEREXAMPLE at trial %d (%s): value %.6g, margin %.4g (holds %s)%n", first.index(),
                    first.phase(), first.value(), first.margin(), p.holds());
            System.out.printf(Locale.ROOT, "shrunk in %d successful step(s) of %d tried: value %.6g, margin %.4g at %s%n", s.steps(),
                    s.tried().size(), w.value(), w.margin(), w.config().values());
            System.out.println("replay: bin/depthlimit replay " + wf + (regression != null ? " (also saved as " + regression + ")" : ""));
            code = Main.EXIT_FAILED;
        } else if (holds == 0) {
            System.out.println("no trial could be evaluated (every trial an error or vacuous); first reason: "
                    + all.stream().map(TrialResult::reason).filter(r -> !r.isEmpty()).findFirst().orElse("-"));
            code = Main.EXIT_FAILED;
        } else {
            TrialResult best = res.best();
            System.out.printf(Locale.ROOT, "survived %d trials, smallest margin %.4g (trial %d, %s, value %.6g)%n", all.size(),
                    best.margin(), best.index(), best.phase(), best.value());
            code = Main.EXIT_OK;
        }
        TrialLog.writeCsv(out.resolve("trials.csv"), p.space(), all);
        List<String> summary = TrialLog.summary(p.space(), all);
        Files.write(out.resolve("summary.txt"), summary);
        if (first != null) summary.forEach(System.out::println);
        if (!ev.usage().isEmpty()) System.out.println(ev.usage());
        System.out.println("wrote " + out.resolve("trials.csv") + (first != null ? ", " + out.resolve("witness.json") : "")
                + ", " + out.resolve("summary.txt"));
        return code;
    }

    private static int count(List<TrialResult> ts, TrialResult.Status s) {
        return (int) ts.stream().filter(t -> t.status() == s).count();
    }

    private static void progressLine(List<TrialResult> ts, Integer budget) {
        double best = ts.stream().mapToDouble(TrialResult::objective).filter(Double::isFinite).min().orElse(Double.NaN);
        System.err.printf(Locale.ROOT, "\r  trials %d%s  errors %d  vacuous %d  best margin %.4g  violations %d   ", ts.size(),
                budget == null ? "" : "/" + budget, count(ts, TrialResult.Status.ERROR), count(ts, TrialResult.Status.VACUOUS), best,
                count(ts, TrialResult.Status.VIOLATED));
        System.err.flush();
    }

}
