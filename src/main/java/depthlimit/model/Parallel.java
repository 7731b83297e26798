package depthlimit.model;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * Runs independent tasks 0..T−1 on a fixed pool. Callers split work so that every output entry is computed by
 * exactly one task in a fixed order, hence results never depend on the thread count (determinism rule).
 */
public final class Parallel {
    private static volatile ForkJoinPool pool;
    private static volatile int threads = defaultThreads();

    private Parallel() {}

    private static int defaultThreads() {
        String p = System.getProperty("depthlimit.threads");
        if (p != null) {
            try {
                return Math.max(1, Integer.parseInt(p.trim()));
            } catch (NumberFormatException ignored) {
                // fall through to the machine default
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Threads used by the gradient kernel (default: available processors, or -Ddepthlimit.threads). */
    public static int threads() { return threads; }

    public static synchronized void setThreads(int t) {
        if (t < 1) throw new IllegalArgumentException("threads must be ≥ 1");
        if (t != threads) {
            threads = t;
            ForkJoinPool old = pool;
            pool = null;
            if (old != null) old.shutdown();
        }
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                if (pool == null) pool = new ForkJoinPool(threads, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false);
                p = pool;
            }
        }
        return p;
    }

    /** Runs body(0..tasks−1), in parallel when tasks > 1 and more than one thread is configured. */
    public static void forEach(int tasks, IntConsumer body) {
        if (tasks <= 1 || threads == 1) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        ForkJoinTask<?>[] fs = new ForkJoinTask<?>[tasks - 1];
        ForkJoinPool p = pool();
        for (int t = 1; t < tasks; t++) {
            final int task = t;
            fs[t - 1] = p.submit(() -> body.accept(task));
        }
        body.accept(0);
        for (ForkJoinTask<?> f : fs) f.join();
    }
}
