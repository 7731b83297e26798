package depthlimit.claims;

import depthlimit.claims.counterexample.AppendixDNetwork;
import depthlimit.golden.Golden;
import depthlimit.model.Activations;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Appendix D's counter-example against SciPy (golden/closed_forms.json): depth 2L, ReLU, x = 1, C = 2,
 * w_k(0) = (−1)^k/(2L), gradient flow to T = 15 by solve_ivp DOP853 (rtol 1e-12), and the closed form
 * w* = 2L(2^{1/L} − 1) of eq. (56), which decreases to 2 log 2.
 *
 * <p>Tolerances: odd weights never move (ReLU′ = 0 on their negative pre-activations), so they must equal −1/(2L)
 * bit for bit. Even weights: both integrators run at rtol 1e-12 and the flow contracts towards w* (rate ≈ 4 in
 * this time scale, so e^{−60} of the initial gap remains at T): 1e-9 relative. w* − 2 log 2 = (log 2)²/L + O(1/L²)
 * with positive terms: it lies in [(log 2)²/L, (log 2)²/L · 2^{1/L}].
 */
class GoldenAppendixDTest {
    @Test
    void weightsConvergeToTheClosedFormWStar() {
        Map<String, Object> ad = Golden.map(Golden.json("closed_forms.json").get("appendix_d"));
        double x = Golden.number(ad, "x"), c = Golden.number(ad, "C"), T = Golden.number(ad, "T");
        double log2 = Math.log(2), limit = Golden.number(ad, "limit");
        assertEquals(2 * log2, limit, 1e-15);
        double prev = Double.POSITIVE_INFINITY;
        for (Map<String, Object> cs : Golden.cases(ad)) {
            int L = Golden.integer(cs, "L");
            double wStar = Golden.number(cs, "w_star");
            double[] ref = Golden.doubles(cs.get("w_T"));
            double[] w = new AppendixDNetwork(2 * L, x, c, Activations.RELU).train(T, 1e-12);
            assertEquals(ref.length, w.length);
            for (int k = 1; k <= 2 * L; k++) {
                if (k % 2 == 1) assertEquals(-1.0 / (2 * L), w[k - 1], 0.0, "L=" + L + " odd weight " + k);
                else {
                    assertTrue(Math.abs(w[k - 1] - ref[k - 1]) <= 1e-9 * wStar, "L=" + L + " w_" + k + " = " + w[k - 1] + " vs SciPy " + ref[k - 1]);
                    assertTrue(Math.abs(w[k - 1] - wStar) <= 1e-9 * wStar, "L=" + L + " w_" + k + " = " + w[k - 1] + " vs w* " + wStar);
                }
            }
            double gap = wStar - limit, lead = log2 * log2 / L;
            assertTrue(gap >= lead && gap <= lead * Math.pow(2, 1.0 / L), "L=" + L + ": w* − 2 log 2 = " + gap);
            assertTrue(wStar < prev, "w* decreases in L");
            prev = wStar;
        }
    }
}
