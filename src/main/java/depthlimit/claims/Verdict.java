package depthlimit.claims;

/**
 * The outcome of a claim's check. Claims are phrased so that CONFIRMED is what the paper (or the project's analysis
 * of it) predicts, negative controls and errata included.
 */
public enum Verdict {
    CONFIRMED, NOT_CONFIRMED, INCONCLUSIVE;

    @Override
    public String toString() { return name().replace('_', ' '); }
}
