package depthlimit.init;

import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;
import depthlimit.model.Parameters;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link GaussianProcess#paths}: the functions that {@link GaussianProcess#create} samples at s = k/L. */
class GaussianProcessPathsTest {
    @Test
    void pathsAtGridPointsAreTheCreatedLayersBitForBit() {
        GaussianProcess gp = new GaussianProcess(7, 0.25, 1.5, 0.5);
        int q = 5, m = 4;
        GaussianProcess.Paths f = gp.paths(q, m);
        double[] v = new double[q * m], w = new double[m * q];
        for (int L : new int[]{1, 7, 16}) {
            Architecture a = new Architecture(3, q, m, 2, L, Activations.TANH, Convention.PAPER, true, true);
            Parameters p = gp.create(a);
            for (int k = 1; k <= L; k++) {
                f.at((double) k / L, v, w);
                assertArrayEquals(Arrays.copyOfRange(p.theta, p.offV(k), p.offV(k) + q * m), v, 0.0);
                assertArrayEquals(Arrays.copyOfRange(p.theta, p.offW(k), p.offW(k) + m * q), w, 0.0);
            }
        }
    }

    /** Off the grid the path is smooth: a second difference over step δ is O(δ²), not O(δ^{1/2}) like noise. */
    @Test
    void pathsAreSmoothBetweenGridPoints() {
        GaussianProcess.Paths f = new GaussianProcess(3, 0.3, 1, 1).paths(2, 3);
        double[] v0 = new double[6], w0 = new double[6], v1 = new double[6], w1 = new double[6], v2 = new double[6], w2 = new double[6];
        double delta = 1e-3, worst = 0;
        for (double s = 0.1; s < 0.9; s += 0.0731) {
            f.at(s - delta, v0, w0);
            f.at(s, v1, w1);
            f.at(s + delta, v2, w2);
            for (int e = 0; e < 6; e++) {
                worst = Math.max(worst, Math.abs(v0[e] - 2 * v1[e] + v2[e]));
                worst = Math.max(worst, Math.abs(w0[e] - 2 * w1[e] + w2[e]));
            }
        }
        // |f''| of an SE path with ℓ = 0.3 is a few /ℓ² ≈ 10²: the second difference is ≲ 10² δ² = 10⁻⁴
        assertTrue(worst < 1e-4, "second difference " + worst);
    }
}
