package depthlimit.claims;

import depthlimit.symbolic.SymbolicActivations;
import org.junit.jupiter.api.Test;

/** Hermite coefficients and the paper's constants (claims 19, 20) with a perturbed activation. */
class FailingSymbolicTest {
    /** σ(x) = tanh(1.01x) in tanh's place: η_1 = E[σ(Z)Z] = E[σ′(Z)] moves by ≈ 0.5 %, i.e. ≈ 3·10⁻³, far beyond one unit of the 4th decimal. */
    static Fault steeperTanh() {
        return Fault.named("σ(x) = tanh(1.01x) in place of tanh").withActivation(SymbolicActivations.resolve("Tanh[101/100*x]", "test"));
    }

    /** Claim 19: the perturbed σ's coefficients differ from tanh's tabulated values. */
    @Test
    void hermiteFailsWithPerturbedActivation() {
        FailingRun.assertNotConfirmed("hermite.coefficients", steeperTanh());
    }

    /**
     * Claim 20: c₁…c₄ depend on σ through K_σ (1.01 here) and η_3 (which moves by ≈ 1.5 %), so they leave the tabulated
     * 3-digit values (c₄ = η³/(2¹⁴K²e^{6√2K}) alone moves by ≈ 10 %).
     */
    @Test
    void constantsFailWithPerturbedActivation() {
        FailingRun.assertNotConfirmed("constants.symbolic", steeperTanh());
    }
}
