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
     * Evaluates the trials {@code indices} of {@code spec}, handing each finished row to {@code finished} (from
     * any thread, possibly concurrently, in any order); returns when all are done.
     */
    void evaluate(SweepSpec spec, List<Integer> indices, Consumer<SweepRow> finished);

    /** One line saying what runs the trials (e.g. "local, 2 threads"). */
    String describe();

    /** Trials per batch when the user does not say: the journal is written at least once per batch. */
    int defaultBatch();

    @Override
    void close();

    /** The Spark engine, loaded by reflection so that the default build needs no Spark on its class path. */
    static TrialEngine spark(String master) {
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
