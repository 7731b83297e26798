package depthlimit.golden;

import depthlimit.data.Dataset;
import depthlimit.flow.MetricsRecorder;
import depthlimit.flow.TrainSpec;
import depthlimit.flow.Trainer;
import depthlimit.flow.TrainingResult;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient-descent trajectories and both regularity metrics (max_k ‖ΔV‖_F, ‖ΔW‖_F, ‖ΔZ‖ and the authors' Figure-1
 * aggregate (Σ_s Σ_k ‖ΔV‖²)^{1/2}) at depths L = 2, 4, 8, 16, from golden/trajectories.json: NumPy runs gradient
 * descent with step η on trained A, B and η·L on each Z_k (Appendix E) from θ(0) given in the file. Cases: paper
 * convention (tanh, A and B trained, smooth init), authors' convention (GELU, A and B frozen, smooth init), paper
 * convention from the weight-tied init (sin), paper convention with the clipped step of eq. (5) (x·e^{−x²/2}, only A
 * trained, π = clipping at 0.3, which binds on 0.4–2.5 % of the coordinates at step 0), paper convention with ReLU
 * (A and B trained, smooth init; the script asserts that every pre-activation of every iterate stays ≥ 1e-9 from the
 * kink, measured ≥ 1.7e-7, so σ′ = 1{u > 0} cannot differ between two computations that agree to 1e-13), 12 steps each.
 *
 * <p>Where NumPy's value is exactly 0 (successive differences at steps 0 and 1 of the weight-tied init, where every
 * layer receives the same update), the engine must give exactly 0 too: that is an identity, not a rounding matter.
 * Elsewhere the tolerance is 1e-10 relative to the column's largest value: per step each quantity carries ~1e-13 of
 * summation-order round-off (see {@link GoldenGradientsTest}), the GD map with ηL·Lip ≲ 1 propagates it over 12 steps
 * without growth beyond ×12, and the successive differences ΔZ ≈ Z′/L lose up to log10(‖Z‖/‖ΔZ‖) ≈ 2 digits to
 * cancellation at L = 16: ≈ 1e-13 × 12 × 100 ≈ 1e-10. A wrong learning-rate factor (η instead of ηL), a frozen
 * block that moves, or a metric that drops a layer moves these by ≥ 1e-3.
 */
class GoldenTrajectoriesTest {
    static final double TOL = 1e-10;

    @Test
    void gradientDescentAndMetricsMatchNumpyAtSeveralDepths() {
        Map<String, Object> g = Golden.json("trajectories.json");
        Dataset data = Golden.data(g, "gd_X.npy", "gd_Y.npy");
        @SuppressWarnings("unchecked") List<Object> columns = (List<Object>) g.get("columns");
        int nc = columns.size();
        Set<Integer> depths = new TreeSet<>();
        double worst = 0;
        int exactZeros = 0;
        for (Map<String, Object> c : Golden.cases(g)) {
            int L = Golden.integer(c, "L"), steps = Golden.integer(c, "steps");
            depths.add(L);
            boolean ta = (Boolean) c.get("trainA"), tb = (Boolean) c.get("trainB");
            Architecture a = Golden.architecture(g, c, L, ta, tb);
            String where = c.get("convention") + "/" + c.get("activation") + "/" + c.get("init") + " L=" + L
                    + " trainA=" + ta + " trainB=" + tb;
            double[] theta0 = Golden.array(c.get("theta0"));
            double[] rows = Golden.array(c.get("rows"));
            assertEquals((steps + 1) * nc, rows.length);
            MetricsRecorder rec = new MetricsRecorder(a, theta0, true, null);
            double clip = c.get("clip") == null ? Double.NaN : Golden.number(c, "clip");
            if (!Double.isNaN(clip)) where += " clip=" + clip;
            TrainSpec spec = TrainSpec.gd(Golden.number(c, "eta"), steps, clip, TrainSpec.everyStep(steps, 1));
            TrainingResult r = new Trainer(new Backprop(a, data), spec).observe(rec).run(theta0);
            assertTrue(r.completed(), where + ": " + r.reason());
            List<MetricsRecorder.Row> got = rec.rows();
            assertEquals(steps + 1, got.size());
            for (int col = 0; col < nc; col++) {
                double scale = 0;
                for (int s = 0; s <= steps; s++) scale = Math.max(scale, Math.abs(rows[s * nc + col]));
                for (int s = 0; s <= steps; s++) {
                    double ref = rows[s * nc + col], v = value(got.get(s), (String) columns.get(col));
                    if (ref == 0) {
                        assertEquals(0.0, v, 0.0, where + " step " + s + ": " + columns.get(col) + " must be exactly 0");
                        exactZeros++;
                    } else {
                        double e = Math.abs(v - ref) / scale;
                        worst = Math.max(worst, e);
                        assertTrue(e <= TOL, where + " step " + s + ": " + columns.get(col) + " " + v + " vs " + ref + " (rel " + e + ")");
                    }
                }
            }
            double ef = Golden.relative(r.finalTheta(), Golden.array(c.get("theta_final")));
            worst = Math.max(worst, ef);
            assertTrue(ef <= TOL, where + ": final θ rel " + ef);
        }
        assertEquals(Set.of(2, 4, 8, 16), depths);
        // weight-tied: ΔV, ΔW, ΔZ and their aggregates vanish at steps 0 and 1 at each of the 4 depths (5 columns × 2 × 4)
        assertTrue(exactZeros >= 40, "expected the weight-tied exact zeros, got " + exactZeros);
        System.out.printf("golden GD trajectories: worst relative difference %.2e, %d exact zeros reproduced%n", worst, exactZeros);
    }

    /**
     * Theorem 4 (ii)'s distances between the depth maps 𝒵^L(s) = Z^L_{⌊(L−1)s⌋+1} of eq. (8) at depths L and 2L (the
     * final weights above), sup over s and L²(ds), for V, W and ‖V‖_F + ‖W‖_F, against NumPy's exact evaluation over
     * the merged breakpoints (rational arithmetic for the breakpoints). Tolerance 1e-13 relative: one sum of ≤ 31
     * interval contributions of Frobenius norms of length-15 differences. A wrong layer index (⌊Ls⌋+1 instead of
     * ⌊(L−1)s⌋+1) pairs different layers: planted, it moved sup_s‖ΔV‖ at (2, 4) by 3e-3, ten orders above the tolerance.
     */
    @Test
    void depthMapDistancesMatchNumpy() {
        Map<String, Object> g = Golden.json("trajectories.json");
        @SuppressWarnings("unchecked") List<Map<String, Object>> ds = (List<Map<String, Object>>) g.get("depth_map_distances");
        double worst = 0;
        for (Map<String, Object> c : ds) {
            Architecture a = new Architecture(Golden.integer(g, "d"), Golden.integer(g, "q"), Golden.integer(g, "m"),
                    Golden.integer(g, "dOut"), Golden.integer(c, "La"), depthlimit.model.Activations.TANH,
                    depthlimit.model.Convention.PAPER, true, true);
            Architecture b = a.withDepth(Golden.integer(c, "Lb"));
            depthlimit.limit.DepthMap.Distance dist = depthlimit.limit.DepthMap.distance(a, Golden.array(c.get("a")), b, Golden.array(c.get("b")));
            double[] got = {dist.supV(), dist.supW(), dist.supZ(), dist.l2V(), dist.l2W(), dist.l2Z()};
            String[] keys = {"supV", "supW", "supZ", "l2V", "l2W", "l2Z"};
            for (int i = 0; i < keys.length; i++) {
                double e = Golden.relative(got[i], Golden.number(c, keys[i]));
                worst = Math.max(worst, e);
                assertTrue(e <= 1e-13, c.get("a") + " vs " + c.get("b") + ": " + keys[i] + " " + got[i] + " vs " + c.get(keys[i]));
            }
        }
        assertEquals(15, ds.size(), "pairs (2,4), (4,8), (8,16) of the five setups");
        System.out.printf("golden depth-map distances: %d pairs, worst relative difference %.2e%n", ds.size(), worst);
    }

    static double value(MetricsRecorder.Row r, String column) {
        return switch (column) {
            case "loss" -> r.loss();
            case "G" -> r.G();
            case "max_dV" -> r.maxDV();
            case "max_dW" -> r.maxDW();
            case "max_dZ" -> r.maxDZ();
            case "agg_dV" -> r.aggDV();
            case "agg_dW" -> r.aggDW();
            default -> throw new IllegalStateException("unknown column " + column);
        };
    }
}
