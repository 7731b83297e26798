package depthlimit.golden;

import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.data.SphereData;
import depthlimit.data.TeacherData;
import depthlimit.init.GaussianProcess;
import depthlimit.model.Activations;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The synthetic data generators against golden/data.json: NumPy from their definitions (x ~ N(0, I), y ~ N(0, s²I);
 * x uniform on the sphere of radius √q as √q·g/‖g‖; teacher labels y = s·F_teacher(x) + noise·ξ with F_teacher
 * eq. (3) at a Gaussian-process initialization), driven by the independent Python streams.
 */
class GoldenDataTest {
    static final double EPS = Math.ulp(1.0);

    private static List<Map<String, Object>> cases(String generator) {
        return Golden.cases(Golden.json("data.json")).stream().filter(c -> generator.equals(c.get("generator"))).toList();
    }

    private static void close(double[] got, double[] want, double relTol, String where) {
        assertEquals(want.length, got.length, where);
        for (int i = 0; i < want.length; i++)
            assertTrue(Math.abs(got[i] - want[i]) <= relTol * Math.abs(want[i]), where + " entry " + i + ": " + got[i] + " vs " + want[i]);
    }

    /**
     * Gaussian data: one draw (× labelScale) per entry, so 3ε relative as in {@link GoldenInitTest} (2 ulps from the
     * logarithm, one rounding of the product on each side). Sphere: g/‖g‖·√q — the d-term sum of squares, √ and the
     * scaling are correctly rounded operations but their order is the implementation's: each of the d + 3 roundings
     * contributes ≤ ε/2 relative on each side, plus the draws' 2ε: (d + 7)ε relative; and ‖x_i‖ = √q to the same.
     */
    @Test
    void gaussianAndSphereDataMatch() {
        for (Map<String, Object> c : cases("gaussian")) {
            Dataset ds = new GaussianData(Golden.integer(c, "n"), Golden.integer(c, "seed"), Golden.number(c, "labelScale"))
                    .create(Golden.integer(c, "d"), Golden.integer(c, "dOut"), Golden.integer(c, "q"));
            close(ds.x(), Golden.array(c.get("X")), 3 * EPS, "gaussian X");
            close(ds.y(), Golden.array(c.get("Y")), 3 * EPS, "gaussian Y");
        }
        for (Map<String, Object> c : cases("sphere")) {
            int d = Golden.integer(c, "d"), q = Golden.integer(c, "q"), n = Golden.integer(c, "n");
            Dataset ds = new SphereData(n, Golden.integer(c, "seed"), Golden.number(c, "labelScale")).create(d, Golden.integer(c, "dOut"), q);
            close(ds.x(), Golden.array(c.get("X")), (d + 7) * EPS, "sphere X");
            close(ds.y(), Golden.array(c.get("Y")), 3 * EPS, "sphere Y");
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += ds.x()[i * d + k] * ds.x()[i * d + k];
                assertEquals(Math.sqrt(q), Math.sqrt(s), (d + 7) * EPS * Math.sqrt(q), "‖x_" + i + "‖");
            }
        }
        assertEquals(2, cases("gaussian").size() + cases("sphere").size());
    }

    /**
     * Teacher data (paper/tanh, ℓ = 0.5, 9 KL terms; authors-code/sin, ℓ = 2, 5 terms; depth 6, width 3). X and the
     * noise draws are single draws (3ε). The labels depend on the teacher's GP weights, whose Karhunen–Loève basis
     * must match NumPy's mode by mode, signs included (φ_j(0) > 0 on both sides, see {@link GoldenInitTest}).
     * Tolerance: the GP weights agree to δθ = max_e Σ_j |z_ej|·tol_j (tol_j of
     * {@link GoldenInitTest}), the labels move by ≤ labelScale·‖∂F/∂θ‖_{∞→1}·δθ to first order (the file's
     * output_jacobian_l1, from torch autograd), plus the forward pass's own round-off, ≤ 1e-13 relative (as in
     * {@link GoldenGradientsTest}). A wrong seed mixing, a teacher without the student's convention or activation,
     * a noise stream taken from X's, or labels not scaled move the labels by ≥ 1e-3.
     */
    @Test
    void teacherLabelsMatch() {
        List<Map<String, Object>> cs = cases("teacher");
        for (Map<String, Object> c : cs) {
            int n = Golden.integer(c, "n"), d = Golden.integer(c, "d"), dOut = Golden.integer(c, "dOut"), q = Golden.integer(c, "q");
            int depth = Golden.integer(c, "depth"), width = Golden.integer(c, "width"), J = Golden.integer(c, "terms");
            long seed = Golden.integer(c, "seed");
            double ell = Golden.number(c, "lengthScale"), ls = Golden.number(c, "labelScale"), noise = Golden.number(c, "noise");
            String where = "teacher " + c.get("convention") + "/" + c.get("activation");
            TeacherData t = new TeacherData(n, seed, ls, depth, width, ell, noise,
                    Activations.builtIn((String) c.get("activation")).orElseThrow(), Golden.convention(c));
            Dataset ds = t.create(d, dOut, q);
            close(ds.x(), Golden.array(c.get("X")), 3 * EPS, where + " X");
            // the teacher's GP basis, mode by mode
            double[] sl = Golden.doubles(c.get("sqrtLambda"));
            GoldenInitTest.basisMatches(new GaussianProcess(seed ^ 0x7EAC4E5L, ell, 1, 1).basis(), depth, J, sl,
                    Golden.array(c.get("rows")), Golden.doubles(c.get("signMargin")), where);
            double[] want = Golden.array(c.get("Y"));
            int per = n * dOut;
            assertEquals(per, want.length);
            // δθ from the per-mode tolerances of GoldenInitTest and the draws of the widest entry
            double[] zV = Golden.array(c.get("zV")), zW = Golden.array(c.get("zW"));
            int N = Golden.integer(c, "nodes");
            double dTheta = 0;
            for (double[] z : new double[][]{zV, zW})
                for (int e = 0; e < z.length / J; e++) {
                    double s = 0;
                    for (int j = 0; j < J; j++) s += Math.abs(z[e * J + j]) * 8.0 * J * N * EPS * sl[0] * sl[0] / sl[j];
                    dTheta = Math.max(dTheta, s);
                }
            double scale = 0;
            for (double v : want) scale = Math.max(scale, Math.abs(v));
            double tol = ls * Golden.number(c, "output_jacobian_l1") * dTheta + 1e-13 * scale, worst = 0;
            for (int i = 0; i < per; i++) {
                double e = Math.abs(ds.y()[i] - want[i]);
                worst = Math.max(worst, e);
                assertTrue(e <= tol, where + " label " + i + ": " + ds.y()[i] + " vs " + want[i] + " (tol " + tol + ")");
            }
            System.out.printf("golden %s: worst label difference %.2e (tolerance %.2e)%n", where, worst, tol);
        }
        assertEquals(2, cs.size());
    }
}
