package depthlimit.falsify;

import java.util.List;

/**
 * One field of a property's space: an integer or real range [lo, hi] (real ranges optionally sampled uniformly in
 * log scale), or a list of choices. A fixed value is a range with lo = hi or a single choice. Choices are listed
 * simplest first: the shrinker moves towards the front of the list.
 */
public record Coordinate(String name, Kind kind, double lo, double hi, boolean log, List<Object> choices) {
    /** What values the coordinate takes. */
    public enum Kind { INT, REAL, CHOICE }

    public boolean fixed() {
        return kind == Kind.CHOICE ? choices.size() == 1 : lo == hi;
    }

    /** A real range that CMA-ES can move along. */
    public boolean continuous() {
        return kind == Kind.REAL && lo < hi;
    }

    /** Maps a value of a continuous coordinate to [0, 1] (log scale when {@link #log}). */
    public double normalize(double v) {
        return log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
    }

    /** Inverse of {@link #normalize}, clamped to the range. */
    public double denormalize(double u) {
        double c = Math.max(0, Math.min(1, u));
        double v = log ? Math.exp(Math.log(lo) + c * (Math.log(hi) - Math.log(lo))) : lo + c * (hi - lo);
        return Math.max(lo, Math.min(hi, v));
    }

    /** True when v is a value of this coordinate. */
    public boolean contains(Object v) {
        return switch (kind) {
            case CHOICE -> choices.contains(v);
            case INT -> v instanceof Integer i && i >= lo && i <= hi;
            case REAL -> v instanceof Double d && d >= lo && d <= hi;
        };
    }
}
