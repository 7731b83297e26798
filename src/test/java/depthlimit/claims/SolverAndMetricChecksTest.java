package depthlimit.claims;

import depthlimit.flow.TrainSpec;
import depthlimit.flow.WeightMetrics;
import depthlimit.init.GaussianProcess;
import depthlimit.init.WeightTied;
import depthlimit.model.Architecture;
import depthlimit.model.Activations;
import depthlimit.model.Convention;
import depthlimit.data.GaussianData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failing settings of the exactness checks that claims 5, 8, 9 and 14 run besides their rates: a metric that drops
 * the last successive difference ({@link MetricRecount}), a depth map with another index ({@link DepthMapCalibration}),
 * an adaptive solver that ignores its tolerances ({@link FlowAccuracy}); each also passes in the published setting.
 */
class SolverAndMetricChecksTest {
    static Experiment.Setup setup() {
        return depthlimit.claims.regularity.RegularityCommon.prop3Setup(Scale.CI, 1);
    }

    /** A run whose recorded metrics are replaced by those of θ with Z_L := Z_{L−1}: the metric without the last difference. */
    static Experiment.Run droppingLast(Experiment.Run r) {
        Architecture a = r.arch();
        double[] th = r.result().finalTheta().clone();
        int L = a.L();
        System.arraycopy(th, a.offV() + (L - 2) * a.layerV(), th, a.offV() + (L - 1) * a.layerV(), a.layerV());
        System.arraycopy(th, a.offW() + (L - 2) * a.layerW(), th, a.offW() + (L - 1) * a.layerW(), a.layerW());
        WeightMetrics w = WeightMetrics.of(a, th, r.theta0());
        var row = r.last();
        var faulty = new depthlimit.flow.MetricsRecorder.Row(row.t(), row.step(), row.loss(), row.G(), row.plRatio(), w.maxDV(),
                w.maxDW(), w.maxDZ(), L * w.maxDZ(), row.runMaxDZ(), row.aggDV(), row.aggDW(), row.maxNormZ(), row.normA(),
                row.normB(), row.distInit(), L * w.maxDV(), L * w.maxDW(), row.runMaxDV(), row.runMaxDW());
        return new Experiment.Run(a, r.data(), r.theta0(), r.result(), List.of(faulty), r.snapshots());
    }

    /**
     * The metric of Proposition 3 agrees with its definition on trained weights; a recorded metric without the last
     * difference does not, whenever that difference carries a positive share of Σ‖ΔZ_k‖² or of the max (here the
     * trained weights have distinct last layers, so the sum of squares always moves by a relative O(1/L)).
     */
    @Test
    void recountAgreesAndCatchesADroppedLastDifference() {
        Experiment.Run r = Experiment.train(setup(), 8, depthlimit.claims.regularity.RegularityCommon.prop3Training(Scale.CI), false);
        MetricRecount.Result good = MetricRecount.check(List.of(r));
        assertTrue(good.agrees(), "worst " + good.worst());
        // a max computed without the last difference on a profile whose largest difference is the last one
        Architecture a = r.arch();
        double[] th = new double[a.size()];
        for (int k = 1; k <= a.L(); k++) th[a.offW() + (k - 1) * a.layerW()] = (double) (k * k) / (a.L() * a.L());
        double[] re = MetricRecount.recount(a, th);
        assertEquals((2.0 * a.L() - 1) / (a.L() * a.L()), re[2], 1e-15, "largest slope of s² at s = 1: the last difference");
        // the faulty recorder: the check fails
        assertFalse(MetricRecount.check(List.of(droppingLast(r))).agrees());
    }

    /** The closed form 2‖M‖/(2L − 1) holds for the published map; an index shifted as ⌊Ls⌋ + 1 changes it. */
    @Test
    void depthMapCalibrationIsExactAndTheClosedFormIsSharp() {
        Experiment.Setup s = new Experiment.Setup(Convention.PAPER, Activations.TANH, 3, 2, 2, 2, true,
                new GaussianData(4, 1, 1.0), new WeightTied(2));
        List<Experiment.Run> runs = new java.util.ArrayList<>();
        for (int L : new int[]{2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048})
            runs.add(new Experiment.Run(s.at(L), null, null, null, List.of(), List.of()));
        DepthMapCalibration.Result r = DepthMapCalibration.check(runs);
        assertTrue(r.exact(), "worst " + r.worst());
        // an independent brute force of sup_s |⌊as⌋/a − ⌊bs⌋/b| on the grid of cells of width 1/(2ab) (every cell of
        // the merged partition, of width ≥ 1/(ab), contains one of its midpoints) against 2/(2L − 1), and the same for
        // the shifted index ⌊Ls⌋ + 1, which must differ
        for (int L : new int[]{3, 8, 16, 64}) {
            long a = L - 1, b = 2L * L - 1;
            double paper = 0, shifted = 0;
            for (long j = 0; j < 2 * a * b; j++) {
                double sm = (j + 0.5) / (2.0 * a * b);
                paper = Math.max(paper, Math.abs(Math.floor(a * sm) / a - Math.floor(b * sm) / b));
                double ka = Math.min(L, Math.floor(L * sm) + 1) - 1, kb = Math.min(2 * L, Math.floor(2 * L * sm) + 1) - 1;
                shifted = Math.max(shifted, Math.abs(ka / a - kb / b));
            }
            assertEquals(2.0 / (2 * L - 1), paper, 1e-14, "L = " + L);
            assertTrue(Math.abs(shifted - paper) > 0.1 * paper, "L = " + L + ": the shifted map gives " + shifted);
        }
    }

    /** dp853 delivers its tolerances on the claim-14 setting; the same solver pinned at 10⁻⁴ (tolerances ignored) does not. */
    @Test
    void flowAccuracyCatchesASolverThatIgnoresItsTolerances() {
        Experiment.Setup s = setup().withInit(new GaussianProcess(2, 0.3, 1.0, 1.0));
        Experiment.Run run = Experiment.train(s, 16, TrainSpec.gd(0.05, 1, Double.NaN), false);
        FlowAccuracy.Result good = FlowAccuracy.check(run.arch(), run.data(), run.theta0(), 1.0, r -> FlowAccuracy.dp853(1.0, r));
        assertTrue(good.ok() && good.referenceOk(), good.toString());
        FlowAccuracy.Result bad = FlowAccuracy.check(run.arch(), run.data(), run.theta0(), 1.0, r -> FlowAccuracy.dp853(1.0, 1e-4));
        assertTrue(bad.referenceOk() && !bad.ok(), bad.toString());
    }
}
