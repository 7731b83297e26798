package depthlimit.cli;

import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGINT and SIGTERM, turned into a flag the running command polls: the command finishes what it is writing (the
 * current row, the current file), records status {@code interrupted} and exits with {@link #EXIT_INTERRUPTED}.
 * A second signal ends the process at once. Signal handlers are installed only by {@link Main#main} (a real
 * process); commands run in-process (tests, other tools) get a watcher that never fires.
 */
final class Interrupts {
    /** Exit code after SIGINT/SIGTERM (128 + SIGINT, the shell's convention). */
    static final int EXIT_INTERRUPTED = 130;

    private static volatile boolean enabled;
    private static final AtomicReference<String> SIGNAL = new AtomicReference<>();
    private static volatile Runnable onSignal;

    private Interrupts() {}

    /** Installs the handlers; called once from {@link Main#main}. */
    static void enable() {
        enabled = true;
        for (String name : new String[]{"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    if (!SIGNAL.compareAndSet(null, "SIG" + sig.getName())) Runtime.getRuntime().halt(EXIT_INTERRUPTED);
                    Runnable r = onSignal;
                    if (r != null) r.run();
                });
            } catch (IllegalArgumentException e) {
                // signal not available on this platform (or reserved by the JVM): keep the default behaviour
            }
        }
    }

    /** The signal received ("SIGINT", "SIGTERM"), or null. */
    static String received() {
        return SIGNAL.get();
    }

    static boolean interrupted() {
        return SIGNAL.get() != null;
    }

    /**
     * An action run on the signal thread when the first signal arrives, for commands whose unit of work cannot be
     * cut (a claim): it records the interruption and ends the process itself.
     */
    static void onSignal(Runnable r) {
        if (enabled) onSignal = r;
    }
}
