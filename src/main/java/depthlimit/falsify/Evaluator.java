package depthlimit.falsify;

import java.io.Serializable;
import java.util.List;

/**
 * Where a falsification's trials run: {@link ThreadEvaluator} (threads of this JVM) or the Spark engine (one
 * distributed job per batch; compiled only with {@code -Pspark}). The search ({@link Search}, {@link Shrinker})
 * stays with the caller and only hands over batches of configurations: every trial is a pure function of the
 * property and its configuration, and results come back in the order of the batch, so the search is the same on
 * every engine and for every number of threads or executors.
 */
public interface Evaluator extends AutoCloseable {
    /** One configuration to evaluate, with the trial number and phase it is recorded under. */
    record Task(Config config, int index, String phase) implements Serializable {}

    /** Evaluates every task of {@code batch} ({@link Property#evaluate}); the i-th result is that of the i-th task. */
    List<TrialResult> evaluate(Property p, List<Task> batch);

    /** How many trials can run at once: a hint for batch sizes that never changes a result. */
    int parallelism();

    /** One line saying what runs the trials (e.g. "local, 2 threads"). */
    String describe();

    /**
     * What the engine spent, for the run's last line (e.g. "spark: 12 jobs, 3.1 s inside them, 500 trials"), or ""
     * when there is nothing to say beyond the run's own timings.
     */
    default String usage() { return ""; }

    @Override
    void close();
}
