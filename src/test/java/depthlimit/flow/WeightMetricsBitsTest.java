package depthlimit.flow;

import depthlimit.init.Iid;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link WeightMetrics} advances the V and W sums of a layer in one loop (for speed: a step's metrics were 8 % of a
 * gradient's time at L = 256): every field must keep the bits of the plain one-chain-at-a-time form written out here,
 * and {@link WeightMetrics#successive} must give the same five fields as {@link WeightMetrics#of}.
 */
class WeightMetricsBitsTest {
    @Test
    void sameBitsAsOneChainAtATime() {
        Random rnd = new Random(7);
        for (int[] shape : new int[][]{{1, 3, 5}, {2, 4, 3}, {7, 16, 64}, {33, 5, 2}}) {
            int L = shape[0], q = shape[1], m = shape[2];
            Architecture a = new Architecture(q, q, m, 2, L, Activations.TANH, Convention.PAPER, true, true);
            double[] th0 = new Iid(3, 1, 1).create(a).theta, th = th0.clone();
            for (int i = 0; i < th.length; i++) th[i] += 0.3 * rnd.nextGaussian();
            double[] want = reference(a, th, th0);
            WeightMetrics w = WeightMetrics.of(a, th, th0);
            double[] got = {w.maxDV(), w.maxDW(), w.maxDZ(), w.sumSqDV(), w.sumSqDW(), w.maxNormZ(), w.normA(), w.normB(), w.distInit()};
            for (int f = 0; f < want.length; f++)
                assertEquals(Double.doubleToRawLongBits(want[f]), Double.doubleToRawLongBits(got[f]), "field " + f + " at L, q, m = " + L + ", " + q + ", " + m);
            double[] s = new double[5];
            WeightMetrics.successive(a, th, s);
            for (int f = 0; f < 5; f++) assertEquals(Double.doubleToRawLongBits(want[f]), Double.doubleToRawLongBits(s[f]), "successive field " + f);
        }
    }

    /** The former implementation: each sum of squares its own loop, V before W. */
    private static double[] reference(Architecture a, double[] theta, double[] theta0) {
        int L = a.L(), lv = a.layerV(), lw = a.layerW();
        double maxDV = 0, maxDW = 0, maxDZ = 0, ssV = 0, ssW = 0, maxZ = 0, dist = 0;
        for (int k = 1; k <= L; k++) {
            int v = a.offV() + (k - 1) * lv, w = a.offW() + (k - 1) * lw;
            double nv = 0, nw = 0, dv0 = 0, dw0 = 0;
            for (int i = 0; i < lv; i++) { nv += theta[v + i] * theta[v + i]; double e = theta[v + i] - theta0[v + i]; dv0 += e * e; }
            for (int i = 0; i < lw; i++) { nw += theta[w + i] * theta[w + i]; double e = theta[w + i] - theta0[w + i]; dw0 += e * e; }
            maxZ = Math.max(maxZ, Math.sqrt(nv) + Math.sqrt(nw));
            dist = Math.max(dist, Math.sqrt(dv0) + Math.sqrt(dw0));
            if (k < L) {
                double dv = 0, dw = 0;
                for (int i = 0; i < lv; i++) { double e = theta[v + lv + i] - theta[v + i]; dv += e * e; }
                for (int i = 0; i < lw; i++) { double e = theta[w + lw + i] - theta[w + i]; dw += e * e; }
                ssV += dv;
                ssW += dw;
                maxDV = Math.max(maxDV, Math.sqrt(dv));
                maxDW = Math.max(maxDW, Math.sqrt(dw));
                maxDZ = Math.max(maxDZ, Math.sqrt(dv) + Math.sqrt(dw));
            }
        }
        double na = 0, nb = 0;
        for (int i = a.offA(); i < a.offA() + a.sizeA(); i++) na += theta[i] * theta[i];
        for (int i = a.offB(); i < a.offB() + a.sizeB(); i++) nb += theta[i] * theta[i];
        return new double[]{maxDV, maxDW, maxDZ, ssV, ssW, maxZ, Math.sqrt(na), Math.sqrt(nb), dist};
    }
}
