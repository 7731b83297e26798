package depthlimit.claims;

import depthlimit.init.Iid;
import org.junit.jupiter.api.Test;

/** The Polyak–Łojasiewicz claims (15–18, 21): each check run where its prediction must fail. */
class FailingPlTest {
    /**
     * Claim 15 with i.i.d. V_k, W_k instead of the weight-tied init: G/ℓ at init is L-independent only because the
     * tied init makes every layer see the same h_k = Ax; with i.i.d. layers G/ℓ changes with L far beyond round-off
     * (and the closed-form worst case, which assumes the tied init, no longer matches the engine).
     */
    @Test
    void plRatioFailsWithoutTying() {
        FailingRun.assertNotConfirmed("def1.pl-ratio", Fault.named("i.i.d. N(0, 1) residual weights per layer").withInit(s -> new Iid(s, 1.0, 1.0)));
    }

    /**
     * Claim 16 at points far outside the proof's ball (radius 10⁴ instead of M ≈ 7·10⁻⁴): each residual block adds a
     * random vector of norm ≈ 10⁴·√n/L to h, so ‖h_k‖_F reaches ≈ 10⁴√(n/L) ≫ 2e^{2√2K}√(qn) ≈ 166, a bound that does not
     * depend on the radius, at every point (two points suffice). (Below the width, m < n, the estimates do not fail: measured CONFIRMED at m = 1.)
     */
    @Test
    void proofBoundsFailOutsideTheBall() {
        FailingRun.assertNotConfirmed("prop5.proof-bounds", Fault.named("ball radius 10⁴ instead of the proof's M").withSize("radius", 1e4).withSize("points", 2));
    }

    /**
     * Claim 17 with entries N(0, 2.25) instead of N(0, 1): ‖W‖²_F/2.25 is χ²_{qm}, so P(‖W‖_F > 2√(qm)) = P(χ²_{qm} > 1.78
     * qm) is ≈ 0.18 at qm = 1 and P(‖W‖_F > √(2qm)) ≈ 0.4 at qm = 16 against the bound e^{−1} ≈ 0.37. 20,000 samples
     * resolve the violation (the 99.9 % interval is ±0.012).
     */
    @Test
    void gaussianNormFailsWithWrongVariance() {
        FailingRun.assertNotConfirmed("lemma20.gaussian-norm",
                Fault.named("entries with standard deviation 1.5").withSize("entry_sd", 1.5).withSize("samples", 20_000));
    }

    /**
     * Claim 18 in dimension d = 2 (Lemma 21 needs d large against n): four unit columns on a circle include nearly
     * parallel or antipodal pairs, and tanh is odd, so E[σ(WX)ᵀσ(WX) | X] is nearly singular for some X: λ_min falls
     * below mη_r²/8.
     */
    @Test
    void sminBoundFailsInLowDimension() {
        FailingRun.assertNotConfirmed("lemma21.smin-lower-bound", Fault.named("d = 2 (columns on the unit circle)").withSize("d", 2).withSize("draws", 40));
    }

    /**
     * Claim 21 with i.i.d. W_k (V_k = 0) instead of the tied init: the loss still decays (m ≫ n, F = 0 at init), but
     * the uniform regularity must fail: sup_t L·max_k ‖ΔZ_k‖ ≥ L·max_k ‖W_{k+1}(0) − W_k(0)‖ ~ L·√(2qm) doubles with L
     * (Cauchy ratio 2, not shrinking); depths 4, 8, 16 (half the default) already show it. (The printed recursion (13) is not a failing setting here: at this tied init
     * V stays O(10⁻¹) and ∂₁f is nearly symmetric, so the flow's rate and G/ℓ agree within 1 %; measured CONFIRMED.)
     */
    @Test
    void exponentialDecayFailsWithIidInit() {
        FailingRun.assertNotConfirmed("thm6.exponential-decay",
                Fault.named("i.i.d. N(0, 1) W_k, V_k = 0; depths 4, 8, 16").withInit(s -> new Iid(s, 0.0, 1.0)).withSize("depth_divisor", 2));
    }
}
