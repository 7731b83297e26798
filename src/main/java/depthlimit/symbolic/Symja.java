package depthlimit.symbolic;

import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.interfaces.IExpr;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The one Symja evaluator of the process: created on first use (start-up 1–2 s, paid once), shared behind a lock
 * (Symja's engine is not thread-safe), in quiet mode, with everything it prints captured instead of reaching the
 * console (dependency-notes §2, pitfall 1).
 *
 * <p>Output capture: Symja's evaluation messages go to the engine's print streams, which point at an in-memory
 * buffer; a few of its dependencies (the ANTLR runtime used by {@code Reduce}, log4j's status logger) write to
 * {@link System#out}/{@link System#err} directly, so those two are also redirected to the buffer for the duration
 * of each call. The process's own output must therefore not be written from another thread during a Symja call;
 * the command-line tools are single-threaded there. {@link #capturedOutput()} returns what was captured.
 *
 * <p>Symja starts a non-daemon thread ("IntegrateInitializer") at start-up; the command line ends with
 * {@link System#exit}, so it cannot keep the JVM alive.
 */
public final class Symja {
    private Symja() {}

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
    private static final PrintStream SINK = new PrintStream(CAPTURED, true, StandardCharsets.UTF_8);
    private static ExprEvaluator shared;
    private static final java.util.concurrent.atomic.AtomicLong CALLS = new java.util.concurrent.atomic.AtomicLong();
    private static long startupNanos = -1;

    /** Runs {@code body} with the shared evaluator, holding the lock and capturing console output. */
    public static <T> T call(Function<ExprEvaluator, T> body) {
        CALLS.incrementAndGet();
        LOCK.lock();
        PrintStream out = System.out, err = System.err;
        try {
            System.setOut(SINK);
            System.setErr(SINK);
            if (CAPTURED.size() > 1 << 20) CAPTURED.reset();
            if (shared == null) {
                long t0 = System.nanoTime();
                shared = configure(new ExprEvaluator());
                startupNanos = System.nanoTime() - t0;
            }
            EvalEngine.setReset(shared.getEvalEngine());
            return body.apply(shared);
        } finally {
            System.setOut(out);
            System.setErr(err);
            LOCK.unlock();
        }
    }

    /**
     * Runs {@code body} with a fresh evaluator (its own definitions; creating one costs a few ms once the shared
     * one exists), under the same lock and capture. Used by the proof scripts so that one file's definitions
     * cannot leak into another's.
     */
    public static <T> T callFresh(Function<ExprEvaluator, T> body) {
        return call(ignored -> {
            ExprEvaluator fresh = configure(new ExprEvaluator());
            try {
                EvalEngine.setReset(fresh.getEvalEngine());
                return body.apply(fresh);
            } finally {
                EvalEngine.setReset(shared.getEvalEngine());
            }
        });
    }

    private static ExprEvaluator configure(ExprEvaluator ev) {
        EvalEngine engine = ev.getEvalEngine();
        engine.setQuietMode(true);
        engine.setOutPrintStream(SINK);
        engine.setErrorPrintStream(SINK);
        return ev;
    }

    /**
     * Waits (at most 20 s) for Symja's background "IntegrateInitializer" thread, which loads the integration rules
     * after start-up; otherwise the first Integrate waits for it and a time limit measures the loading, not the
     * integral.
     */
    public static void awaitIntegrationRules() {
        call(ev -> null);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("IntegrateInitializer")) {
                try {
                    t.join(20_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Evaluates Symja input with the shared evaluator. */
    public static IExpr eval(String input) {
        return call(ev -> ev.eval(input));
    }

    /** Evaluates an expression with the shared evaluator. */
    public static IExpr eval(IExpr input) {
        return call(ev -> ev.eval(input));
    }

    /** True once the shared evaluator exists (tests use it to show that built-ins never start Symja). */
    public static boolean started() {
        LOCK.lock();
        try {
            return shared != null;
        } finally {
            LOCK.unlock();
        }
    }

    /** How many times Symja was called in this process (tests use it to show that built-ins never call it). */
    public static long calls() {
        return CALLS.get();
    }

    /** Start-up time of the shared evaluator in seconds, or −1 if it was never started. */
    public static double startupSeconds() {
        return startupNanos / 1e9;
    }

    /** Everything Symja printed so far (evaluation messages, dependency noise), then clears the buffer. */
    public static String capturedOutput() {
        LOCK.lock();
        try {
            String s = CAPTURED.toString(StandardCharsets.UTF_8);
            CAPTURED.reset();
            return s;
        } finally {
            LOCK.unlock();
        }
    }
}
