package depthlimit.falsify;

import java.util.Map;

/**
 * One evaluated configuration: how it ended, the signed margin (negative = violated), the measured value and
 * every measurement computed on the way, the reason of an error or of vacuity, and the wall time.
 *
 * @param index trial number within the run (the order of trials.csv)
 * @param phase "random", "cmaes", "shrink" or "replay"
 */
public record TrialResult(int index, String phase, Config config, Status status, double margin, double value,
                          Map<String, Double> measured, String reason, double seconds) implements java.io.Serializable {
    /** How a trial ended. ERROR is numerical trouble (never a violation); VACUOUS is the property's own "does not apply". */
    public enum Status {
        HOLDS("holds"), VIOLATED("violated"), ERROR("error"), VACUOUS("vacuous");

        private final String label;

        Status(String label) { this.label = label; }

        public String label() { return label; }

        public static Status of(String s) {
            for (Status x : values()) if (x.label.equals(s)) return x;
            return null;
        }
    }

    public boolean violated() { return status == Status.VIOLATED; }

    /** What the search minimizes: the margin, +∞ for errors and vacuous trials. */
    public double objective() {
        return status == Status.HOLDS || status == Status.VIOLATED ? margin : Double.POSITIVE_INFINITY;
    }

    public TrialResult renumber(int newIndex, String newPhase) {
        return new TrialResult(newIndex, newPhase, config, status, margin, value, measured, reason, seconds);
    }
}
