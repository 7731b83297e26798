package depthlimit.golden;

import depthlimit.model.Activations;
import depthlimit.symbolic.ActivationReport;
import depthlimit.symbolic.PaperConstants;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The constants of Proposition 5 and Theorem 6 (end of Appendix B.5 and B.6) against golden/paper_constants.json,
 * computed in plain Python floating point from the proof's formulas (C_1, C_2, C_3 → c_1..c_4, the radius M, μ as
 * stated and as proved, δ, Theorem 6's label bound C) with the activation numbers K_σ = sup|σ′|, M_σ = sup|σ|,
 * r* and |η_{r*}| derived by hand (calculus for the suprema, Stein's identity or quadrature for η) — sharing neither
 * Symja nor the engine's activation analysis. Activations tanh, sin, x·e^{−x²/2}, GELU; two configurations
 * (n, q, d, d′, m, L, v_x²) = (50, 16, 8, 8, 64, 64, 1) and (2, 120, 100, 10, 4000, 50, 0.8), the second with δ < 1
 * for the bounded activations.
 */
class GoldenPaperConstantsTest {
    static final String[] NAMES = {"C1", "C2", "C3", "c1", "c2", "c3", "c4", "M", "M_proof", "mu_stated", "mu_proof", "delta", "K8", "C"};

    private static PaperConstants.Inputs inputs(Map<String, Object> c, double k, double ms, double eta, int r) {
        return new PaperConstants.Inputs(k, ms, eta, r, Golden.integer(c, "n"), Golden.integer(c, "q"), Golden.integer(c, "d"),
                Golden.integer(c, "dOut"), Golden.integer(c, "m"), Golden.integer(c, "L"), Golden.number(c, "vx2"));
    }

    private static double mSigma(Map<String, Object> c) {
        return c.get("M_sigma") == null ? Double.POSITIVE_INFINITY : Golden.number(c, "M_sigma");
    }

    /**
     * The Symja formulas at the file's inputs: each constant is a product of powers and exponentials of the inputs, a
     * few dozen correctly rounded operations with exponents ≤ 12√2·K ≈ 17 (relative rounding of e^x: x·ε), so the
     * two evaluations agree to ~1e-14; asserted 1e-12 relative. The thresholds m ≥ c_1 n, L ≥ c_2√(nq) as integers
     * exactly. δ with M_σ = ∞ (GELU): the second term is n·e^{0} = n, so δ ≥ 1 — vacuous either way (the engine
     * reports +∞); only that is asserted there. A wrong power (η² for η³ in c_4), a factor 2^{10} vs 2^{14}, μ without its √q erratum, or the
     * e^{2K} of C dropped moves a constant by ≥ 40 %.
     */
    @Test
    void formulasMatchAtTheGivenInputs() {
        int checked = 0;
        for (Map<String, Object> c : Golden.cases(Golden.json("paper_constants.json"))) {
            String where = c.get("activation") + " n=" + c.get("n");
            PaperConstants pc = PaperConstants.of(inputs(c, Golden.number(c, "K_sigma"), mSigma(c), Golden.number(c, "eta"), Golden.integer(c, "r")));
            compare(pc, Golden.map(c.get("values")), 1e-12, where);
            assertEquals(Golden.number(c, "mMin"), (double) pc.mMin(), 0.0, where + ": m threshold");
            assertEquals(Golden.number(c, "lMin"), (double) pc.lMin(), 0.0, where + ": L threshold");
            checked++;
        }
        assertEquals(8, checked);
    }

    /**
     * End to end, for tanh and GELU: the engine's activation report (Supremum for K_σ, M_σ; Gauss–Hermite for η_r; r* from parity) feeds
     * PaperConstants. The inputs must agree with the hand-derived ones (K_σ and M_σ to 1e-12, the report's own
     * tolerance; |η_{r*}| to its error estimate + 1e-12), and then each constant to the propagated input error: the
     * most sensitive one is C ∝ η⁸·K^{−8}·e^{−16√2K} (c_3²c_4² with c_3 ∝ η/K uncapped, e^{−2K′}, max(M_B K′, …)²), so
     * relative error ≤ 8·δη/η + (8 + 16√2·K)·δK/K + 1e-12.
     */
    @Test
    void activationReportsGiveTheSameConstants() {
        java.util.Set<String> done = new java.util.HashSet<>();
        for (Map<String, Object> c : Golden.cases(Golden.json("paper_constants.json"))) {
            String act = (String) c.get("activation"), where = act + " n=" + c.get("n");
            // a report costs seconds of Symja: one configuration each for tanh (bounded, odd, r* = 3) and GELU
            // (unbounded, r* = 2); sin and x·e^{−x²/2} enter through formulasMatchAtTheGivenInputs
            if (!(act.equals("tanh") || act.equals("gelu")) || !done.add(act)) continue;
            ActivationReport rep = ActivationReport.of(Activations.builtIn(act).orElseThrow(), ActivationReport.Options.NO_EXACT);
            int r = Golden.integer(c, "r");
            assertEquals(r, rep.rStar(), where + ": r*");
            double k = Golden.number(c, "K_sigma"), eta = Golden.number(c, "eta");
            assertEquals(k, rep.lipschitz().value(), 1e-12, where + ": K_σ");
            if (c.get("M_sigma") == null) assertTrue(!rep.bound().finite(), where + ": M_σ = ∞");
            else assertEquals(Golden.number(c, "M_sigma"), rep.bound().value(), 1e-12, where + ": M_σ");
            double dEta = rep.hermite().error()[r] + 1e-12 * eta;
            assertEquals(eta, Math.abs(rep.hermite().eta()[r]), dEta, where + ": |η_r|");
            double tol = 8 * dEta / eta + (8 + 16 * Math.sqrt(2) * k) * 1e-12 / k + 1e-12;
            PaperConstants pc = PaperConstants.of(rep, null, Golden.integer(c, "n"), Golden.integer(c, "q"), Golden.integer(c, "d"),
                    Golden.integer(c, "dOut"), Golden.integer(c, "m"), Golden.integer(c, "L"), Golden.number(c, "vx2"));
            compare(pc, Golden.map(c.get("values")), tol, where + " (from the activation report)");
        }
        assertEquals(2, done.size());
    }

    private static void compare(PaperConstants pc, Map<String, Object> want, double tol, String where) {
        for (String name : NAMES) {
            double got = pc.value(name);
            if (name.equals("delta") && Double.isInfinite(pc.inputs().mSigma())) {
                // unbounded σ: δ ≥ n ≥ 1 on both sides, the probability bound is vacuous
                assertTrue(got >= 1 && (want.get(name) == null || Golden.number(want, name) >= 1), where + ": δ = " + got + " should be vacuous");
                continue;
            }
            double w = Golden.number(want, name);
            assertTrue(Math.abs(got - w) <= tol * Math.abs(w), where + ": " + name + " " + got + " vs " + w + " (rel " + Math.abs(got - w) / Math.abs(w) + ")");
        }
    }
}
