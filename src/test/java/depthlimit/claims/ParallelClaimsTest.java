package depthlimit.claims;

import depthlimit.io.Json;
import depthlimit.model.Parallel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claims run side by side ({@link ClaimCatalogue#start}) give the same claims.json as claims run one at a time: each
 * check's randomness derives from (seed, claim) and nothing they share is mutated. Wall times are the only field left
 * out of the comparison (they are measurements of this machine, not results).
 */
class ParallelClaimsTest {
    /** Fast claims (≤ 2 s each at ci on 2 cores) from five of the seven packages, the kernel-heavy ones first. */
    static final List<String> FAST = List.of("prop11.hidden-trajectory", "init.gd-first-steps", "prop3.weights-bounded",
            "fig1.metric-mismatch", "init.weight-tied-identities", "erratum.eq13-transpose", "gf.loss-derivative",
            "lemma20.gaussian-norm");

    /** claims.json content of the results, without wall_seconds. */
    static String json(List<ClaimCatalogue.Result> rs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ClaimCatalogue.Result r : rs) {
            Map<String, Object> m = new LinkedHashMap<>(r.toMap());
            m.remove("wall_seconds");
            out.add(m);
        }
        return Json.write(out);
    }

    /** Runs the claims on {@code threads} runner threads (and as many kernel threads); returns the most seen at once. */
    static int run(List<Claim> claims, int threads, List<ClaimCatalogue.Result> into) {
        int kernel = Parallel.threads();
        AtomicInteger now = new AtomicInteger(), most = new AtomicInteger();
        try {
            Parallel.setThreads(threads);
            into.addAll(ClaimCatalogue.runAll(claims, Scale.CI, 0, 600, threads, new ClaimCatalogue.Listener() {
                public void started(Claim c) { most.accumulateAndGet(now.incrementAndGet(), Math::max); }

                public void finished(ClaimCatalogue.Result r) { now.decrementAndGet(); }
            }));
        } finally {
            Parallel.setThreads(kernel);
        }
        return most.get();
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        List<Claim> claims = FAST.stream().map(id -> ClaimCatalogue.byId(id).orElseThrow()).toList();
        List<ClaimCatalogue.Result> one = new ArrayList<>(), two = new ArrayList<>();
        assertEquals(1, run(claims, 1, one));
        // the two runner threads pick the first two claims at once, and each runs for far longer than a thread start
        assertEquals(2, run(claims, 2, two), "with 2 threads two claims ran side by side");
        assertEquals(FAST, two.stream().map(r -> r.claim().id()).toList(), "results come back in the order given");
        for (ClaimCatalogue.Result r : one) assertEquals(Verdict.CONFIRMED, r.outcome().verdict(), r.claim().id());
        assertEquals(json(one), json(two));
    }

    /** A claim that outlives its limit still ends INCONCLUSIVE (timeout) when run beside another, which is unaffected. */
    @Test
    void timeoutStillAppliesWhenClaimsRunSideBySide() {
        Claim slow = ClaimTimeoutTest.claim(ClaimTimeoutTest::neverConverges);
        // the neighbour is instantaneous, so that a loaded machine cannot push it past the same 2 s limit (a real
        // claim here, gf.loss-derivative, once did): what is tested is that the timeout of one leaves the other alone
        Claim fast = new Claim("test.fast", 98, "an instantaneous check", "none", "none", "none", "none",
                ctx -> Outcome.of(true, "done", "seed " + ctx.seed(), new Evidence()));
        long t0 = System.nanoTime();
        List<ClaimCatalogue.Result> rs = ClaimCatalogue.runAll(List.of(slow, fast), Scale.CI, 0, 2.0, 2, ClaimCatalogue.Listener.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(Verdict.INCONCLUSIVE, rs.get(0).outcome().verdict());
        assertEquals("timeout", rs.get(0).outcome().keyFigure());
        assertEquals(Verdict.CONFIRMED, rs.get(1).outcome().verdict());
        // the limit (2 s) plus the grace period at most, with margin for a loaded machine
        assertTrue(seconds < 2 + ClaimCatalogue.GRACE_MILLIS / 1e3 + 10, "took " + seconds + " s");
    }

    /** The longest claim is queued first, claims without an estimate last, ties in the given order. */
    @Test
    void longestExpectedClaimStartsFirst() {
        Claim base = ClaimCatalogue.byId("gf.loss-derivative").orElseThrow();
        List<Claim> claims = List.of(base.paperEstimate(5), base.paperEstimate(Double.NaN), base.paperEstimate(700),
                base.paperEstimate(5), base.paperEstimate(90));
        assertEquals(List.of(2, 4, 0, 3, 1), ClaimCatalogue.startOrder(claims));
        // the paper-scale catalogue: Theorem 6's sweep, the longest, is queued first
        List<Claim> all = ClaimCatalogue.all();
        assertEquals("thm6.exponential-decay", all.get(ClaimCatalogue.startOrder(all).get(0)).id());
    }
}
