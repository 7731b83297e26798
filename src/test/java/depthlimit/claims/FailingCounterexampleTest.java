package depthlimit.claims;

import depthlimit.model.Activations;
import org.junit.jupiter.api.Test;

/** Appendix D (claims 23, 24): each check run with the other activation. */
class FailingCounterexampleTest {
    /**
     * Claim 23 with σ = tanh in place of ReLU: tanh is C² and the Appendix-D network then keeps O(1/L) regularity
     * (Proposition 7), the odd weights move (tanh′ > 0 everywhere), and the max difference decays with slope 1, not 0.
     */
    @Test
    void reluCounterexampleFailsWithTanh() {
        FailingRun.assertNotConfirmed("appD.relu-loses-smoothness", Fault.named("σ = tanh instead of ReLU").withActivation(Activations.TANH));
    }

    /**
     * Claim 24 with σ = ReLU in place of tanh: the odd weights are frozen at −1/(2L) (ReLU′ = 0 on their negative
     * pre-activations) while the even ones grow towards w* ≥ 2 log 2, so the max difference is Ω(1) at T: slope ≈ 0.
     */
    @Test
    void smoothContrastFailsWithRelu() {
        FailingRun.assertNotConfirmed("appD.smooth-contrast", Fault.named("σ = ReLU instead of tanh").withActivation(Activations.RELU));
    }
}
