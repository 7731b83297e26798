package depthlimit.symbolic;

import depthlimit.model.Activations;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The hypotheses on σ and the Hermite coefficients. Reference values are either the
 * tabulated values (4 decimals: tolerance 5e-5) or closed forms computed here; Gauss–Hermite is also checked against an
 * independent quadrature (adaptive Gauss–Legendre) at the level of its own error estimate.
 */
class ActivationReportTest {
    private static final ActivationReport.Options FAST = ActivationReport.Options.NO_EXACT;

    @Test
    void tanh() {
        ActivationReport r = ActivationReport.of(Activations.TANH, FAST);
        assertTrue(r.meetsPaperHypotheses(), String.join("\n", r.lines()));
        assertEquals("odd", r.parity());
        assertEquals(1.0, r.bound().value(), 1e-12);
        assertEquals("1", r.bound().exact());
        assertEquals(1.0, r.lipschitz().value(), 1e-12);
        double[] eta = r.hermite().eta();
        assertEquals(0.6057, eta[1], 5e-5);
        assertEquals(-0.1484, eta[3], 5e-5);
        // Tables print η_5 ≈ 0.0626; the value is 0.062548 (30-digit mpmath quadrature agrees), a rounding slip
        // of those tables: compare to its 3 significant digits only.
        assertEquals(0.0626, eta[5], 1e-4);
        for (int k = 0; k <= 6; k += 2) assertTrue(r.zeroByParity()[k]);
        assertEquals(3, r.rStar());
        assertTrue(r.engineAgreement() < 1e-14, "built-in tanh vs Symja's Tanh: " + r.engineAgreement());
        assertHermiteIndependent(Activations.TANH::value, eta);
    }

    @Test
    void geluIsUnboundedAndEvenPlusLinear() {
        ActivationReport r = ActivationReport.of(Activations.GELU, FAST);
        assertEquals(Supremum.Status.INFINITE, r.bound().status());
        assertFalse(r.meetsPaperHypotheses());
        assertTrue(r.c2().isC2() && r.zeroAtOrigin());
        // K_σ = Φ(√2) + √2 φ(√2) = (1 + erf(1))/2 + e^{-1}/√π, the maximum of GELU′ at x = √2
        double k = (1 + SpecialFunctions.erf(1)) / 2 + Math.exp(-1) / Math.sqrt(Math.PI);
        assertEquals(k, r.lipschitz().value(), 1e-12);
        assertNotNull(r.lipschitz().exact(), "Symja's Solve finds x = √2");
        assertEquals("even + linear", r.parity());
        double[] eta = r.hermite().eta();
        assertEquals(0.2821, eta[0], 5e-5);
        assertEquals(0.5, eta[1], 1e-14);
        assertEquals(0.2992, eta[2], 5e-5);
        assertTrue(r.zeroByParity()[3] && r.zeroByParity()[5], "η_3 = η_5 = 0 exactly: GELU − x/2 is even");
        assertEquals(-0.0720, eta[4], 5e-5);
        assertEquals(0.0276, eta[6], 5e-5);
        assertEquals(2, r.rStar());
    }

    @Test
    void reluIsNotC2AndItsCoefficientsUseTheAdaptiveRule() {
        ActivationReport r = ActivationReport.of(Activations.RELU, FAST);
        assertEquals(Smoothness.Status.NO, r.c2().status(), r.c2().reason());
        assertTrue(r.c2().reason().contains("σ′ jumps at x = 0"), r.c2().reason());
        assertEquals(Supremum.Status.INFINITE, r.bound().status());
        assertEquals(1.0, r.lipschitz().value(), 1e-12);
        assertTrue(r.hermite().method().startsWith("adaptive"), r.hermite().method());
        double[] eta = r.hermite().eta();
        // closed forms: E[Z⁺] = 1/√(2π), E[Z⁺ Z] = 1/2, E[Z⁺ (Z² − 1)]/√2 = 1/(2√π)
        assertEquals(1 / Math.sqrt(2 * Math.PI), eta[0], 1e-12);
        assertEquals(0.5, eta[1], 1e-12);
        assertEquals(1 / (2 * Math.sqrt(Math.PI)), eta[2], 1e-12);
    }

    @Test
    void sinAndGaussX() {
        ActivationReport s = ActivationReport.of(Activations.SIN, FAST);
        assertTrue(s.meetsPaperHypotheses());
        assertEquals(1.0, s.bound().value(), 1e-12);
        // E[Z sin Z] = e^{-1/2}; η_3 = E[sin'''(Z)]/√6 = −E[cos Z]/√6 = −e^{-1/2}/√6
        assertEquals(Math.exp(-0.5), s.hermite().eta()[1], 1e-13);
        assertEquals(-Math.exp(-0.5) / Math.sqrt(6), s.hermite().eta()[3], 1e-13);

        // generous limits: the closed forms take 1–2 s each; the limits only matter on an overloaded machine
        ActivationReport g = ActivationReport.of(Activations.GAUSS_X, new ActivationReport.Options(3, 30, 60));
        assertTrue(g.meetsPaperHypotheses());
        assertEquals(Math.exp(-0.5), g.bound().value(), 1e-12);
        assertEquals("1/Sqrt(E)", g.bound().exact(), "x = ±1 from Solve[σ′ = 0]");
        assertEquals(1.0, g.lipschitz().value(), 1e-12);
        assertNotNull(g.exactEta()[1], String.join("\n", g.lines()));
        assertTrue(g.exactAgrees(), String.join("\n", g.exactNotes()));
        assertEquals(1 / Math.sqrt(8), g.hermite().eta()[1], 1e-13);   // tabulated: 0.3536
        assertEquals(-0.2165, g.hermite().eta()[3], 5e-5);
        assertEquals(0.1210, g.hermite().eta()[5], 5e-5);
    }

    @Test
    void userExpressions() {
        ActivationReport soft = ActivationReport.of(SymbolicActivations.resolve("x/(1 + Abs[x])", "test"), FAST);
        assertEquals(Smoothness.Status.NO, soft.c2().status(), soft.c2().reason());   // σ″ jumps from 2 to −2 at 0
        assertEquals(Supremum.Status.FINITE, soft.bound().status());
        assertEquals(1.0, soft.bound().value(), 1e-9);   // sup approached at infinity only (numeric tail)
        assertEquals(1.0, soft.lipschitz().value(), 1e-12);

        ActivationReport cubic = ActivationReport.of(SymbolicActivations.resolve("Abs[x]^3", "test"), FAST);
        assertEquals(Smoothness.Status.YES_NUMERIC, cubic.c2().status(), cubic.c2().reason());
        assertEquals(Supremum.Status.INFINITE, cubic.lipschitz().status());

        ActivationReport sig = ActivationReport.of(SymbolicActivations.resolve("LogisticSigmoid[x]", "test"), FAST);
        assertFalse(sig.zeroAtOrigin());
        assertEquals("1/2", sig.sigmaAt0());
        assertEquals(0.25, sig.lipschitz().value(), 1e-12);
        assertEquals("odd + constant", sig.parity());
    }

    /** Gauss–Hermite against adaptive Gauss–Legendre on [−40, 40]: two unrelated rules, both accurate to ~1e-14. */
    private static void assertHermiteIndependent(java.util.function.DoubleUnaryOperator f, double[] eta) {
        for (int r = 0; r <= 6; r++) {
            final int rr = r;
            java.util.function.DoubleUnaryOperator g = x -> f.applyAsDouble(x) * Hermite.basis(rr, x)[rr] * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
            double s = 0;
            int panels = 16000;
            for (int i = 0; i < panels; i++) {   // composite Simpson, h = 0.005: error ≤ 80 h⁴ max|g⁗|/180 ≈ 3e-9 for |g⁗| ≤ 10
                double a = -40 + 80.0 * i / panels, b = a + 80.0 / panels;
                s += (b - a) / 6 * (g.applyAsDouble(a) + 4 * g.applyAsDouble(0.5 * (a + b)) + g.applyAsDouble(b));
            }
            assertEquals(s, eta[r], 1e-8, "η_" + r);
        }
    }
}
