package depthlimit.sweep;

import depthlimit.falsify.Evaluator;
import depthlimit.falsify.Property;
import depthlimit.falsify.TrialResult;
import depthlimit.symbolic.SymbolicActivations;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trials on Apache Spark (built only with {@code -Pspark}; {@link TrialEngine#spark} loads it by name). Each batch
 * is one distributed job: the trial indices are parallelized, each partition re-parses the sweep from its text
 * (only strings cross the wire) and maps its indices to journal lines, and the driver collects them and hands
 * them on in trial order. A trial is a pure function of the sweep's text and its index, so the rows are those of
 * {@link LocalEngine}, whatever the number of executors.
 *
 * <p>For {@code falsify} ({@link Evaluator}) each batch of candidate configurations is one job likewise: the
 * property crosses the wire as its JSON text and is re-parsed once per partition, the configurations and results
 * as serialized objects (doubles bit for bit); {@code collect} returns them in the batch's order, so the search on
 * the driver sees what {@link depthlimit.falsify.ThreadEvaluator} would give it.
 *
 * <p>The master is {@code --master} if given, else the one {@code spark-submit} set ({@code spark.master}), else
 * {@code local[2]} (embedded).
 */
public final class SparkEngine implements TrialEngine, Evaluator {
    private final JavaSparkContext sc;
    /** Jobs run, trials sent and nanoseconds spent inside {@code collect} (driver's clock), for {@link #usage}. */
    private long jobs, trials, nanos;

    public SparkEngine(String master) {
        SparkConf conf = new SparkConf().setAppName("depthlimit sweep");
        if (master != null) conf.setMaster(master);
        else if (!conf.contains("spark.master")) conf.setMaster("local[2]");
        if (!conf.contains("spark.ui.enabled")) conf.set("spark.ui.enabled", "false");
        sc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate(conf));
    }

    @Override
    public void evaluate(SweepSpec spec, List<Integer> indices, Consumer<SweepRow> finished) {
        if (indices.isEmpty()) return;
        String text = spec.text();
        int slices = Math.max(1, Math.min(indices.size(), 4 * sc.defaultParallelism()));
        long t0 = System.nanoTime();
        List<String> lines = sc.parallelize(new ArrayList<>(indices), slices).mapPartitions(it -> {
            SymbolicActivations.install();   // on an executor, Main did not run
            SweepSpec s = SweepSpec.parse(text);
            List<String> out = new ArrayList<>();
            while (it.hasNext()) out.add(s.evaluate(it.next()).toJsonLine());
            return out.iterator();
        }).collect();
        count(indices.size(), t0);
        List<SweepRow> rows = new ArrayList<>();
        for (String l : lines) rows.add(SweepRow.fromJsonLine(l));
        rows.sort(Comparator.comparingInt(SweepRow::index));
        rows.forEach(finished);
    }

    @Override
    public List<TrialResult> evaluate(Property p, List<Evaluator.Task> batch) {
        if (batch.isEmpty()) return List.of();
        String text = p.source().toString();
        int slices = Math.max(1, Math.min(batch.size(), sc.defaultParallelism()));
        long t0 = System.nanoTime();
        List<TrialResult> out = sc.parallelize(new ArrayList<>(batch), slices).mapPartitions(it -> {
            SymbolicActivations.install();
            Property q = Property.parse(text);
            List<TrialResult> rs = new ArrayList<>();
            while (it.hasNext()) {
                Evaluator.Task t = it.next();
                rs.add(q.evaluate(t.config(), t.index(), t.phase()));
            }
            return rs.iterator();
        }).collect();
        count(batch.size(), t0);
        return new ArrayList<>(out);
    }

    private synchronized void count(int n, long t0) {
        jobs++;
        trials += n;
        nanos += System.nanoTime() - t0;
    }

    @Override
    public synchronized String usage() {
        return String.format(java.util.Locale.ROOT, "spark: %d job(s), %.1f s inside them, %d trial(s)", jobs, nanos / 1e9, trials);
    }

    @Override
    public int parallelism() { return sc.defaultParallelism(); }

    @Override
    public String describe() {
        return "spark " + sc.version() + ", master " + sc.master() + " (parallelism " + sc.defaultParallelism() + ")";
    }

    @Override
    public int defaultBatch() { return 256; }

    @Override
    public void close() { sc.stop(); }
}
