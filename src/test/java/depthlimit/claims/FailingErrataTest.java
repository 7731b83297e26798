package depthlimit.claims;

import depthlimit.model.Backprop;
import org.junit.jupiter.api.Test;

/** The backward equations and dℓ/dt = −G (claims 13, 14): each check run with a wrong engine. */
class FailingErrataTest {
    static Fault printed() {
        return Fault.named("engine backpropagates with the printed eq. (13)").withRecursion(Backprop.Recursion.PRINTED_EQ13);
    }

    /**
     * Claim 13 with the printed recursion as the engine's: the recursion claimed correct is now p_k = p_{k+1} +
     * (1/L)∂₁f p_{k+1}, which is not the gradient (∂₁f is not symmetric at random parameters), so its error against
     * finite differences is O(1), not ≤ 1e-7.
     */
    @Test
    void transposeFailsWithPrintedRecursion() {
        FailingRun.assertNotConfirmed("erratum.eq13-transpose", printed());
    }

    /**
     * Claim 14 with the printed recursion: the flow moves along −ĝ with ĝ ≠ ∇ℓ, so dℓ/dt = −⟨∇ℓ, ĝ⟩ while G is computed
     * from ĝ; the difference quotient's error tends to |⟨∇ℓ, ĝ⟩ − ‖ĝ‖²_metric| > 0 as η → 0 (slope ≈ 0, not 1).
     */
    @Test
    void lossDerivativeFailsWithPrintedRecursion() {
        FailingRun.assertNotConfirmed("gf.loss-derivative", printed());
    }
}
