package depthlimit.claims;

import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.init.WeightTied;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No claim may hang a run: a check that outlives its wall-clock limit ends as INCONCLUSIVE (timeout), in bounded
 * time, and the run moves on — whether the check is cooperative (it trains, so the engine's cancellation
 * checkpoints stop it) or not (a plain loop, abandoned after the grace period).
 */
class ClaimTimeoutTest {
    /** A planted slow-down: gradient descent that never reaches its stopping criterion. */
    static Outcome neverConverges(Claim.Context ctx) {
        Architecture arch = new Architecture(4, 6, 8, 2, 16, Activations.TANH, Convention.PAPER, true, true);
        Dataset data = new GaussianData(10, ctx.seed(), 1.0).create(4, 2, 6);
        double[] theta = new WeightTied(ctx.seed()).create(arch).theta, g = new double[arch.size()];
        Backprop bp = new Backprop(arch, data);
        for (long k = 0; ; k++) {
            bp.lossAndGradient(theta, g);
            for (int i = 0; i < theta.length; i++) theta[i] -= 1e-12 * g[i];
        }
    }

    static Claim claim(java.util.function.Function<Claim.Context, Outcome> check) {
        return new Claim("test.slow", 99, "a planted slow-down", "none", "none", "none", "none", check);
    }

    @Test
    void cooperativeCheckEndsInconclusiveAtItsLimit() {
        long t0 = System.nanoTime();
        ClaimCatalogue.Result r = ClaimCatalogue.run(claim(ClaimTimeoutTest::neverConverges), Scale.CI, 1, 1.0);
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(Verdict.INCONCLUSIVE, r.outcome().verdict());
        assertTrue(r.outcome().summary().startsWith("timeout"), r.outcome().summary());
        // 1 s limit; the check notices within one gradient evaluation (microseconds here)
        assertTrue(s < 1.0 + 2.0, "took " + s + " s");
    }

    @Test
    void uncooperativeCheckIsAbandonedAfterTheGracePeriod() {
        long t0 = System.nanoTime();
        // ignores interrupts, and outlives limit + grace; it ends by itself later so as not to load the test JVM
        long end = t0 + (long) ((0.5 + ClaimCatalogue.GRACE_MILLIS / 1e3 + 3) * 1e9);
        ClaimCatalogue.Result r = ClaimCatalogue.run(claim(ctx -> {
            while (System.nanoTime() < end) Thread.onSpinWait();
            return Outcome.of(true, "too late", "", new Evidence());
        }), Scale.CI, 1, 0.5);
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(Verdict.INCONCLUSIVE, r.outcome().verdict());
        assertTrue(s < 0.5 + ClaimCatalogue.GRACE_MILLIS / 1e3 + 2.0, "took " + s + " s");
    }

    @Test
    void aRealClaimOutOfTimeIsInconclusiveNotRefuted() {
        // gf.loss-derivative trains a flow for seconds; with 0.2 s it cannot finish
        ClaimCatalogue.Result r = ClaimCatalogue.run(ClaimCatalogue.byId("gf.loss-derivative").orElseThrow(), Scale.CI, 1, 0.2);
        assertEquals(Verdict.INCONCLUSIVE, r.outcome().verdict(), r.outcome().summary());
        assertTrue(r.wallSeconds() < 0.2 + 5.0, "took " + r.wallSeconds() + " s");
    }
}
