package depthlimit.claims;

import depthlimit.init.GaussianProcess;
import depthlimit.init.Iid;
import org.junit.jupiter.api.Test;

/** The initialization claims (3, 4, 25, 26): each check run where its prediction must fail. */
class FailingInitTest {
    static Fault iid() {
        return Fault.named("i.i.d. N(0, 1) residual weights per layer").withInit(s -> new Iid(s, 1.0, 1.0));
    }

    /**
     * Claim 3 with i.i.d. V_k, W_k: the identities are consequences of weight tying (V̄ = 0 up to one layer, equal
     * W_k); with V_k ≠ 0 the hidden states move (h_k ≠ Ax, F ≠ 0) and ∂ℓ/∂V_k depends on W_k.
     */
    @Test
    void identitiesFailWithoutTying() {
        FailingRun.assertNotConfirmed("init.weight-tied-identities", iid());
    }

    /** Claim 4 with i.i.d. weights: the successive differences are O(1) already at step 0, not exactly 0. */
    @Test
    void firstStepsFailWithoutTying() {
        FailingRun.assertNotConfirmed("init.gd-first-steps", iid());
    }

    /**
     * Claim 25 (a negative control) with a smooth squared-exponential GP init instead of i.i.d.: the differences are
     * ≈ Lip/L, slope 1 in 1/L, so "no decay" (slope 0 ± 0.15) must fail.
     */
    @Test
    void iidControlFailsWithSmoothInit() {
        FailingRun.assertNotConfirmed("iid.no-regularity",
                Fault.named("smooth GP init (length scale 0.25)").withInit(s -> new GaussianProcess(s, 0.25, 1.0, 1.0)));
    }

    /**
     * Claim 26 with i.i.d. weights in place of the GP: L·max‖ΔZ‖ doubles with every doubling of L (Cauchy ratio 2,
     * not shrinking towards 1), so the ladder ends NOT CONFIRMED, not pre-asymptotic. The depth budget is lowered to
     * 256 (the initial ladder 16…256): refining an i.i.d. ladder cannot change ratios that stay at 2.
     */
    @Test
    void gpRegularityFailsWithIidInit() {
        FailingRun.assertNotConfirmed("gp-init.regularity", iid().withSize("depth_budget", 256));
    }
}
