package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.data.Dataset;
import depthlimit.flow.MetricsRecorder;
import depthlimit.flow.Status;
import depthlimit.flow.TrainSpec;
import depthlimit.flow.Trainer;
import depthlimit.flow.TrainingResult;
import depthlimit.flow.TrajectoryObserver;
import depthlimit.io.AtomicFiles;
import depthlimit.io.Json;
import depthlimit.io.Npy;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Parallel;
import depthlimit.model.Parameters;
import depthlimit.report.HtmlReport;
import depthlimit.report.TrainReport;
import depthlimit.spec.ExperimentSpec;
import depthlimit.spec.Resources;
import depthlimit.spec.Warnings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code depthlimit train}: the gradient flow (4)/(5) or gradient descent, with the paper's metrics along the way. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train by gradient flow (dp853, dp54, rk4, euler) or gradient descent (gd) and record the paper's metrics.",
                "Writes DIR/metrics.csv (one row per sample time), DIR/final/{A,V,W,B}.npy, DIR/run.json (resolved spec, status,",
                "solver statistics) and, with \"output\": {\"snapshots\": true}, DIR/snapshots/t_<index>/{A,V,W,B}.npy.",
                "run.json says \"running\" until the run ends; a metrics.csv row is complete when it ends with a newline.",
                "With --report, also DIR/index.html: loss, G/ℓ and the regularity metrics over time, weights across layers.",
                "Exit code 1 when the run ends in a numerical failure (divergence, budget, step-size underflow);",
                "130 after SIGINT/SIGTERM (status \"interrupted\"; continue with --resume)."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "S.json", description = "Experiment spec with a train section.")
    Path spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Output directory: new, empty, or a previous train output (replaced whole unless --resume).")
    Path out;

    @Option(names = "--resume", description = {"Continue the run in DIR from its last checkpoint (gd, euler, rk4: bit-identical to an",
            "uninterrupted run; dp853/dp54 restart from t = 0). A finished run is left as it is; a different spec is refused."})
    boolean resume;

    @Option(names = "--report", description = {"Also write DIR/index.html (opens from disk, no network): loss and G/ℓ over time",
            "(semilog), the regularity metrics of Proposition 3 over time, one weight entry across layers at the",
            "initialization, the snapshots (if any) and the end; each plot also as PNG, SVG and CSV in DIR/plots."})
    boolean report;

    @Option(names = "--checkpoint-seconds", paramLabel = "S", hidden = true,
            description = "Least wall time between checkpoints at sample times (default 30; 0: at every sample).")
    double checkpointSeconds = 30;

    static final String CHECKPOINT = "checkpoint.npy";

    public Integer call() throws IOException {
        ExperimentSpec s = ExperimentSpec.load(spec);
        if (s.train() == null) throw new InputError("train", "missing (expected an object with at least \"method\")");
        Resources.check(s);
        for (String w : Warnings.of(s)) System.err.println("warning: " + w);
        Map<String, Object> resolved = s.resolved();
        String hash = Hashes.of(Json.write(resolved) + "\nversion=" + Main.version());
        Path dir = OutputDir.prepare(out, "train", resume);
        try {
            return run(s, resolved, hash, dir);
        } catch (UncheckedIOException e) {
            throw new InputError("--out", "cannot write to " + out + ": " + OutputDir.describe(e.getCause()));
        } catch (IOException e) {
            throw new InputError("--out", "cannot write to " + out + ": " + OutputDir.describe(e));
        }
    }

    private Integer run(ExperimentSpec s, Map<String, Object> resolved, String hash, Path dir) throws IOException {
        Architecture arch = s.architecture();
        TrainSpec ts = s.train();
        Checkpoint cp = null;
        if (resume) {
            Map<String, Object> prev = readJson(dir.resolve("run.json"));
            if (prev != null && !hash.equals(prev.get("config_hash")))
                throw new InputError("--resume", dir + " holds a run of a different spec or version (config hash "
                        + prev.get("config_hash") + ", this spec " + hash + "); a changed spec is never resumed into");
            if (prev != null && !"running".equals(prev.get("status")) && !"interrupted".equals(prev.get("status"))) {
                System.out.println("already finished (" + prev.get("status") + "); nothing to resume in " + dir);
                return "completed".equals(prev.get("status")) ? Main.EXIT_OK : Main.EXIT_FAILED;
            }
            if (ts.method().adaptive()) {
                if (prev != null) System.err.println("note: " + ts.method().specName() + " runs cannot continue bit-identically mid-way; restarting from t = 0");
            } else if (prev != null) cp = Checkpoint.read(dir.resolve(CHECKPOINT), arch.size());
            clearRunFiles(dir, cp);
        }
        Dataset data = s.createData();
        Parameters p = s.createParameters();
        double[] theta0 = p.theta.clone(); // the initialization, for the report's weights across layers
        Path snapshots = dir.resolve("snapshots");
        Path metrics = dir.resolve("metrics.csv");
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("status", "running");
        run.put("config_hash", hash);
        run.put("spec", resolved);
        AtomicFiles.writeString(dir.resolve("run.json"), Json.write(run));

        if (cp != null) truncate(metrics, cp.csvBytes());
        Progress progress = Progress.enabled(s.output().progress()) ? new Progress(System.err, ts.T()) : null;
        TrainingResult res;
        MetricsRecorder rec;
        BufferedWriter csv = Files.newBufferedWriter(metrics, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, cp != null ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        try (csv) {
            // rows are flushed one at a time (each in one write), so a kill never leaves half a row behind a whole one
            rec = cp != null ? MetricsRecorder.resumed(arch, p.theta, !ts.method().adaptive(), csv, cp.recorder())
                    : new MetricsRecorder(arch, p.theta, !ts.method().adaptive(), csv);
            csv.flush();
            MetricsRecorder recorder = rec;
            Trainer trainer = new Trainer(new Backprop(arch, data), ts).observe(rec);
            if (s.output().snapshots())
                trainer.observe((TrajectoryObserver) (index, t, step, theta, loss, grad) ->
                        unchecked(() -> Outputs.writeSnapshot(snapshots, "t_" + index, arch, theta)));
            long[] lastCheckpoint = {System.nanoTime()};
            trainer.observe((TrajectoryObserver) (index, t, step, theta, loss, grad) -> unchecked(() -> {
                csv.flush();
                if (!ts.method().adaptive() && step > 0 && (System.nanoTime() - lastCheckpoint[0]) / 1e9 >= checkpointSeconds) {
                    Checkpoint.write(dir.resolve(CHECKPOINT), step, theta, recorder.state(), Files.size(metrics));
                    lastCheckpoint[0] = System.nanoTime();
                }
            }));
            if (progress != null) {
                trainer.observe((index, t, step, theta, loss, grad) -> progress.loss(loss));
                trainer.progress(progress);
            }
            trainer.stopWhen(Interrupts::interrupted);
            res = cp != null ? trainer.resume(cp.theta(), cp.step()) : trainer.run(p.theta);
            csv.flush();
            if (res.status() == Status.INTERRUPTED && !ts.method().adaptive() && res.finalStep() > 0)
                Checkpoint.write(dir.resolve(CHECKPOINT), res.finalStep(), res.finalTheta(), rec.state(), Files.size(metrics));
        } finally {
            if (progress != null) progress.finish();
        }
        boolean interrupted = res.status() == Status.INTERRUPTED;
        if (!interrupted) Outputs.writeParameters(dir.resolve("final"), arch, res.finalTheta());

        run.put("status", res.status().toString());
        run.put("reason", res.reason());
        run.put("final_time", res.finalTime());
        run.put("final_step", res.finalStep());
        run.put("final_loss", res.finalLoss());
        run.put("samples", rec.count());
        run.put("solver", res.stats().toMap());
        if (cp != null) run.put("resumed_from_step", cp.step());
        Map<String, Object> seeds = new LinkedHashMap<>(); // insertion order: run.json is byte-reproducible
        seeds.put("data", s.data().describe().getOrDefault("seed", "file"));
        seeds.put("init", s.init().describe().getOrDefault("seed", "file"));
        run.put("seeds", seeds);
        run.put("agg_basis", ts.method().adaptive() ? "sample times" : "every step");
        run.put("threads", Parallel.threads());
        run.put("depthlimit_version", Main.version());
        run.put("java_version", System.getProperty("java.version"));
        run.remove("spec");
        run.put("spec", resolved); // last: the long part
        AtomicFiles.writeString(dir.resolve("run.json"), Json.write(run));
        if (!interrupted) Files.deleteIfExists(dir.resolve(CHECKPOINT));
        if (report) {
            List<TrainReport.Profile> profiles = profiles(arch, dir, theta0, interrupted ? null : res.finalTheta(), res.finalTime());
            TrainReport.write(dir, "depthlimit train — " + spec.getFileName(), run, metrics, profiles);
        }

        System.out.printf("%s: t = %.6g, loss = %.10g%s%n", res.status(), res.finalTime(), res.finalLoss(),
                res.completed() ? "" : " — " + res.reason());
        System.out.printf("  %s, %d rhs evaluations, %d accepted / %s rejected steps, %.2f s; wrote %s%n",
                ts.method().specName(), res.stats().rhsEvaluations(), res.stats().acceptedSteps(),
                res.stats().rejectedText(), res.stats().wallSeconds(), out);
        if (interrupted) {
            System.err.println("interrupted (" + (Interrupts.received() == null ? "stop requested" : Interrupts.received())
                    + "); run.json says \"interrupted\"; continue with: depthlimit train --resume --spec " + spec + " --out " + out);
            return Interrupts.EXIT_INTERRUPTED;
        }
        return res.completed() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    /** On resume without a usable checkpoint everything is redone; with one, only what lies beyond it. */
    private static void clearRunFiles(Path dir, Checkpoint cp) throws IOException {
        deleteTree(dir.resolve("final"));
        Files.deleteIfExists(dir.resolve("index.html")); // the report of an unfinished run is rewritten at the end
        deleteTree(dir.resolve(HtmlReport.PLOTS));
        if (cp == null) {
            deleteTree(dir.resolve("snapshots"));
            Files.deleteIfExists(dir.resolve(CHECKPOINT));
            Files.deleteIfExists(dir.resolve("metrics.csv"));
        }
        // snapshots beyond the checkpoint are rewritten identically by the continued run
    }

    /** Largest number of intermediate snapshots shown in the report (evenly spread over the run). */
    static final int REPORT_SNAPSHOTS = 4;

    /**
     * Entry (1, 1) of V_k and W_k across layers at the initialization, at up to {@value #REPORT_SNAPSHOTS} snapshots
     * read back from DIR/snapshots (so a resumed run shows the same ones) and at the end (finalTheta null: no end).
     */
    private static List<TrainReport.Profile> profiles(Architecture a, Path dir, double[] theta0, double[] finalTheta, double finalTime) throws IOException {
        List<TrainReport.Profile> out = new java.util.ArrayList<>();
        out.add(profile(a, "t = 0 (init)", 0, theta0));
        Path snaps = dir.resolve("snapshots");
        if (Files.isDirectory(snaps)) {
            List<Integer> idx = new java.util.ArrayList<>();
            try (var list = Files.list(snaps)) {
                list.map(q -> q.getFileName().toString()).filter(n -> n.matches("t_\\d+"))
                        .forEach(n -> idx.add(Integer.parseInt(n.substring(2))));
            }
            java.util.Collections.sort(idx);
            idx.remove(Integer.valueOf(0)); // the initialization is shown already
            if (finalTheta != null && !idx.isEmpty()) idx.remove(idx.size() - 1); // the last sample: the end is shown below
            double[] times = TrainReport.readMetrics(dir.resolve("metrics.csv")).getOrDefault("t", new double[0]);
            int n = Math.min(REPORT_SNAPSHOTS, idx.size());
            for (int j = 0; j < n; j++) {
                int i = idx.get((int) ((j + 1L) * idx.size() / (n + 1))); // evenly inside the run; distinct as idx.size() ≥ n
                Path d = snaps.resolve("t_" + i);
                double[] v = Npy.read(d.resolve("V.npy")).data(), w = Npy.read(d.resolve("W.npy")).data();
                double t = i < times.length ? times[i] : Double.NaN;
                out.add(new TrainReport.Profile("t = " + TrainReport.time(t), t,
                        layerEntries(v, a.L(), a.q() * a.m()), layerEntries(w, a.L(), a.m() * a.q())));
            }
        }
        if (finalTheta != null) out.add(profile(a, "t = " + TrainReport.time(finalTime) + " (end)", finalTime, finalTheta));
        return out;
    }

    private static TrainReport.Profile profile(Architecture a, String label, double t, double[] theta) {
        int block = a.q() * a.m();
        return new TrainReport.Profile(label, t, layerEntries(java.util.Arrays.copyOfRange(theta, a.offV(), a.offW()), a.L(), block),
                layerEntries(java.util.Arrays.copyOfRange(theta, a.offW(), a.offB()), a.L(), block));
    }

    /** Element 0 of each of the L consecutive blocks (V_k is q×m, W_k is m×q, layer-major). */
    private static double[] layerEntries(double[] flat, int L, int block) {
        double[] e = new double[L];
        for (int k = 0; k < L; k++) e[k] = flat[k * block];
        return e;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }

    private static void truncate(Path f, long bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            if (raf.length() < bytes) throw new InputError("--resume", f + " is shorter than its checkpoint says (" + raf.length() + " < " + bytes + " bytes)");
            raf.setLength(bytes);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readJson(Path f) {
        if (!Files.isRegularFile(f)) return null;
        try {
            Object o = Json.parse(Files.readString(f));
            return o instanceof Map ? (Map<String, Object>) o : null;
        } catch (IOException | Json.ParseException e) {
            return null; // unreadable: treated as absent (the run is redone)
        }
    }

    interface IoAction { void run() throws IOException; }

    private static void unchecked(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fixed-step run's state at a step boundary, in one atomically written array (so its parts always agree):
     * [step, length of metrics.csv in bytes, the recorder's 6 running values, θ]. All entries are exact doubles.
     */
    record Checkpoint(long step, double[] theta, double[] recorder, long csvBytes) {
        static void write(Path file, long step, double[] theta, double[] recorder, long csvBytes) throws IOException {
            double[] v = new double[8 + theta.length];
            v[0] = step;
            v[1] = csvBytes;
            System.arraycopy(recorder, 0, v, 2, 6);
            System.arraycopy(theta, 0, v, 8, theta.length);
            Npy.write(file, v, v.length);
        }

        /** The checkpoint, or null if there is none usable (then the run restarts from t = 0). */
        static Checkpoint read(Path file, int size) {
            if (!Files.isRegularFile(file)) return null;
            try {
                double[] v = Npy.read(file).data();
                if (v.length != 8 + size || v[0] < 1) return null;
                return new Checkpoint((long) v[0], java.util.Arrays.copyOfRange(v, 8, v.length),
                        java.util.Arrays.copyOfRange(v, 2, 8), (long) v[1]);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
