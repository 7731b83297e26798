package depthlimit.model;

/**
 * Cooperative cancellation of long computations. A caller that must bound a computation's wall-clock time (a
 * claim's time limit, a falsifier's budget) runs it on its own thread and interrupts that thread; the engine's hot
 * loops call {@link #checkpoint()} once per gradient or right-hand-side evaluation, which turns the interrupt into
 * a {@link Cancelled} exception. The check reads the thread's interrupt flag without clearing it, so every later
 * checkpoint on that thread fails too and an abandoned computation ends quickly.
 */
public final class Cancellation {
    private Cancellation() {}

    /** Thrown by {@link #checkpoint()} on an interrupted thread. Deliberately not a solver exception. */
    public static final class Cancelled extends RuntimeException {
        public Cancelled() { super("cancelled (time limit)"); }
    }

    /** @throws Cancelled if the current thread has been interrupted */
    public static void checkpoint() {
        if (Thread.currentThread().isInterrupted()) throw new Cancelled();
    }
}
