package depthlimit.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs a claim's own check at ci scale, seed 1, under a {@link Fault}, and asserts the verdict the fault forces. */
final class FailingRun {
    private FailingRun() {}

    static Outcome run(String id, Fault fault) {
        Claim c = ClaimCatalogue.byId(id).orElseThrow();
        long t0 = System.nanoTime();
        Outcome o = c.check().apply(new Claim.Context(Scale.CI, 1, fault));
        System.out.printf("failing %-30s %-14s %6.1f s  %s | %s%n", id, o.verdict(), (System.nanoTime() - t0) / 1e9,
                o.keyFigure(), fault.describe());
        return o;
    }

    static Outcome assertNotConfirmed(String id, Fault fault) {
        Outcome o = run(id, fault);
        assertEquals(Verdict.NOT_CONFIRMED, o.verdict(), id + " under " + fault.describe() + ": " + o.summary()
                + "\n" + o.evidence().toMap());
        return o;
    }

    static Outcome assertInconclusive(String id, Fault fault, String reasonFragment) {
        Outcome o = run(id, fault);
        assertEquals(Verdict.INCONCLUSIVE, o.verdict(), id + " under " + fault.describe() + ": " + o.summary());
        assertTrue(o.summary().contains(reasonFragment), o.summary());
        return o;
    }
}
