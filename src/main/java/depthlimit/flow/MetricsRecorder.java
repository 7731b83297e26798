package depthlimit.flow;

import depthlimit.model.Architecture;
import depthlimit.model.Backprop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The paper's metrics along a run (Proposition 3, Figures 1–2), one row per sample time; running maxima and the authors'
 * aggregate are accumulated on the fly, so memory grows with the number of samples, never with the number of steps.
 *
 * <p>Running maxima (run_max_*) are taken over every accepted step end and every sample, i.e. the best available
 * estimate of sup_{t ≤ T}. The authors' aggregated metric agg_dV = (Σ_s Σ_k ‖V_{k+1}(s) − V_k(s)‖²_F)^{1/2}
 * (their Figure-1 code) sums over every step for fixed-step methods (as their SGD loop stores every
 * iterate) and over sample times for adaptive methods; it includes the current state, so our row at step x − 1
 * equals their value at iteration x.
 */
public final class MetricsRecorder implements TrajectoryObserver {
    public static final String HEADER = "t,step,loss,G,pl_ratio,max_dV,max_dW,max_dZ,L_max_dZ,run_max_dZ,agg_dV,agg_dW,"
            + "max_norm_Z,norm_A,norm_B,dist_init,L_max_dV,L_max_dW,run_max_dV,run_max_dW";

    /** One row of metrics.csv. */
    public record Row(double t, long step, double loss, double G, double plRatio, double maxDV, double maxDW,
                      double maxDZ, double lMaxDZ, double runMaxDZ, double aggDV, double aggDW, double maxNormZ,
                      double normA, double normB, double distInit, double lMaxDV, double lMaxDW, double runMaxDV,
                      double runMaxDW) {
        public String csv() {
            double[] v = {loss, G, plRatio, maxDV, maxDW, maxDZ, lMaxDZ, runMaxDZ, aggDV, aggDW, maxNormZ, normA,
                    normB, distInit, lMaxDV, lMaxDW, runMaxDV, runMaxDW};
            StringBuilder b = new StringBuilder().append(t).append(',').append(step);
            for (double x : v) b.append(',').append(x);
            return b.toString();
        }
    }

    private final Architecture arch;
    private final double[] theta0;
    private final boolean aggregateEveryStep;
    private final Writer csv;
    private final List<Row> rows = new ArrayList<>();
    private final boolean keepRows;
    private Row last;
    private long count;
    private double runDV, runDW, runDZ, aggV, aggW;

    /**
     * @param theta0             the initialization (for dist_init)
     * @param aggregateEveryStep true for fixed-step methods (agg over steps), false for adaptive (over samples)
     * @param csv                if non-null, rows are streamed there (header first), and only the last row is kept
     *                           in memory, so a run of any length records in constant memory
     */
    public MetricsRecorder(Architecture arch, double[] theta0, boolean aggregateEveryStep, Writer csv) {
        this(arch, theta0, aggregateEveryStep, csv, true);
    }

    /** A recorder continuing a checkpointed run: rows are appended to {@code csv} (no header), state restored. */
    public static MetricsRecorder resumed(Architecture arch, double[] theta0, boolean aggregateEveryStep, Writer csv, double[] state) {
        MetricsRecorder r = new MetricsRecorder(arch, theta0, aggregateEveryStep, csv, false);
        r.restore(state);
        return r;
    }

    private MetricsRecorder(Architecture arch, double[] theta0, boolean aggregateEveryStep, Writer csv, boolean header) {
        this.keepRows = csv == null;
        this.arch = arch;
        this.theta0 = theta0.clone();
        this.aggregateEveryStep = aggregateEveryStep;
        this.csv = csv;
        if (csv != null && header) write(HEADER);
    }

    /** Every row (empty when the rows are streamed to a CSV writer). */
    public List<Row> rows() { return rows; }

    /** The most recent row, or null before the first sample. */
    public Row last() { return last; }

    /** Number of rows recorded. */
    public long count() { return count; }

    @Override
    public void step(long step, double t, double[] theta) {
        WeightMetrics.successive(arch, theta, diffs);   // a step needs only the successive differences
        runDV = Math.max(runDV, diffs[0]);
        runDW = Math.max(runDW, diffs[1]);
        runDZ = Math.max(runDZ, diffs[2]);
        if (aggregateEveryStep) { aggV += diffs[3]; aggW += diffs[4]; }
    }

    private final double[] diffs = new double[5];

    @Override
    public void sample(int index, double t, long step, double[] theta, double loss, double[] grad) {
        WeightMetrics w = WeightMetrics.of(arch, theta, theta0);
        updateMax(w);
        if (!aggregateEveryStep) { aggV += w.sumSqDV(); aggW += w.sumSqDW(); }
        double g = Backprop.flowMetric(arch, grad);
        int L = arch.L();
        Row r = new Row(t, step, loss, g, g / loss, w.maxDV(), w.maxDW(), w.maxDZ(), L * w.maxDZ(), runDZ,
                Math.sqrt(aggV), Math.sqrt(aggW), w.maxNormZ(), w.normA(), w.normB(), w.distInit(), L * w.maxDV(),
                L * w.maxDW(), runDV, runDW);
        last = r;
        count++;
        if (keepRows) rows.add(r);
        else write(r.csv());
    }

    private void updateMax(WeightMetrics w) {
        runDV = Math.max(runDV, w.maxDV());
        runDW = Math.max(runDW, w.maxDW());
        runDZ = Math.max(runDZ, w.maxDZ());
    }

    private void write(String line) {
        try {
            csv.write(line);
            csv.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The running state (maxima, aggregates, row count) as exact doubles, for a checkpoint: {@link #restore} with
     * it continues the run so that every later row is bit-identical to an uninterrupted run's.
     */
    public double[] state() {
        return new double[]{runDV, runDW, runDZ, aggV, aggW, count};
    }

    /** Restores a {@link #state()}. */
    public void restore(double[] st) {
        runDV = st[0]; runDW = st[1]; runDZ = st[2]; aggV = st[3]; aggW = st[4]; count = (long) st[5];
    }

    /** Human-readable one-liner of a row, for progress output. */
    public static String brief(Row r) {
        return String.format(Locale.ROOT, "t=%.4g loss=%.6g G/loss=%.4g L·max‖ΔZ‖=%.4g", r.t(), r.loss(), r.plRatio(), r.lMaxDZ());
    }
}
