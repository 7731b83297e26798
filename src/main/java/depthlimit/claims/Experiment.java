package depthlimit.claims;

import depthlimit.data.DataSource;
import depthlimit.data.Dataset;
import depthlimit.flow.MetricsRecorder;
import depthlimit.flow.TrainSpec;
import depthlimit.flow.Trainer;
import depthlimit.flow.TrainingResult;
import depthlimit.init.InitScheme;
import depthlimit.model.Activation;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;

import java.util.ArrayList;
import java.util.List;

/** Shared plumbing of the claims: one configuration at one depth, trained, with its trajectory. */
public final class Experiment {
    private Experiment() {}

    /** A configuration without its depth, so that claims can sweep L. */
    public record Setup(Convention convention, Activation activation, int width, int hidden, int input, int output,
                        boolean trainAB, DataSource data, InitScheme init) {
        public Architecture at(int depth) {
            return new Architecture(input, hidden, width, output, depth, activation, convention, trainAB, trainAB);
        }

        public Dataset dataset() {
            return data.create(input, output, hidden);
        }

        public Setup withInit(InitScheme i) {
            return new Setup(convention, activation, width, hidden, input, output, trainAB, data, i);
        }

        public Setup withActivation(Activation a) {
            return new Setup(convention, a, width, hidden, input, output, trainAB, data, init);
        }

        /** Readable settings for the evidence. */
        public java.util.Map<String, Object> describe() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("convention", convention.specName());
            m.put("activation", activation.name());
            m.put("width m", width);
            m.put("hidden q", hidden);
            m.put("input d", input);
            m.put("output d'", output);
            m.put("trainAB", trainAB);
            m.put("data", data.describe());
            m.put("init", init.describe());
            return m;
        }
    }

    /** One trained depth: result, metric rows and (if asked) θ at every sample time. */
    public record Run(Architecture arch, Dataset data, double[] theta0, TrainingResult result,
                      List<MetricsRecorder.Row> rows, List<double[]> snapshots) {
        public MetricsRecorder.Row last() { return rows.get(rows.size() - 1); }
    }

    public static Run train(Setup s, int depth, TrainSpec t, boolean keepSnapshots) {
        return train(s, depth, t, keepSnapshots, Backprop.Recursion.CORRECTED);
    }

    /** As {@link #train(Setup, int, TrainSpec, boolean)} with the engine's backward recursion (a fault unless CORRECTED). */
    public static Run train(Setup s, int depth, TrainSpec t, boolean keepSnapshots, Backprop.Recursion rec) {
        Architecture a = s.at(depth);
        Dataset data = s.dataset();
        double[] theta0 = s.init().create(a).theta;
        return train(a, data, theta0, t, keepSnapshots, rec);
    }

    public static Run train(Architecture a, Dataset data, double[] theta0, TrainSpec t, boolean keepSnapshots) {
        return train(a, data, theta0, t, keepSnapshots, Backprop.Recursion.CORRECTED);
    }

    public static Run train(Architecture a, Dataset data, double[] theta0, TrainSpec t, boolean keepSnapshots,
                            Backprop.Recursion rec) {
        MetricsRecorder rec0 = new MetricsRecorder(a, theta0, !t.method().adaptive(), null);
        List<double[]> snaps = new ArrayList<>();
        Backprop bp = new Backprop(a, data);
        if (rec != Backprop.Recursion.CORRECTED) bp.recursion(rec);
        Trainer tr = new Trainer(bp, t).observe(rec0);
        if (keepSnapshots) tr.observe((index, time, step, theta, loss, grad) -> snaps.add(theta.clone()));
        TrainingResult r = tr.run(theta0);
        return new Run(a, data, theta0, r, rec0.rows(), snaps);
    }

    /**
     * The setup trained at each depth, on up to {@code threads} threads; the runs come back in the order of
     * {@code depths}. The runs share nothing mutable (each builds its own network, data and buffers), so they are the
     * same whatever the thread count. The deepest starts first: a step costs ∝ L, and longest-first keeps the
     * costliest run off the end. An interrupt of the caller (a claim's time limit) interrupts the runs, which the
     * engine's cancellation checkpoints then end.
     */
    public static List<Run> trainAll(Setup s, int[] depths, TrainSpec t, boolean keepSnapshots, Backprop.Recursion rec,
                                     int threads) {
        int k = Math.max(1, Math.min(threads, depths.length));
        List<Run> out = new ArrayList<>();
        if (k == 1) {
            for (int depth : depths) out.add(train(s, depth, t, keepSnapshots, rec));
            return out;
        }
        java.util.concurrent.ExecutorService pool = daemonPool(k, Thread.currentThread().getName() + "-depth-");
        try {
            List<java.util.concurrent.Future<Run>> fs = new ArrayList<>(java.util.Collections.nCopies(depths.length, null));
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < depths.length; i++) order.add(i);
            order.sort(java.util.Comparator.comparingInt((Integer i) -> depths[i]).reversed());
            for (int i : order) fs.set(i, pool.submit(() -> train(s, depths[i], t, keepSnapshots, rec)));
            for (java.util.concurrent.Future<Run> f : fs) out.add(f.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new depthlimit.model.Cancellation.Cancelled();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A fixed pool of {@code threads} daemon threads named prefix1, prefix2, … (a claim's or a sweep's workers). */
    static java.util.concurrent.ExecutorService daemonPool(int threads, String prefix) {
        java.util.concurrent.atomic.AtomicInteger id = new java.util.concurrent.atomic.AtomicInteger();
        return java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, prefix + id.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
    }

    /** The inconclusive outcome for a run that did not complete, if any. */
    public static Outcome failed(List<Run> runs, Evidence e) {
        for (Run r : runs)
            if (!r.result().completed())
                return Outcome.inconclusive("solver failure at L = " + r.arch().L() + ": " + r.result().status() + " — "
                        + r.result().reason(), r.result().status().toString(), e);
        return null;
    }

    public static double[] doubles(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public static String fmt(double x) {
        return String.format(java.util.Locale.ROOT, "%.4g", x);
    }
}
