package depthlimit.flow;

import depthlimit.model.Architecture;

/**
 * Depth-regularity statistics of one parameter vector (Proposition 3, Figure 1), in O(L·q·m): the successive
 * differences ‖V_{k+1} − V_k‖_F, ‖W_{k+1} − W_k‖_F, k = 1..L−1, their maxima and sums of squares, the paper's
 * ‖Z_k‖ = ‖V_k‖_F + ‖W_k‖_F, ‖A‖_F, ‖B‖_F and the distance sup_k ‖Z_k − Z_k(0)‖ to a reference.
 */
public record WeightMetrics(double maxDV, double maxDW, double maxDZ, double sumSqDV, double sumSqDW,
                            double maxNormZ, double normA, double normB, double distInit) {

    /**
     * Every statistic of θ, with the distance measured from {@code theta0}. Each sum of squares is one chain of
     * multiply-adds in index order; the V and W chains of a layer advance in the same loop, which only lets the CPU
     * overlap their latencies (every sum keeps its order, so its bits).
     */
    public static WeightMetrics of(Architecture a, double[] theta, double[] theta0) {
        int L = a.L(), size = a.layerV();   // V_k (q × m) and W_k (m × q) have the same number of entries
        int offV = a.offV(), offW = a.offW();
        double maxZ = 0, dist = 0;
        for (int k = 1; k <= L; k++) {
            int v = offV + (k - 1) * size, w = offW + (k - 1) * size;
            double nv = 0, nw = 0, dv0 = 0, dw0 = 0;
            for (int i = 0; i < size; i++) {
                double x = theta[v + i], y = theta[w + i], e = x - theta0[v + i], f = y - theta0[w + i];
                nv += x * x;
                dv0 += e * e;
                nw += y * y;
                dw0 += f * f;
            }
            maxZ = Math.max(maxZ, Math.sqrt(nv) + Math.sqrt(nw));
            dist = Math.max(dist, Math.sqrt(dv0) + Math.sqrt(dw0));
        }
        double[] d = new double[5];
        successive(a, theta, d);
        return new WeightMetrics(d[0], d[1], d[2], d[3], d[4], maxZ, depthlimit.model.Vectors.norm(theta, a.offA(), a.sizeA()),
                depthlimit.model.Vectors.norm(theta, a.offB(), a.sizeB()), dist);
    }

    /**
     * The successive differences only, into {@code out}: maxDV, maxDW, maxDZ, sumSqDV, sumSqDW, the same bits as
     * {@link #of}. What every step of a fixed-step run needs for the running maxima (Figure 1's sup over k and t):
     * it reads θ once, not θ(0), and allocates nothing.
     */
    public static void successive(Architecture a, double[] theta, double[] out) {
        int L = a.L(), size = a.layerV();   // V_k and W_k: q·m entries each
        int offV = a.offV(), offW = a.offW();
        double maxDV = 0, maxDW = 0, maxDZ = 0, ssV = 0, ssW = 0;
        for (int k = 1; k < L; k++) {
            int v = offV + (k - 1) * size, w = offW + (k - 1) * size;
            double dv = 0, dw = 0;
            for (int i = 0; i < size; i++) {
                double e = theta[v + size + i] - theta[v + i], f = theta[w + size + i] - theta[w + i];
                dv += e * e;
                dw += f * f;
            }
            ssV += dv;
            ssW += dw;
            double fv = Math.sqrt(dv), fw = Math.sqrt(dw);
            maxDV = Math.max(maxDV, fv);
            maxDW = Math.max(maxDW, fw);
            maxDZ = Math.max(maxDZ, fv + fw);
        }
        out[0] = maxDV;
        out[1] = maxDW;
        out[2] = maxDZ;
        out[3] = ssV;
        out[4] = ssW;
    }
}
