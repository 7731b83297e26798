package depthlimit.claims;

import depthlimit.init.FractionalBrownian;
import depthlimit.init.Iid;
import org.junit.jupiter.api.Test;

/** Proposition 3 and Figure 1 (claims 5–8): each check run where its prediction must fail. */
class FailingRegularityTest {
    /** fBm paths with H = 0.3 are Hölder-0.3: successive differences scale like L^{-0.3}, so the slope in 1/L is ≈ 0.3, not 1. */
    static Fault roughInit() {
        return Fault.named("fractional-Brownian init, H = 0.3").withInit(s -> new FractionalBrownian(s, 0.3, 1.0, 1.0));
    }

    /**
     * Claim 5 with an fBm (H = 0.3) initialization: X(L, T) ≥ X(L, 0) − O(T/L) ~ L^{-0.3}, so X is not O(1/L) and
     * L·X diverges; Proposition 3 assumes weights that discretize a Lipschitz function.
     */
    @Test
    void depthRegularityFailsWithRoughInit() {
        FailingRun.assertNotConfirmed("prop3.depth-regularity", roughInit());
    }

    /**
     * Claim 6 with i.i.d. N(0, 4) weights per layer: sup_k ‖W_k‖_F is the maximum of L independent χ-distributed norms
     * of mean ≈ 2√(qm), so it grows with L (like √(2 log L) standard deviations) and M_0 ≤ 2√(qm) fails for most L.
     */
    @Test
    void weightsBoundedFailsWithIidInit() {
        FailingRun.assertNotConfirmed("prop3.weights-bounded",
                Fault.named("i.i.d. N(0, 4) residual weights per layer").withInit(s -> new Iid(s, 2.0, 2.0)));
    }

    /** Claim 7 with an fBm (H = 0.3) init: L·X(L, T) ~ L^{0.7} diverges at every T, so K(T) is not finite. */
    @Test
    void kGrowthFailsWithRoughInit() {
        FailingRun.assertNotConfirmed("prop3.K-growth", roughInit());
    }

    /**
     * Claim 8 with i.i.d. N(0, 1) V_k, W_k: the label's max X(L) is O(1) (slope 0, not 1) and the code's aggregate D
     * grows like √L (slope −0.5, not 0.5).
     */
    @Test
    void metricMismatchFailsWithIidInit() {
        FailingRun.assertNotConfirmed("fig1.metric-mismatch",
                Fault.named("i.i.d. N(0, 1) residual weights per layer").withInit(s -> new Iid(s, 1.0, 1.0)));
    }
}
