package depthlimit.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleConsumer;

/** A progress line on stderr (t, loss, ETA), at most a few times a second, rewritten in place. */
final class Progress implements DoubleConsumer {
    private final PrintStream err;
    private final double total;
    private final long start = System.nanoTime();
    private long lastPrint;
    private double loss = Double.NaN;
    private boolean printed;

    Progress(PrintStream err, double total) {
        this.err = err;
        this.total = total;
    }

    void loss(double l) { loss = l; }

    @Override
    public void accept(double t) {
        long now = System.nanoTime();
        if (now - lastPrint < 300_000_000L && t < total) return;
        lastPrint = now;
        double elapsed = (now - start) / 1e9, frac = Math.min(1, t / total);
        String eta = frac > 0 ? String.format(Locale.ROOT, "%.0f s", elapsed * (1 - frac) / frac) : "?";
        err.printf(Locale.ROOT, "\r  t = %.5g / %.5g (%3.0f%%)  loss = %.6g  elapsed %.1f s  ETA %s   ", t, total, 100 * frac, loss, elapsed, eta);
        err.flush();
        printed = true;
    }

    void finish() {
        if (printed) err.println();
    }

    /** Progress is shown when asked, or by default when a terminal is attached (stdout and stderr not redirected). */
    static boolean enabled(Boolean asked) {
        return asked != null ? asked : System.console() != null;
    }
}
