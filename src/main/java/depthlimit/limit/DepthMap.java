package depthlimit.limit;

import depthlimit.model.Architecture;

/**
 * The depth map of eq. (8), 𝒵^L(s) = Z^L_{⌊(L−1)s⌋+1} (s = 0 ↦ layer 1, s = 1 ↦ layer L): a piecewise-constant
 * function on [0,1]. Distances between the maps of two depths (Theorem 4 (ii)) are computed exactly over the merged
 * breakpoints, in the sup norm over s and in L²([0,1]), for V, W and the paper's ‖Z‖ = ‖V‖_F + ‖W‖_F.
 */
public final class DepthMap {
    private DepthMap() {}

    /** sup_s and L²(ds) distances of the V, W and Z = (V, W) depth maps. */
    public record Distance(double supV, double supW, double supZ, double l2V, double l2W, double l2Z) {}

    /** Layer (1-based) of 𝒵^L at s ∈ [0,1]. */
    public static int layer(int L, double s) {
        return Math.min(L, (int) Math.floor((L - 1) * s) + 1);
    }

    public static Distance distance(Architecture a, double[] thetaA, Architecture b, double[] thetaB) {
        if (a.q() != b.q() || a.m() != b.m()) throw new IllegalArgumentException("different widths");
        int La = a.L(), Lb = b.L();
        // breakpoints j/(La−1) and j/(Lb−1); on each open interval both maps are constant
        double[] bp = merged(La, Lb);
        double supV = 0, supW = 0, supZ = 0, l2V = 0, l2W = 0, l2Z = 0;
        for (int i = 0; i + 1 < bp.length; i++) {
            double lo = bp[i], hi = bp[i + 1], len = hi - lo;
            if (len <= 0) continue;
            double mid = 0.5 * (lo + hi);
            double[] dvw = layerDistance(a, thetaA, layer(La, mid), b, thetaB, layer(Lb, mid));
            double z = dvw[0] + dvw[1];
            supV = Math.max(supV, dvw[0]);
            supW = Math.max(supW, dvw[1]);
            supZ = Math.max(supZ, z);
            l2V += len * dvw[0] * dvw[0];
            l2W += len * dvw[1] * dvw[1];
            l2Z += len * z * z;
        }
        double[] end = layerDistance(a, thetaA, La, b, thetaB, Lb); // the point s = 1
        supV = Math.max(supV, end[0]);
        supW = Math.max(supW, end[1]);
        supZ = Math.max(supZ, end[0] + end[1]);
        return new Distance(supV, supW, supZ, Math.sqrt(l2V), Math.sqrt(l2W), Math.sqrt(l2Z));
    }

    private static double[] merged(int La, int Lb) {
        java.util.TreeSet<Double> s = new java.util.TreeSet<>();
        s.add(0.0);
        s.add(1.0);
        for (int j = 1; j < La - 1; j++) s.add((double) j / (La - 1));
        for (int j = 1; j < Lb - 1; j++) s.add((double) j / (Lb - 1));
        return s.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** {‖V^a_ka − V^b_kb‖_F, ‖W^a_ka − W^b_kb‖_F}. */
    public static double[] layerDistance(Architecture a, double[] ta, int ka, Architecture b, double[] tb, int kb) {
        int lv = a.layerV(), lw = a.layerW();
        int va = a.offV() + (ka - 1) * lv, vb = b.offV() + (kb - 1) * lv;
        int wa = a.offW() + (ka - 1) * lw, wb = b.offW() + (kb - 1) * lw;
        double sv = 0, sw = 0;
        for (int i = 0; i < lv; i++) { double e = ta[va + i] - tb[vb + i]; sv += e * e; }
        for (int i = 0; i < lw; i++) { double e = ta[wa + i] - tb[wb + i]; sw += e * e; }
        return new double[]{Math.sqrt(sv), Math.sqrt(sw)};
    }
}
