package depthlimit.sweep;

import depthlimit.InputError;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where a sweep's trials run: {@link LocalEngine} (threads of this JVM) or the Spark engine (one distributed job
 * per batch; compiled only with {@code -Pspark}). An engine only decides where {@link SweepSpec#evaluate} runs:
 * each trial is a pure function of the spec and its index, so every engine gives the same rows.
 */
public interface TrialEngine extends AutoCloseable {
    /**
     * The master URLs Spark 3.5 accepts (SparkContext's scheduler choice), with thread and executor counts ≥ 1
     * (Spark itself refuses local[0] only once the context starts, with a stack trace).
     */
    java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
            "local|local\\[(\\*|[1-9][0-9]*)(\\s*,\\s*[1-9][0-9]*)?]"
            + "|local-cluster\\[\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*]"
            + "|spark://[^\\s/]+|yarn|(k8s|mesos)://\\S+");

    /**
     * Evaluates the trials {@code indices} of {@code spec}, handing each finished row to {@code finished} (from
     * any thread, possibly concurrently, in any order); returns when all are done.
     */
    void evaluate(SweepSpec spec, List<Integer> indices, Consumer<SweepRow> finished);

    /** One line saying what runs the trials (e.g. "local, 2 threads"). */
    String describe();

    /** Trials per batch when the user does not say: the journal is written at least once per batch. */
    int defaultBatch();

    /**
     * What the engine spent, for the run's last line (e.g. "spark: 12 jobs, 3.1 s inside them, 500 trials"), or ""
     * when there is nothing to say beyond the run's own timings.
     */
    default String usage() { return ""; }

    @Override
    void close();

    /**
     * The Spark engine, loaded by reflection so that the default build needs no Spark on its class path. A
     * {@code master} that is not a Spark master URL is refused first ({@link InputError} on {@code --master}), in
     * every build; {@code null} means the one {@code spark-submit} set, else {@code local[2]}.
     */
    static TrialEngine spark(String master) {
        if (master != null && !MASTER.matcher(master).matches())
            throw new InputError("--master", "expected a Spark master URL (local, local[N], local[*], local[N,F], "
                    + "local-cluster[N,C,M], spark://HOST:PORT, yarn, k8s://URL, mesos://URL), got \"" + master + "\"");
        try {
            Class<?> k = Class.forName("depthlimit.sweep.SparkEngine");
            return (TrialEngine) k.getConstructor(String.class).newInstance(master);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new InputError("--engine", "the Spark engine is not in this build: rebuild with -Pspark (mvn -B -ntp -Pspark -DskipTests package)");
        } catch (ReflectiveOperationException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            if (c instanceof RuntimeException r) throw r;
            throw new IllegalStateException("cannot start the Spark engine: " + c, c);
        }
    }
}
