package depthlimit.golden;

import depthlimit.data.Dataset;
import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Parameters;
import depthlimit.symbolic.Hermite;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closed forms of golden/closed_forms.json: Hermite coefficients η_r(σ) = E[σ(Z) h_r(Z)] with exact values (Stein's
 * identity, derivations in make_golden.py) for every built-in activation, and the weight-tied identities of
 * Section 3 (Appendix D's w* is in {@code claims.GoldenAppendixDTest}, next to the package-private network).
 */
class GoldenClosedFormsTest {
    /**
     * Tolerance: the engine's Hermite rule reports an error estimate (difference of the 200- and 400-node rules, or
     * the adaptive Gauss–Legendre estimate for ReLU); we allow 10 × that estimate plus 1e-13 (a few ulps of sums of
     * 400 terms of size ≤ 1). Exact values are exact, so anything beyond is an error in σ or in the rule.
     */
    @Test
    void hermiteCoefficientsMatchExactValues() {
        Map<String, Object> h = Golden.map(Golden.json("closed_forms.json").get("hermite"));
        int checked = 0;
        double worstTol = 0;
        for (Activation act : Activations.BUILT_IN) {
            Map<String, Object> entry = Golden.map(h.get(act.name()));
            assertTrue(entry != null, "no golden Hermite values for " + act.name());
            Map<String, Object> vals = Golden.map(entry.containsKey("exact") ? entry.get("exact") : entry.get("quadrature"));
            int rMax = vals.keySet().stream().mapToInt(Integer::parseInt).max().orElseThrow();
            Hermite.Coefficients c = Hermite.coefficients(act::value, rMax);
            for (String key : vals.keySet()) {
                int r = Integer.parseInt(key);
                double ref = Golden.number(vals, key), tol = 10 * c.error()[r] + 1e-13;
                assertEquals(ref, c.eta()[r], tol, act.name() + " η_" + r + " (" + c.method() + ")");
                checked++;
                worstTol = Math.max(worstTol, tol);
            }
        }
        System.out.printf("golden Hermite: %d coefficients, largest tolerance used %.1e%n", checked, worstTol);
        assertTrue(checked >= 30, "checked " + checked);
    }

    /**
     * Weight-tied init with q ≥ d + d′ (A = (I;0), V = 0, W_k = W, B = (0,I), W from the file): ℓ(0) = λΣ‖y_i‖²,
     * ∂ℓ/∂A = −2λ Σ B̄ᵀy_i x_iᵀ, ∂ℓ/∂B = −2λ Σ y_i (Āx_i)ᵀ, ∂ℓ/∂W_k = 0 exactly, ∂ℓ/∂V_k the same closed form for
     * every k, G(0) the same for every L in the paper's convention, with λ, c_res, c_pre spelled out in the script.
     * Tolerance 1e-13 relative: one sum over n = 6 samples of length-5 products, no depth recursion (V = 0 makes
     * every residual branch vanish exactly).
     */
    @Test
    void weightTiedIdentities() {
        Map<String, Object> t = Golden.map(Golden.json("closed_forms.json").get("weight_tied"));
        Dataset data = Golden.data(t, (String) t.get("X"), (String) t.get("Y"));
        double[] wt = Golden.array(t.get("W"));
        int d = Golden.integer(t, "d"), q = Golden.integer(t, "q"), dOut = Golden.integer(t, "dOut");
        int checked = 0;
        for (Map<String, Object> c : Golden.cases(t)) {
            Map<String, Object> byL = Golden.map(c.get("by_L"));
            double gFirst = Double.NaN;
            for (String key : byL.keySet()) {
                int L = Integer.parseInt(key);
                Map<String, Object> ref = Golden.map(byL.get(key));
                Architecture a = Golden.architecture(t, c, L, true, true);
                String where = c.get("convention") + "/" + c.get("activation") + " L=" + L;
                Parameters p = new Parameters(a);
                for (int i = 0; i < Math.min(q, d); i++) p.theta[a.offA() + i * d + i] = 1;              // (I; 0)
                for (int o = 0; o < dOut; o++) p.theta[a.offB() + o * q + (q - dOut + o)] = 1;         // (0, I)
                for (int k = 1; k <= L; k++) System.arraycopy(wt, 0, p.theta, p.offW(k), wt.length);
                double[] g = new double[a.size()];
                double loss = new Backprop(a, data).lossAndGradient(p.theta, g);
                assertTrue(Golden.relative(loss, Golden.number(ref, "loss")) <= 1e-13, where + ": ℓ(0) " + loss);
                assertTrue(Golden.relative(java.util.Arrays.copyOfRange(g, a.offA(), a.offV()),
                        Golden.doubles(c.get("dA"))) <= 1e-13, where + ": ∂ℓ/∂A");
                assertTrue(Golden.relative(java.util.Arrays.copyOfRange(g, a.offB(), a.size()), Golden.doubles(c.get("dB"))) <= 1e-13,
                        where + ": ∂ℓ/∂B");
                double[] dv = Golden.doubles(ref.get("dV"));
                for (int k = 1; k <= L; k++) {
                    double[] got = java.util.Arrays.copyOfRange(g, p.offV(k), p.offV(k) + a.layerV());
                    assertTrue(Golden.relative(got, dv) <= 1e-13, where + ": ∂ℓ/∂V_" + k);
                }
                for (int i = a.offW(); i < a.offB(); i++) assertEquals(0.0, g[i], 0.0, where + ": ∂ℓ/∂W must vanish exactly");
                double G = Backprop.flowMetric(a, g);
                assertTrue(Golden.relative(G, Golden.number(ref, "G")) <= 1e-13, where + ": G(0) " + G + " vs " + ref.get("G"));
                if (c.get("convention").equals("paper")) {
                    if (Double.isNaN(gFirst)) gFirst = G;
                    else assertTrue(Golden.relative(G, gFirst) <= 1e-13, where + ": G(0) depends on L");
                }
                checked++;
            }
        }
        assertEquals(2 * 4 * 5, checked);
    }
}
