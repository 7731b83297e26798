package depthlimit.symbolic;

import depthlimit.model.Activations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The constants of Proposition 5 / Theorem 6. */
class PaperConstantsTest {
    static ActivationReport tanh;

    @BeforeAll
    static void report() {
        tanh = ActivationReport.of(Activations.TANH, ActivationReport.Options.NO_EXACT);
    }

    /**
     * Tabulated values: c1 ≈ 1.33e7, c2 ≈ 1.46e4, c3 ≈ 3.28e-3 (3 digits: half a unit of the last digit is 0.4%,
     * 0.35%, 0.15%) and c4 ≈ 4.1e-11 (2 digits: 1.3%); our values come from K_σ, |η_3| computed by the report.
     */
    @Test
    void tanhMatchesTabulatedValues() {
        PaperConstants pc = PaperConstants.of(tanh, null, 50, 16, 8, 8, 64, 64, 1.0);
        assertEquals(3, pc.inputs().r());
        assertEquals(1.33e7, pc.value("c1"), 0.005e7);
        assertEquals(1.46e4, pc.value("c2"), 0.005e4);
        assertEquals(3.28e-3, pc.value("c3"), 0.005e-3);
        assertEquals(4.1e-11, pc.value("c4"), 0.05e-11);
        assertFalse(pc.mOk());
        assertFalse(pc.lOk());
        assertTrue(pc.qOk());
        assertFalse(pc.inRegime());
        assertEquals((long) Math.ceil(pc.value("c1") * 50), pc.mMin());
    }

    /**
     * The Symja formulas (built from the proof's C_1, C_2, C_3 and simplified) against the end-of-B.5 formulas
     * written directly in Java, at arbitrary inputs: identical up to rounding (1e-12 relative).
     */
    @Test
    void symbolicFormulasEqualTheClosedForms() {
        double k = 0.7, eta = 0.23, ms = 1.3;
        int n = 7, q = 5, d = 2, m = 11, r = 4;
        PaperConstants pc = PaperConstants.of(new PaperConstants.Inputs(k, ms, eta, r, n, q, d, 3, m, 9, 0.8));
        double s2 = Math.sqrt(2);
        double c1 = Math.max(1024 * k * k * Math.exp(4 * s2 * k) / (eta * eta), 1);
        double c2 = 128 * k * k * Math.exp(2 * s2 * k) / eta;
        double c3 = Math.min(eta / (32 * s2 * k), 0.5);
        double c4 = Math.pow(eta, 3) / (16384 * k * k * Math.exp(6 * s2 * k));
        double delta = Math.exp(-q * m / 16.0) + n * Math.exp(-3 * m * eta * eta / (64 * ms * ms * n))
                + 2.0 * n * n * Math.exp(-(d / (2 * 0.8)) * Math.pow(3.0 / (4 * n), 2.0 / r));
        assertEquals(c1, pc.value("c1"), 1e-12 * c1);
        assertEquals(c2, pc.value("c2"), 1e-12 * c2);
        assertEquals(c3, pc.value("c3"), 1e-12 * c3);
        assertEquals(c4, pc.value("c4"), 1e-12 * c4);
        assertEquals(c3 / Math.sqrt(n * q), pc.value("M"), 1e-12 * c3);
        assertEquals(c4 / (n * Math.sqrt(n) * q), pc.value("mu_stated"), 1e-12 * c4);
        assertEquals(Math.sqrt(q), pc.value("mu_proof") / pc.value("mu_stated"), 1e-12);
        assertEquals(delta, pc.value("delta"), 1e-12 * delta);
        assertTrue(pc.value("M_proof") >= pc.value("M") * (1 - 1e-15));
        double mRad = c3 / Math.sqrt(n * q), k8 = 2 * s2 * k;
        double big = Math.max((1 + mRad) * k8, (1 + mRad) * Math.sqrt(q));
        double cThm6 = c3 * c3 * c4 * c4 / (64 * Math.pow(n, 4) * Math.pow(q, 3) * big * big * Math.exp(2 * k8));
        assertEquals(cThm6, pc.value("C"), 1e-12 * cThm6);
        // c4 printed in the simplified closed form
        assertTrue(pc.constant("c4").formula().contains("16384"), pc.constant("c4").formula());
    }

    @Test
    void geluHasVacuousDeltaAndUsesR2() {
        ActivationReport gelu = ActivationReport.of(Activations.GELU, ActivationReport.Options.NO_EXACT);
        PaperConstants pc = PaperConstants.of(gelu, null, 10, 4, 2, 2, 100, null, 1.0);
        assertEquals(2, pc.inputs().r());
        assertTrue(Double.isInfinite(pc.inputs().mSigma()));
        assertTrue(pc.value("delta") >= 1, "M_σ = ∞: n·e^0 ≥ 1");
        assertNull(pc.lOk());
    }
}
