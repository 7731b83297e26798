package depthlimit.golden;

import depthlimit.data.Dataset;
import depthlimit.limit.NeuralOde;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Parameters;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The neural ODE (6) of Proposition 2 for fixed weight functions 𝒱(s) = V0 cos(πs) + V1 s², 𝒲(s) = W0 + W1 sin(πs)
 * (coefficients, A, B and inputs from golden/neural_ode.json; the formula is the one stated there), against SciPy
 * DOP853 at rtol 1e-13, atol 1e-14, in both conventions; and the ResNet with V_k = 𝒱(k/L), W_k = 𝒲(k/L) against
 * NumPy's forward pass at L = 4 … 128, which then gives Proposition 2's rate from a reference the engine did not
 * compute.
 *
 * <p>Tolerances: the engine's {@link NeuralOde} runs DP853 at rtol 1e-12, atol 1e-14 on a non-stiff problem over
 * s ∈ [0, 1] with O(1) Lipschitz constant, so its global error is ≲ 1e-11 relative; SciPy's is ten times smaller:
 * assert 1e-10. ResNet outputs: pure round-off of L ≤ 128 residual steps of length-≤4 dot products, ≲ 1e-13: assert
 * 1e-12. Rate: ‖F^L − F‖ = C₁/L + O(1/L²) for the explicit Euler scheme, so L·err changes by O(1/L) between
 * doublings; the last doubling (64 → 128) must change it by less than 5 % and the exponent p of err ≈ C·(1/L)^p between the two
 * finest depths must be within 0.05 of 1 (measured: 0.1 % and 1.4 % changes). A wrong residual scaling (1/√L) does
 * not converge to this F at all, and an off-by-one
 * layer index s = (k−1)/L changes every F^L far beyond the 1e-12 comparison with NumPy.
 */
class GoldenNeuralOdeTest {
    @Test
    void neuralOdeAndResNetMatchScipyAndNumpyAndConvergeAtRateOneOverL() {
        Map<String, Object> g = Golden.json("neural_ode.json");
        int n = Golden.integer(g, "n"), d = Golden.integer(g, "d"), q = Golden.integer(g, "q"), m = Golden.integer(g, "m"),
                dOut = Golden.integer(g, "dOut");
        double[] x = Golden.array("ode_X.npy"), aMat = Golden.array("ode_A.npy"), bMat = Golden.array("ode_B.npy");
        double[] v0 = Golden.array("ode_V0.npy"), v1 = Golden.array("ode_V1.npy"), w0 = Golden.array("ode_W0.npy"),
                w1 = Golden.array("ode_W1.npy");
        double[] s = Golden.doubles(g.get("s"));
        double[] depths = Golden.doubles(g.get("depths"));
        for (Map<String, Object> c : Golden.cases(g)) {
            String where = c.get("convention") + "/" + c.get("activation");
            Architecture shape = Golden.architecture(g, c, 1, false, false);
            NeuralOde.Solution sol = NeuralOde.solve(shape, x, n, aMat, (t, v, w) -> weights(t, v0, v1, w0, w1, v, w),
                    s, 1e-12, 1e-14, 1_000_000);
            assertTrue(sol.completed(), where + ": " + sol.reason());
            double eH = Golden.relative(sol.h(), Golden.array(c.get("H")));
            assertTrue(eH <= 1e-10, where + ": H(s_j) rel " + eH);
            double[] fRef = Golden.doubles(c.get("F"));
            Map<String, Object> fl = Golden.map(c.get("F_L"));
            double[] err = new double[depths.length];
            double worstResNet = 0;
            for (int j = 0; j < depths.length; j++) {
                int L = (int) depths[j];
                Architecture a = shape.withDepth(L);
                Parameters p = new Parameters(a);
                p.setA(aMat);
                p.setB(bMat);
                double[] v = new double[q * m], w = new double[m * q];
                for (int k = 1; k <= L; k++) {
                    weights((double) k / L, v0, v1, w0, w1, v, w);
                    System.arraycopy(v, 0, p.theta, p.offV(k), v.length);
                    System.arraycopy(w, 0, p.theta, p.offW(k), w.length);
                }
                Backprop bp = new Backprop(a, new Dataset(n, d, dOut, x, new double[n * dOut]));
                bp.loss(p.theta);
                double[] out = new double[dOut], f = new double[n * dOut];
                for (int i = 0; i < n; i++) {
                    bp.output(i, out);
                    System.arraycopy(out, 0, f, i * dOut, dOut);
                }
                double e = Golden.relative(f, Golden.doubles(fl.get(String.valueOf(L))));
                worstResNet = Math.max(worstResNet, e);
                assertTrue(e <= 1e-12, where + " L=" + L + ": F^L vs NumPy rel " + e);
                for (int i = 0; i < f.length; i++) err[j] = Math.max(err[j], Math.abs(f[i] - fRef[i]));
            }
            int k = depths.length;
            double change = Math.abs(depths[k - 1] * err[k - 1] / (depths[k - 2] * err[k - 2]) - 1);
            double slope = Math.log(err[k - 1] / err[k - 2]) / Math.log(depths[k - 2] / depths[k - 1]);
            System.out.printf("golden neural ODE %s: H rel %.2e, ResNet rel %.2e, L·err %s, last change %.2e, slope %.4f%n",
                    where, eH, worstResNet, java.util.Arrays.toString(scaled(depths, err)), change, slope);
            assertTrue(change < 0.05, where + ": L·‖F^L − F‖ still changes by " + change);
            assertTrue(Math.abs(slope - 1) < 0.05, where + ": slope " + slope);
        }
    }

    /** 𝒱(s) = V0 cos(πs) + V1 s², 𝒲(s) = W0 + W1 sin(πs) (the formula of neural_ode.json). */
    static void weights(double s, double[] v0, double[] v1, double[] w0, double[] w1, double[] v, double[] w) {
        double cs = Math.cos(Math.PI * s), sn = Math.sin(Math.PI * s);
        for (int i = 0; i < v.length; i++) v[i] = v0[i] * cs + v1[i] * s * s;
        for (int i = 0; i < w.length; i++) w[i] = w0[i] + w1[i] * sn;
    }

    static double[] scaled(double[] depths, double[] err) {
        double[] r = new double[err.length];
        for (int i = 0; i < r.length; i++) r[i] = Math.round(depths[i] * err[i] * 1e4) / 1e4;
        return r;
    }
}
