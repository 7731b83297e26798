package depthlimit.flow;

import depthlimit.model.Architecture;

/**
 * Depth-regularity statistics of one parameter vector (Proposition 3, Figure 1), in O(L·q·m): the successive
 * differences ‖V_{k+1} − V_k‖_F, ‖W_{k+1} − W_k‖_F, k = 1..L−1, their maxima and sums of squares, the paper's
 * ‖Z_k‖ = ‖V_k‖_F + ‖W_k‖_F, ‖A‖_F, ‖B‖_F and the distance sup_k ‖Z_k − Z_k(0)‖ to a reference.
 */
public record WeightMetrics(double maxDV, double maxDW, double maxDZ, double sumSqDV, double sumSqDW,
                            double maxNormZ, double normA, double normB, double distInit) {

    public static WeightMetrics of(Architecture a, double[] theta, double[] theta0) {
        int L = a.L(), lv = a.layerV(), lw = a.layerW();
        int offV = a.offV(), offW = a.offW();
        double maxDV = 0, maxDW = 0, maxDZ = 0, ssV = 0, ssW = 0, maxZ = 0, dist = 0;
        for (int k = 1; k <= L; k++) {
            int v = offV + (k - 1) * lv, w = offW + (k - 1) * lw;
            double nv = 0, nw = 0, dv0 = 0, dw0 = 0;
            for (int i = 0; i < lv; i++) {
                nv += theta[v + i] * theta[v + i];
                double e = theta[v + i] - theta0[v + i];
                dv0 += e * e;
            }
            for (int i = 0; i < lw; i++) {
                nw += theta[w + i] * theta[w + i];
                double e = theta[w + i] - theta0[w + i];
                dw0 += e * e;
            }
            maxZ = Math.max(maxZ, Math.sqrt(nv) + Math.sqrt(nw));
            dist = Math.max(dist, Math.sqrt(dv0) + Math.sqrt(dw0));
            if (k < L) {
                double dv = 0, dw = 0;
                for (int i = 0; i < lv; i++) { double e = theta[v + lv + i] - theta[v + i]; dv += e * e; }
                for (int i = 0; i < lw; i++) { double e = theta[w + lw + i] - theta[w + i]; dw += e * e; }
                ssV += dv;
                ssW += dw;
                double fv = Math.sqrt(dv), fw = Math.sqrt(dw);
                maxDV = Math.max(maxDV, fv);
                maxDW = Math.max(maxDW, fw);
                maxDZ = Math.max(maxDZ, fv + fw);
            }
        }
        return new WeightMetrics(maxDV, maxDW, maxDZ, ssV, ssW, maxZ, depthlimit.model.Vectors.norm(theta, a.offA(), a.sizeA()),
                depthlimit.model.Vectors.norm(theta, a.offB(), a.sizeB()), dist);
    }
}
