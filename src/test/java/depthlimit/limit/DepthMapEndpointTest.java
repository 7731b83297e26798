package depthlimit.limit;

import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The depth map of eq. (8), 𝒵^L(s) = Z_{⌊(L−1)s⌋+1}, reaches the last layer Z_L only at the single point s = 1, so the
 * last layer enters the sup-norm distance but not the L² one. Two networks equal in every layer but the last must be at
 * sup distance exactly ‖ΔV_L‖_F (and ‖ΔW_L‖_F) and at L² distance 0: a distance that forgot s = 1 would report 0.
 */
class DepthMapEndpointTest {
    @Test
    void theLastLayerCountsInTheSupNormOnlyThroughTheEndPoint() {
        for (int L : new int[]{2, 3, 5}) {
            Architecture a = new Architecture(2, 3, 4, 1, L, Activations.TANH, Convention.PAPER, true, true);
            double[] x = new double[a.size()], y = new double[a.size()];
            for (int i = 0; i < x.length; i++) x[i] = y[i] = Math.sin(1 + i); // identical everywhere ...
            int v = a.offV() + (L - 1) * a.layerV(), w = a.offW() + (L - 1) * a.layerW();
            x[v] = 0;
            y[v] = 3;    // ... but one entry of V_L (‖ΔV_L‖_F = 3 exactly)
            x[w] = 0;
            y[w] = 4;    // and one of W_L (‖ΔW_L‖_F = 4 exactly)
            DepthMap.Distance d = DepthMap.distance(a, x, a, y);
            assertEquals(3, d.supV(), 0, "L = " + L);
            assertEquals(4, d.supW(), 0, "L = " + L);
            assertEquals(7, d.supZ(), 0, "L = " + L);      // ‖Δ𝒱‖ + ‖Δ𝒲‖ at s = 1
            assertEquals(0, d.l2Z(), 0, "L = " + L);
            assertEquals(0, d.l2V(), 0, "L = " + L);
            assertEquals(0, d.l2W(), 0, "L = " + L);
        }
    }
}
