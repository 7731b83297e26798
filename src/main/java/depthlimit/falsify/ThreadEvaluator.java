package depthlimit.falsify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Trials on a fixed pool of threads of this JVM (the default engine of {@code falsify}). */
public final class ThreadEvaluator implements Evaluator {
    private final int threads;
    private final ExecutorService pool;

    public ThreadEvaluator(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "falsify-trial");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public List<TrialResult> evaluate(Property p, List<Task> batch) {
        if (threads == 1 || batch.size() == 1) {
            List<TrialResult> out = new ArrayList<>(batch.size());
            for (Task t : batch) out.add(p.evaluate(t.config(), t.index(), t.phase()));
            return out;
        }
        List<Future<TrialResult>> fs = new ArrayList<>(batch.size());
        for (Task t : batch) fs.add(pool.submit(() -> p.evaluate(t.config(), t.index(), t.phase())));
        List<TrialResult> out = new ArrayList<>(batch.size());
        for (Future<TrialResult> f : fs) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    @Override
    public int parallelism() { return threads; }

    @Override
    public String describe() { return "local, " + threads + " thread(s)"; }

    @Override
    public void close() { pool.shutdownNow(); }
}
