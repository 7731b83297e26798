package depthlimit.claims;

/**
 * What a check returns: the verdict, a one-sentence summary, the key figure for the table, the evidence, and for
 * INCONCLUSIVE the reason (solver failure, pre-asymptotic regime, budget, not numerically checkable).
 */
public record Outcome(Verdict verdict, String summary, String keyFigure, Evidence evidence) {
    public static Outcome of(boolean confirmed, String summary, String keyFigure, Evidence e) {
        return new Outcome(confirmed ? Verdict.CONFIRMED : Verdict.NOT_CONFIRMED, summary, keyFigure, e);
    }

    public static Outcome inconclusive(String reason, String keyFigure, Evidence e) {
        e.put("inconclusive_reason", reason);
        return new Outcome(Verdict.INCONCLUSIVE, reason, keyFigure, e);
    }
}
