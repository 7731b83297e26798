package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.data.Dataset;
import depthlimit.flow.MetricsRecorder;
import depthlimit.flow.TrainSpec;
import depthlimit.flow.Trainer;
import depthlimit.flow.TrainingResult;
import depthlimit.flow.TrajectoryObserver;
import depthlimit.io.Json;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Parallel;
import depthlimit.model.Parameters;
import depthlimit.spec.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code depthlimit train}: the gradient flow (4)/(5) or gradient descent, with the paper's metrics along the way. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train by gradient flow (dp853, dp54, rk4, euler) or gradient descent (gd) and record the paper's metrics.",
                "Writes DIR/metrics.csv (one row per sample time), DIR/final/{A,V,W,B}.npy, DIR/run.json (resolved spec, status,",
                "solver statistics) and, with \"output\": {\"snapshots\": true}, DIR/snapshots/t_<index>/{A,V,W,B}.npy.",
                "Exit code 1 when the run ends in a numerical failure (divergence, budget, step-size underflow)."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "S.json", description = "Experiment spec with a train section.")
    Path spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    public Integer call() throws IOException {
        ExperimentSpec s = ExperimentSpec.load(spec);
        if (s.train() == null) throw new InputError("train", "missing (expected an object with at least \"method\")");
        Architecture arch = s.architecture();
        Dataset data = s.createData();
        Parameters p = s.createParameters();
        TrainSpec ts = s.train();
        Files.createDirectories(out);
        Path snapshots = out.resolve("snapshots");
        Progress progress = Progress.enabled(s.output().progress()) ? new Progress(System.err, ts.T()) : null;
        TrainingResult res;
        MetricsRecorder rec;
        try (BufferedWriter csv = Files.newBufferedWriter(out.resolve("metrics.csv"))) {
            rec = new MetricsRecorder(arch, p.theta, !ts.method().adaptive(), csv);
            Trainer trainer = new Trainer(new Backprop(arch, data), ts).observe(rec);
            if (s.output().snapshots())
                trainer.observe((TrajectoryObserver) (index, t, step, theta, loss, grad) -> {
                    try {
                        Outputs.writeParameters(snapshots.resolve("t_" + index), arch, theta);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            if (progress != null) {
                trainer.observe((index, t, step, theta, loss, grad) -> progress.loss(loss));
                trainer.progress(progress);
            }
            res = trainer.run(p.theta);
        } catch (UncheckedIOException e) {
            throw new InputError("--out", "cannot write to " + out + ": " + e.getCause().getMessage());
        } finally {
            if (progress != null) progress.finish();
        }
        Outputs.writeParameters(out.resolve("final"), arch, res.finalTheta());

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("status", res.status().toString());
        run.put("reason", res.reason());
        run.put("final_time", res.finalTime());
        run.put("final_step", res.finalStep());
        run.put("final_loss", res.finalLoss());
        run.put("samples", rec.count());
        run.put("solver", res.stats().toMap());
        run.put("spec", s.resolved());
        run.put("seeds", Map.of("data", s.data().describe().getOrDefault("seed", "file"),
                "init", s.init().describe().getOrDefault("seed", "file")));
        run.put("agg_basis", ts.method().adaptive() ? "sample times" : "every step");
        run.put("threads", Parallel.threads());
        run.put("depthlimit_version", Main.version());
        run.put("java_version", System.getProperty("java.version"));
        Files.writeString(out.resolve("run.json"), Json.write(run));

        MetricsRecorder.Row last = rec.last();
        System.out.printf("%s: %s%s%n", res.status(), last == null ? "" : MetricsRecorder.brief(last),
                res.completed() ? "" : " — " + res.reason());
        System.out.printf("  %s, %d rhs evaluations, %d accepted / %d rejected steps, %.2f s; wrote %s%n",
                ts.method().specName(), res.stats().rhsEvaluations(), res.stats().acceptedSteps(),
                res.stats().rejectedSteps(), res.stats().wallSeconds(), out);
        return res.completed() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
