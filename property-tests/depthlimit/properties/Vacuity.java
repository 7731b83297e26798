package depthlimit.properties;

import java.util.Locale;

/**
 * Counts the draws of a property that had nothing to measure (a vacuous pass is not a pass): {@link #vacuous} records
 * one with its reason, {@link #tested} one that was checked; {@link #report} prints "k of n draws vacuous: reason" and
 * fails when more than the stated fraction was vacuous or none was tested.
 */
final class Vacuity {
    private final String property, reason;
    private final double maxFraction;
    private int draws, vacuous;

    /** @param maxFraction the largest share of vacuous draws that still tests the property (stated by the caller) */
    Vacuity(String property, String reason, double maxFraction) {
        this.property = property;
        this.reason = reason;
        this.maxFraction = maxFraction;
    }

    synchronized void vacuous() { draws++; vacuous++; }

    synchronized void tested() { draws++; }

    /** Prints the count and throws when the property was (mostly) vacuous. */
    synchronized void report() {
        System.out.printf(Locale.ROOT, "%s: %d of %d draws vacuous: %s%n", property, vacuous, draws, reason);
        if (draws == vacuous || vacuous > maxFraction * draws)
            throw new AssertionError(property + ": " + vacuous + " of " + draws + " draws vacuous (" + reason
                    + "), more than the allowed " + maxFraction);
    }
}
