package depthlimit.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Trials on a fixed pool of threads of this JVM (the default engine). */
public final class LocalEngine implements TrialEngine {
    private final int threads;
    private final ExecutorService pool;

    public LocalEngine(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "sweep-trial");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void evaluate(SweepSpec spec, List<Integer> indices, Consumer<SweepRow> finished) {
        List<Future<?>> fs = new ArrayList<>();
        for (int i : indices) fs.add(pool.submit(() -> finished.accept(spec.evaluate(i))));
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    @Override
    public String describe() { return "local, " + threads + " thread(s)"; }

    @Override
    public int defaultBatch() { return 8 * threads; }

    @Override
    public void close() { pool.shutdownNow(); }
}
