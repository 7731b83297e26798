package depthlimit.limit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Cauchy form of "X(L) = O(1/L)": the sequence Y(L) = L·X(L) converges as L is refined, i.e. the ratios
 * Y(L_{i+1})/Y(L_i) tend to 1 ("bounded as L doubles" means this, not merely bounded). Converged when
 * the last ratio is within {@code tol} of 1 and the deviations from 1 do not grow at the fine end.
 */
public record CauchyRatios(List<Double> scaled, List<Double> ratios, boolean converged, double lastDeviation) {

    public static CauchyRatios of(double[] depth, double[] x, double tol) {
        List<Double> y = new ArrayList<>(), r = new ArrayList<>();
        for (int i = 0; i < depth.length; i++) y.add(depth[i] * x[i]);
        for (int i = 0; i + 1 < y.size(); i++) r.add(y.get(i + 1) / y.get(i));
        if (r.isEmpty()) return new CauchyRatios(y, r, false, Double.NaN);
        double last = Math.abs(r.get(r.size() - 1) - 1);
        boolean shrinking = r.size() < 2 || last <= Math.abs(r.get(r.size() - 2) - 1) + tol / 2;
        return new CauchyRatios(y, r, last <= tol && shrinking, last);
    }

    /**
     * Converged, or the last ratios approach 1 geometrically (|r_k − 1| ≤ ¾|r_{k−1} − 1|: an O(1/L) correction halves
     * per doubling): pre-asymptotic, not divergent, at the fine end whatever the coarse depths did. A wrong rate
     * L^{−a}, a < 1, keeps r ≈ 2^{1−a} and fails this.
     */
    public boolean approachingGeometrically() {
        if (converged) return true;
        int k = ratios.size();
        return k >= 2 && Math.abs(ratios.get(k - 1) - 1) <= 0.75 * Math.abs(ratios.get(k - 2) - 1);
    }

    /**
     * The ratios move monotonically towards 1 (|r_{i+1} − 1| < |r_i − 1|): not yet converged, but pre-asymptotic
     * rather than divergent.
     */
    public boolean shrinking() {
        for (int i = 0; i + 1 < ratios.size(); i++) if (!(Math.abs(ratios.get(i + 1) - 1) < Math.abs(ratios.get(i) - 1))) return false;
        return !ratios.isEmpty();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("L_times_X", scaled);
        m.put("successive_ratios", ratios);
        m.put("last_deviation_from_1", lastDeviation);
        m.put("converged", converged);
        return m;
    }
}
