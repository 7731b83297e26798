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
