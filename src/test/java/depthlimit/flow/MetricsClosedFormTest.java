package depthlimit.flow;

import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WeightMetrics} and {@link MetricsRecorder} on parameter vectors built so that every statistic of
 * Proposition 3 / Figure 1 has a closed form: V_k = a_k·v̂ and W_k = b_k·ŵ with ‖v̂‖_F = ‖ŵ‖_F = 1, so that
 * ‖V_{k+1} − V_k‖_F = |a_{k+1} − a_k|, ‖V_k‖_F = |a_k|, and so on. The coefficients are small integers and the unit
 * matrices have entries (1, 2, 2)/3 and (3, 4)/5, so every expected value below is an exact integer or a short
 * rational; the only rounding is in the engine's square roots and sums of ≤ 6 squares of such entries (a few ulps):
 * the tolerance 1e-14 is far above that and far below any slip (a dropped layer, a max taken over the wrong set, a
 * missing factor L all move a value by ≥ 1/9).
 *
 * <p>The coefficients are chosen so that the reductions are distinguishable: max_k(‖ΔV_k‖ + ‖ΔW_k‖) = 6 differs from
 * max‖ΔV‖ + max‖ΔW‖ = 8; the largest ‖Z_k‖ is at the last layer; the largest distance to θ(0) at the last layer too
 * (a loop that stops one layer early gives another value).
 */
class MetricsClosedFormTest {
    static final double TOL = 1e-14;
    // d = 1, q = 2, m = 3, d′ = 1, L = 3: A is 2×1, V_k 2×3, W_k 3×2, B 1×2
    static final Architecture ARCH = new Architecture(1, 2, 3, 1, 3, Activations.TANH, Convention.PAPER, true, true);
    static final double[] V_HAT = {1 / 3.0, 2 / 3.0, 2 / 3.0, 0, 0, 0};   // ‖·‖_F = 1
    static final double[] W_HAT = {0, 0, 3 / 5.0, 4 / 5.0, 0, 0};         // ‖·‖_F = 1
    static final double[] A_COEF = {1, 4, 9};   // a_k = k²: ΔV = 3, 5
    static final double[] B_COEF = {0, 3, 3};   // ΔW = 3, 0

    /** θ with V_k = a_k v̂, W_k = b_k ŵ, A = (3, 4)ᵀ (‖A‖ = 5), B = (6, 8) (‖B‖ = 10). */
    static double[] theta(double[] a, double[] b) {
        double[] t = new double[ARCH.size()];
        t[ARCH.offA()] = 3;
        t[ARCH.offA() + 1] = 4;
        for (int k = 0; k < 3; k++)
            for (int i = 0; i < 6; i++) {
                t[ARCH.offV() + k * ARCH.layerV() + i] = a[k] * V_HAT[i];
                t[ARCH.offW() + k * ARCH.layerW() + i] = b[k] * W_HAT[i];
            }
        t[ARCH.offB()] = 6;
        t[ARCH.offB() + 1] = 8;
        return t;
    }

    @Test
    void weightMetricsEqualTheirClosedForms() {
        double[] th = theta(A_COEF, B_COEF);
        // θ(0): V_1 shifted by 2v̂, W_3 by 7ŵ → sup_k ‖Z_k − Z_k(0)‖ = max(2, 0, 7) = 7 (attained at k = L)
        double[] th0 = th.clone();
        for (int i = 0; i < 6; i++) {
            th0[ARCH.offV() + i] -= 2 * V_HAT[i];
            th0[ARCH.offW() + 2 * ARCH.layerW() + i] -= 7 * W_HAT[i];
        }
        WeightMetrics w = WeightMetrics.of(ARCH, th, th0);
        assertEquals(5, w.maxDV(), TOL, "max_k ‖V_{k+1} − V_k‖ = max(3, 5)");
        assertEquals(3, w.maxDW(), TOL, "max_k ‖W_{k+1} − W_k‖ = max(3, 0)");
        assertEquals(6, w.maxDZ(), TOL, "max_k (‖ΔV_k‖ + ‖ΔW_k‖) = max(3 + 3, 5 + 0), not 5 + 3");
        assertEquals(9 + 25, w.sumSqDV(), 1e-13, "Σ_k ‖ΔV_k‖²");
        assertEquals(9 + 0, w.sumSqDW(), 1e-13, "Σ_k ‖ΔW_k‖²");
        assertEquals(12, w.maxNormZ(), TOL, "max_k ‖V_k‖ + ‖W_k‖ = max(1 + 0, 4 + 3, 9 + 3)");
        assertEquals(5, w.normA(), TOL);
        assertEquals(10, w.normB(), TOL);
        assertEquals(7, w.distInit(), TOL, "sup_k ‖Z_k − Z_k(0)‖ = max(2, 0, 7)");
        // a reference equal to θ: distance exactly 0
        assertEquals(0.0, WeightMetrics.of(ARCH, th, th).distInit(), 0.0);
    }

    @Test
    void largestNormAndDistanceAtTheFirstLayerAreSeenToo() {
        // a_k decreasing: the maxima sit at k = 1 (a loop starting at k = 2 would miss them)
        double[] th = theta(new double[]{9, 4, 1}, new double[]{3, 3, 0});
        double[] th0 = th.clone();
        for (int i = 0; i < 6; i++) th0[ARCH.offW() + i] += 4 * W_HAT[i];   // W_1 − W_1(0) = −4ŵ
        WeightMetrics w = WeightMetrics.of(ARCH, th, th0);
        assertEquals(12, w.maxNormZ(), TOL, "‖V_1‖ + ‖W_1‖ = 9 + 3");
        assertEquals(4, w.distInit(), TOL);
        assertEquals(5, w.maxDV(), TOL, "|4 − 9|");
        assertEquals(3, w.maxDW(), TOL, "|0 − 3| at the last pair");
        assertEquals(6, w.maxDZ(), TOL, "max(k = 1: 5 + 0, k = 2: 3 + 3)");
    }

    /**
     * The recorder's row at a sample after two steps: current-state columns from the sampled θ, running maxima over
     * every step end and sample (here attained at the first step, not at the sample), the authors' aggregate over
     * steps (fixed-step methods) or over samples (adaptive), G of Definition 1 computed here from its definition
     * G = ‖∂_Aℓ‖² + L Σ_k(‖∂_{V_k}ℓ‖² + ‖∂_{W_k}ℓ‖²) + ‖∂_Bℓ‖², and the L-scaled columns.
     */
    @Test
    void recorderRowEqualsClosedForms() {
        double[] thA = theta(A_COEF, B_COEF);                                  // ΔV = 3, 5; ΔW = 3, 0; ΔZ = 6
        double[] thC = theta(new double[]{0, 0, 2}, new double[]{0, 0, 2});    // ΔV = 0, 2; ΔW = 0, 2; ΔZ = 4
        double[] grad = new double[ARCH.size()];
        java.util.Arrays.fill(grad, 1.0);
        // G = |A| + L(|V| + |W|) + |B| entries of 1² = 2 + 3·(18 + 18) + 2
        double gExpected = 2 + 3 * (18 + 18) + 2;
        for (boolean everyStep : new boolean[]{true, false}) {
            MetricsRecorder rec = new MetricsRecorder(ARCH, thA, everyStep, null);
            rec.step(0, 0.0, thA);
            rec.step(1, 0.1, thC);
            rec.sample(0, 0.1, 1, thC, 2.0, grad);
            MetricsRecorder.Row r = rec.last();
            assertEquals(1, rec.count());
            assertEquals(1, rec.rows().size());
            assertEquals(0.1, r.t(), 0.0);
            assertEquals(1, r.step());
            assertEquals(2.0, r.loss(), 0.0);
            assertEquals(gExpected, r.G(), 1e-12);
            assertEquals(gExpected / 2, r.plRatio(), 1e-12, "G/ℓ");
            assertEquals(2, r.maxDV(), TOL);
            assertEquals(2, r.maxDW(), TOL);
            assertEquals(4, r.maxDZ(), TOL);
            assertEquals(3 * 4, r.lMaxDZ(), TOL, "L·max‖ΔZ‖");
            assertEquals(3 * 2, r.lMaxDV(), TOL);
            assertEquals(3 * 2, r.lMaxDW(), TOL);
            assertEquals(5, r.runMaxDV(), TOL, "running max over the step ends, attained at step 0");
            assertEquals(3, r.runMaxDW(), TOL);
            assertEquals(6, r.runMaxDZ(), TOL);
            // aggregates: over the two step ends (34 + 4, 9 + 4), or over the one sample (4, 4)
            assertEquals(everyStep ? Math.sqrt(38) : 2, r.aggDV(), TOL, "agg_dV, every step = " + everyStep);
            assertEquals(everyStep ? Math.sqrt(13) : 2, r.aggDW(), TOL, "agg_dW, every step = " + everyStep);
            assertEquals(4, r.maxNormZ(), TOL, "‖V_3‖ + ‖W_3‖ = 2 + 2");
            assertEquals(5, r.normA(), TOL);
            assertEquals(10, r.normB(), TOL);
            // θ(0) = thA: ‖ΔV_k‖ = 1, 4, 7 and ‖ΔW_k‖ = 0, 3, 1 → max(1, 7, 8)
            assertEquals(8, r.distInit(), TOL);
        }
    }

    /** G counts frozen blocks as zero (they do not move) and the residual blocks with the factor L. */
    @Test
    void frozenBlocksLeaveG() {
        double[] grad = new double[ARCH.size()];
        java.util.Arrays.fill(grad, 1.0);
        for (boolean ta : new boolean[]{true, false})
            for (boolean tb : new boolean[]{true, false}) {
                Architecture a = new Architecture(1, 2, 3, 1, 3, Activations.TANH, Convention.PAPER, ta, tb);
                MetricsRecorder rec = new MetricsRecorder(a, grad, true, null);
                rec.sample(0, 0, 0, grad, 4.0, grad);
                assertEquals((ta ? 2 : 0) + 3 * 36 + (tb ? 2 : 0), rec.last().G(), 1e-12, "trainA=" + ta + " trainB=" + tb);
            }
    }

    /** Streaming mode: the header, then one line per sample with the columns in the header's order; no rows kept. */
    @Test
    void csvLinesFollowTheHeader() {
        StringWriter out = new StringWriter();
        double[] thB = theta(new double[]{0, 0, 2}, new double[]{0, 0, 0});
        double[] grad = new double[ARCH.size()];
        java.util.Arrays.fill(grad, 1.0);
        MetricsRecorder rec = new MetricsRecorder(ARCH, thB, false, out);
        rec.sample(0, 0.25, 7, thB, 2.0, grad);
        rec.sample(1, 0.5, 9, thB, 4.0, grad);
        assertTrue(rec.rows().isEmpty(), "rows are streamed, not kept");
        assertEquals(2, rec.count());
        String[] lines = out.toString().split("\n");
        assertEquals(3, lines.length);
        assertEquals(MetricsRecorder.HEADER, lines[0]);
        String[] cols = MetricsRecorder.HEADER.split(",");
        String[] v = lines[2].split(",");
        assertEquals(cols.length, v.length);
        java.util.Map<String, Double> row = new java.util.HashMap<>();
        for (int i = 0; i < cols.length; i++) row.put(cols[i], Double.parseDouble(v[i]));
        assertEquals(0.5, row.get("t"), 0.0);
        assertEquals(9, row.get("step"), 0.0);
        assertEquals(4.0, row.get("loss"), 0.0);
        assertEquals(112 / 4.0, row.get("pl_ratio"), 1e-12);
        assertEquals(2, row.get("max_dV"), TOL);
        assertEquals(0, row.get("max_dW"), TOL);
        assertEquals(6, row.get("L_max_dZ"), TOL);
        assertEquals(6, row.get("L_max_dV"), TOL);
        assertEquals(2, row.get("max_norm_Z"), TOL);
        assertEquals(5, row.get("norm_A"), TOL);
        assertEquals(10, row.get("norm_B"), TOL);
        assertEquals(0, row.get("dist_init"), 0.0);
        assertEquals(Math.sqrt(8), row.get("agg_dV"), TOL, "two samples, no step ends: ΔV² = 4 each");
        assertEquals(2, row.get("run_max_dV"), TOL, "running maxima see the samples too");
        assertEquals(2, row.get("run_max_dZ"), TOL);
        assertEquals(0, row.get("run_max_dW"), TOL);
    }

    /** A recorder resumed from {@link MetricsRecorder#state()} continues exactly as the uninterrupted one. */
    @Test
    void resumedRecorderContinuesTheRunningState() {
        double[] thA = theta(A_COEF, B_COEF), thB = theta(new double[]{0, 0, 2}, new double[]{0, 0, 0});
        double[] grad = new double[ARCH.size()];
        MetricsRecorder whole = new MetricsRecorder(ARCH, thA, true, null);
        whole.step(0, 0, thA);
        whole.sample(0, 0, 0, thA, 1.0, grad);
        double[] st = whole.state();
        assertEquals(6, st.length);
        assertEquals(1, st[5], 0.0, "row count");
        MetricsRecorder resumed = MetricsRecorder.resumed(ARCH, thA, true, new StringWriter(), st);
        for (MetricsRecorder r : new MetricsRecorder[]{whole, resumed}) {
            r.step(1, 0.1, thB);
            r.sample(1, 0.1, 1, thB, 1.0, grad);
        }
        assertEquals(whole.last(), resumed.last());
        assertEquals(2, resumed.count());
        assertEquals(5, resumed.last().runMaxDV(), TOL, "restored running max");
        assertEquals(Math.sqrt(34 + 4), resumed.last().aggDV(), TOL, "restored aggregate plus the new step");
        assertTrue(MetricsRecorder.brief(resumed.last()).contains("L·max‖ΔZ‖=6.000"), MetricsRecorder.brief(resumed.last()));
    }
}
