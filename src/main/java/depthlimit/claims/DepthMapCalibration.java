package depthlimit.claims;

import depthlimit.limit.DepthMap;
import depthlimit.model.Architecture;
import depthlimit.model.Vectors;
import depthlimit.random.Rng;

import java.util.List;

/**
 * The depth-map distance of Theorem 4 (ii) calibrated where eq. (8) gives it in closed form. Sample the linear weight
 * function 𝒵(s) = s·M at the nodes of eq. (8), Z^L_k = ((k − 1)/(L − 1))·M; then 𝒵^L(s) = (⌊as⌋/a)·M with
 * a = L − 1, and for depths L and 2L (b = 2L − 1, coprime to a) 𝒵^L(s) − 𝒵^{2L}(s) = g(s)·M with
 * g(s) = {bs}/b − {as}/a, piecewise constant on the merged partition. At s = j/b, g = −{aj/b}/a, and since a is
 * invertible mod b some j gives {aj/b} = (b − 1)/b; on a cell starting at i/a, g = {bi/a}/b ≤ (a − 1)/(ab). So
 * sup_s ‖𝒵^L − 𝒵^{2L}‖_F = (b − 1)/(ab)·‖M‖_F = 2‖M‖_F/(2L − 1), for V and W separately and for Z = (V, W) with
 * ‖M_V‖_F + ‖M_W‖_F. A depth map with another index (a shifted layer, an off-by-one) moves this constant by O(1/L),
 * which no rate fit sees.
 */
public final class DepthMapCalibration {
    private DepthMapCalibration() {}

    /**
     * Relative agreement required, as a multiple of (4L + |V_k| + |W_k|)·ε: each entry c·M_ij carries 2ε relative
     * error, the difference of two of them (of size g|M_ij| ≥ |M_ij|/L) therefore 4εL relative, and the Frobenius norm
     * adds at most (|V_k| + |W_k|)·ε; a factor 4 of margin.
     */
    static final double ROUNDING_FACTOR = 4;

    public static final String PREDICTED = "; the distance of eq. (8) is exact: for the linear weight function s·M sampled at the nodes "
            + "(k − 1)/(L − 1) it equals 2‖M‖/(2L − 1) at every depth pair of the sweep (to " + Tolerance.number(ROUNDING_FACTOR)
            + "·(4L + |V_k| + |W_k|)·ε relative)";

    public record Result(boolean exact, double worst, Evidence.Table table) {
        public void into(Evidence e) {
            e.table("depth_map_calibration", table).put("depth_map_calibration_exact", exact);
        }
    }

    /** Each consecutive pair (L, 2L) of the runs' architectures (any widths; the depths must double). */
    public static Result check(List<Experiment.Run> runs) {
        Evidence.Table tab = new Evidence.Table("L", "2L", "sup_s ‖𝒵^L − 𝒵^{2L}‖ of s·M", "2‖M‖/(2L − 1)", "relative difference",
                "tolerance");
        boolean ok = true;
        double worst = 0;
        for (int j = 0; j + 1 < runs.size(); j++) {
            Architecture a = runs.get(j).arch(), b = runs.get(j + 1).arch();
            if (b.L() != 2 * a.L()) throw new IllegalArgumentException("depths " + a.L() + ", " + b.L() + " do not double");
            double[] mv = matrix("V", a.layerV()), mw = matrix("W", a.layerW());
            DepthMap.Distance d = DepthMap.distance(a, linear(a, mv, mw), b, linear(b, mv, mw));
            double g = 2.0 / (2 * a.L() - 1), nv = Vectors.norm(mv), nw = Vectors.norm(mw);
            double rel = Math.max(Math.max(relative(d.supV(), g * nv), relative(d.supW(), g * nw)), relative(d.supZ(), g * (nv + nw)));
            double tol = ROUNDING_FACTOR * (4.0 * b.L() + a.layerV() + a.layerW()) * Math.ulp(1.0);
            ok &= rel <= tol;
            worst = Math.max(worst, rel);
            tab.row(a.L(), b.L(), d.supZ(), g * (nv + nw), rel, tol);
        }
        return new Result(ok, worst, tab);
    }

    /** θ with V_k = ((k − 1)/(L − 1))·M_V, W_k = ((k − 1)/(L − 1))·M_W and A = B = 0. */
    static double[] linear(Architecture a, double[] mv, double[] mw) {
        double[] theta = new double[a.size()];
        int L = a.L();
        for (int k = 1; k <= L; k++) {
            double c = (k - 1.0) / (L - 1);
            for (int i = 0; i < mv.length; i++) theta[a.offV() + (k - 1) * mv.length + i] = c * mv[i];
            for (int i = 0; i < mw.length; i++) theta[a.offW() + (k - 1) * mw.length + i] = c * mw[i];
        }
        return theta;
    }

    private static double[] matrix(String tag, int size) {
        double[] m = new double[size];
        Rng.stream(0, "claims.depth-map-calibration." + tag).fillGaussian(m, 0, size, 1.0);
        return m;
    }

    private static double relative(double x, double y) {
        return Math.abs(x - y) / Math.abs(y);
    }
}
