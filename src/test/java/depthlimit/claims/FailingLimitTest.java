package depthlimit.claims;

import depthlimit.init.FractionalBrownian;
import depthlimit.init.Iid;
import depthlimit.model.Backprop;
import org.junit.jupiter.api.Test;

/** The large-depth limit (claims 1, 2, 9–12, 22): each check run where its prediction must fail. */
class FailingLimitTest {
    /**
     * The ResNet samples layer k at s′ = 0.9·k/L instead of k/L (a scaling slip in the depth map): it is then the Euler
     * scheme of the ODE with weights 𝒱(0.9 s), whose solution differs from the reference H by O(1), so the error
     * tends to a positive constant (slope ≈ 0 in 1/L) instead of O(1/L).
     */
    static Fault wrongDepthMap() {
        return Fault.named("depth map s ↦ 0.9 s (layer k at 𝒱(0.9 k/L))").withDepthMap(s -> 0.9 * s);
    }

    /**
     * i.i.d. N(0, 1) weights per layer: the depth functions 𝒵^L(·, 0) have no limit (successive layers differ by O(1)).
     * One instance, so the three Theorem-4 checks share its sweep. The reference depth is lowered to 256 and the
     * horizon to T = 0.5 (the rates are wrong from t = 0 on, by an O(1) margin: neither the reference's accuracy nor a
     * long training is what decides).
     */
    static final Fault IID = Fault.named("i.i.d. N(0, 1) residual weights per layer, T = 0.5, reference depth 256")
            .withInit(s -> new Iid(s, 1.0, 1.0)).withSize("reference_depth", 256).withSize("T", 0.5);

    /** fBm paths with H = 0.3 (Hölder-0.3, not Lipschitz, nested under doubling of L). */
    static final Fault ROUGH = Fault.named("fractional-Brownian init, H = 0.3")
            .withInit(s -> new FractionalBrownian(s, 0.3, 1.0, 1.0));

    /** Claim 1 with the wrong depth map: sup_x ‖F^L − F‖ → const > 0. */
    @Test
    void resnetToOdeFailsWithWrongDepthMap() {
        FailingRun.assertNotConfirmed("prop2.resnet-to-ode", wrongDepthMap());
    }

    /** Claim 2 with the wrong depth map: the hidden trajectory converges to another ODE's, at distance O(1). */
    @Test
    void hiddenTrajectoryFailsWithWrongDepthMap() {
        FailingRun.assertNotConfirmed("prop11.hidden-trajectory", wrongDepthMap());
    }

    /**
     * Claim 9 with i.i.d. weights: 𝒵^L(·, 0) and 𝒵^{2L}(·, 0) are different i.i.d. step functions, at sup distance
     * O(1) for every L, and training for a finite time moves them by O(1/L) only: slope ≈ 0, not 1.
     */
    @Test
    void weightsLimitFailsWithIidInit() {
        FailingRun.assertNotConfirmed("thm4.weights-limit", IID);
    }

    /**
     * Claim 10 with i.i.d. weights: h_L = Ax + Σ_k (1/L)·(i.i.d. centred terms) is a central-limit sum, so h^L − h^{2L}
     * and F^L − F^{2L} are O(L^{-1/2}) (slope ≈ 0.5), not O(1/L).
     */
    @Test
    void trajectoryLimitFailsWithIidInit() {
        FailingRun.assertNotConfirmed("thm4.trajectory-limit", IID);
    }

    /** Claim 11 with i.i.d. weights: Λ(L, t) = L·max_k ‖ΔZ_k‖ ~ L diverges, there is no Lipschitz limit. */
    @Test
    void lipschitzLimitFailsWithIidInit() {
        FailingRun.assertNotConfirmed("thm4.lipschitz-limit", IID);
    }

    /**
     * Claim 12 with the printed recursion (13) as the engine's backpropagation: the ResNet then follows another flow
     * (∂₁f instead of ∂₁fᵀ in the adjoint; ∂₁f is not symmetric once V ≠ 0, as at the GP init), whose depth limit is
     * not the A.5 system with the corrected adjoint: the distance tends to a positive constant.
     */
    @Test
    void limitDynamicsFailsWithPrintedRecursion() {
        FailingRun.assertNotConfirmed("appA5.limit-dynamics",
                Fault.named("engine backpropagates with the printed eq. (13)").withRecursion(Backprop.Recursion.PRINTED_EQ13));
    }

    /**
     * Claim 22 with an fBm (H = 0.3) init: the trained weights at large t inherit the roughness of the init (they move
     * by O(‖y‖) only), so 𝒵^L(·,t) − 𝒵^{2L}(·,t) ~ L^{-0.3} and the Cauchy slope is far from 1.
     */
    @Test
    void doubleLimitFailsWithRoughInit() {
        FailingRun.assertNotConfirmed("thm6.double-limit", ROUGH);
    }
}
