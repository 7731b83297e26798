package depthlimit.claims;

import depthlimit.flow.WeightMetrics;
import depthlimit.limit.DepthMap;
import depthlimit.model.Architecture;

import java.util.List;

/**
 * The regularity metric of Proposition 3 recomputed from its definition, sup over all L − 1 successive differences
 * k = 1..L−1 of ‖V_{k+1} − V_k‖_F + ‖W_{k+1} − W_k‖_F (and Σ_k ‖ΔV_k‖², Σ_k ‖ΔW_k‖²), from the trained parameters
 * θ(T) of each run through {@link DepthMap#layerDistance} — a code path that shares nothing with the recorder's
 * {@link WeightMetrics} — and compared with what the run recorded at t = T. A rate fit cannot see a metric that skips
 * one difference (neighbouring differences of a smooth function agree to O(1/L²), so the slope and the limit of L·X
 * are unchanged); this identity can.
 */
public final class MetricRecount {
    private MetricRecount() {}

    /**
     * Relative agreement required, per summed entry: both sides add the same N = (L − 1)(|V_k| + |W_k|) squares of
     * the same differences in possibly different orders, and a sum of N positive terms is exact to (N − 1)·ε
     * relative; the square root of the sum halves it, the squares of rounded norms add 2ε. 4·N·ε bounds all of it.
     */
    static final double ROUNDING_FACTOR = 4;

    /** For the claims' text. */
    public static final String PREDICTED = "; the recorded metric at t = T equals its definition recomputed from θ(T) over all L − 1 "
            + "differences (maxima and Σ_k‖ΔV_k‖², Σ_k‖ΔW_k‖², to " + Tolerance.number(ROUNDING_FACTOR) + "·N·ε relative, N the number of "
            + "squares summed)";

    /** The worst relative discrepancy over the runs and the table of recorded against recomputed values. */
    public record Result(boolean agrees, double worst, Evidence.Table table) {
        public void into(Evidence e) {
            e.table("metric_recount_at_T", table).put("metric_recount_agrees", agrees);
        }
    }

    public static Result check(List<Experiment.Run> runs) {
        Evidence.Table tab = new Evidence.Table("L", "recorded max ‖ΔZ‖ (t = T)", "recomputed", "recorded Σ‖ΔV‖² + Σ‖ΔW‖²",
                "recomputed", "worst relative difference", "tolerance 4·N·ε");
        boolean ok = true;
        double worst = 0;
        for (Experiment.Run r : runs) {
            Architecture a = r.arch();
            double[] theta = r.result().finalTheta();
            double[] re = recount(a, theta);
            WeightMetrics w = WeightMetrics.of(a, theta, r.theta0());
            var row = r.last();
            double[] recorded = {row.maxDV(), row.maxDW(), row.maxDZ(), w.sumSqDV(), w.sumSqDW()};
            double rel = 0;
            for (int i = 0; i < re.length; i++) rel = Math.max(rel, relative(recorded[i], re[i]));
            double tol = ROUNDING_FACTOR * (a.L() - 1.0) * (a.layerV() + a.layerW()) * Math.ulp(1.0);
            ok &= rel <= tol;
            worst = Math.max(worst, rel);
            tab.row(a.L(), row.maxDZ(), re[2], w.sumSqDV() + w.sumSqDW(), re[3] + re[4], rel, tol);
        }
        return new Result(ok, worst, tab);
    }

    /** {max ‖ΔV‖, max ‖ΔW‖, max (‖ΔV‖ + ‖ΔW‖), Σ‖ΔV‖², Σ‖ΔW‖²} over k = 1..L−1. */
    static double[] recount(Architecture a, double[] theta) {
        double mv = 0, mw = 0, mz = 0, sv = 0, sw = 0;
        for (int k = 1; k < a.L(); k++) {
            double[] d = DepthMap.layerDistance(a, theta, k, a, theta, k + 1);
            mv = Math.max(mv, d[0]);
            mw = Math.max(mw, d[1]);
            mz = Math.max(mz, d[0] + d[1]);
            sv += d[0] * d[0];
            sw += d[1] * d[1];
        }
        return new double[]{mv, mw, mz, sv, sw};
    }

    private static double relative(double x, double y) {
        double s = Math.max(Math.abs(x), Math.abs(y));
        return s == 0 ? 0 : Math.abs(x - y) / s;
    }
}
