package depthlimit.sweep;

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
 * <p>The master is {@code --master} if given, else the one {@code spark-submit} set ({@code spark.master}), else
 * {@code local[2]} (embedded).
 */
public final class SparkEngine implements TrialEngine {
    private final JavaSparkContext sc;

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
        List<String> lines = sc.parallelize(new ArrayList<>(indices), slices).mapPartitions(it -> {
            SymbolicActivations.install();   // on an executor, Main did not run
            SweepSpec s = SweepSpec.parse(text);
            List<String> out = new ArrayList<>();
            while (it.hasNext()) out.add(s.evaluate(it.next()).toJsonLine());
            return out.iterator();
        }).collect();
        List<SweepRow> rows = new ArrayList<>();
        for (String l : lines) rows.add(SweepRow.fromJsonLine(l));
        rows.sort(Comparator.comparingInt(SweepRow::index));
        rows.forEach(finished);
    }

    @Override
    public String describe() {
        return "spark " + sc.version() + ", master " + sc.master() + " (parallelism " + sc.defaultParallelism() + ")";
    }

    @Override
    public int defaultBatch() { return 256; }

    @Override
    public void close() { sc.stop(); }
}
