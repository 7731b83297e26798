package depthlimit.golden;

import depthlimit.init.FractionalBrownian;
import depthlimit.init.GaussianProcess;
import depthlimit.init.Iid;
import depthlimit.init.InitScheme;
import depthlimit.init.WeightTied;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The initialization schemes against golden/init.json: NumPy implementations from the definitions (Section 3's
 * weight-tied init, Appendix E's i.i.d. layers, Section 4.3's squared-exponential Gaussian process, fractional
 * Brownian motion with covariance ½(s^{2H} + t^{2H} − |s−t|^{2H})), driven by the independent Python streams of
 * {@link GoldenRngTest}, so the engine's θ(0) is compared entry by entry. A = (I;0), B = (0,I) exactly.
 */
class GoldenInitTest {
    static final double EPS = Math.ulp(1.0);

    private static Architecture arch(Map<String, Object> g, int L) {
        return new Architecture(Golden.integer(g, "d"), Golden.integer(g, "q"), Golden.integer(g, "m"), Golden.integer(g, "dOut"),
                L, Activations.TANH, Convention.PAPER, true, true);
    }

    private static List<Map<String, Object>> cases(String scheme) {
        return Golden.cases(Golden.json("init.json")).stream().filter(c -> scheme.equals(c.get("scheme"))).toList();
    }

    /**
     * Weight-tied and i.i.d.: every weight is scale × one Gaussian draw. The draws agree to 2 ulps ({@link
     * GoldenRngTest}; bit for bit where the logarithms agree), i.e. to 2ε relative (ε = 2^{−52}), and each side rounds
     * the product once (ε/2 relative each): |Δ| ≤ 3ε|θ|. A, B, the zero V_k of the tied init and the repetition of W̄
     * across layers are exact.
     */
    @Test
    void weightTiedAndIidMatchEntryByEntry() {
        Map<String, Object> g = Golden.json("init.json");
        int checked = 0;
        for (String scheme : new String[]{"weight-tied", "iid"}) {
            for (Map<String, Object> c : cases(scheme)) {
                int L = Golden.integer(c, "L");
                long seed = Golden.integer(c, "seed");
                InitScheme s = scheme.equals("iid")
                        ? new Iid(seed, Golden.number(c, "vScale"), Golden.number(c, "wScale")) : new WeightTied(seed);
                double[] got = s.create(arch(g, L)).theta, want = Golden.array(c.get("theta"));
                assertEquals(want.length, got.length);
                for (int i = 0; i < want.length; i++)
                    assertTrue(Math.abs(got[i] - want[i]) <= 3 * EPS * Math.abs(want[i]),
                            scheme + " entry " + i + ": " + got[i] + " vs " + want[i]);
                checked++;
            }
        }
        assertEquals(2, checked);
    }

    /**
     * fBm (H = 0.3, L = 6; H = 0.5, L = 8; H = 0.75, L = 12, the points in hierarchical order). Both sides factor the
     * same L×L covariance C by a backward-stable Cholesky (the engine's Cholesky–Crout loop, LAPACK's dpotrf in NumPy),
     * each the exact factor of C + ΔC with ‖ΔC‖₂ ≤ c·L·ε‖C‖₂ (Higham, Thm 10.3; the ≤ 1-ulp differences of the two
     * power functions are of the same size). The factor's first-order perturbation is then ‖ΔR‖₂ ≤ κ₂(C)·‖ΔC‖₂/‖R‖₂
     * ≈ c·L·ε·κ₂(C)·√‖C‖₂ (Sun 1991), and each path R z moves by ‖ΔR‖₂‖z‖₂. With c = 4 for the two factorizations
     * and the product: tolerance 4·L·ε·κ₂(C)·√‖C‖₂·max‖z‖₂·scale, κ₂, ‖C‖₂ and max‖z‖₂ from the file (2e-13 to 2e-10;
     * measured differences are near 1e-15). A wrong exponent (H instead of 2H), a point order that is not the
     * hierarchical one, or draws taken from the wrong stream change entries at O(1).
     */
    @Test
    void fractionalBrownianMatchesCholeskyOfTheCovariance() {
        Map<String, Object> g = Golden.json("init.json");
        List<Map<String, Object>> cs = cases("fbm");
        for (Map<String, Object> c : cs) {
            int L = Golden.integer(c, "L");
            double H = Golden.number(c, "hurst"), vs = Golden.number(c, "vScale"), ws = Golden.number(c, "wScale");
            Architecture a = arch(g, L);
            double[] got = new FractionalBrownian(Golden.integer(c, "seed"), H, vs, ws).create(a).theta;
            double[] want = Golden.array(c.get("theta"));
            double base = 4 * L * EPS * Golden.number(c, "cond2") * Math.sqrt(Golden.number(c, "norm2")) * Golden.number(c, "max_z_norm");
            double worst = 0;
            for (int i = 0; i < want.length; i++) {
                double scale = i < a.offV() || i >= a.offB() ? 0 : i < a.offW() ? vs : ws;
                double tol = base * scale, e = Math.abs(got[i] - want[i]);
                if (scale == 0) assertEquals(want[i], got[i], 0.0, "H = " + H + ": A or B entry " + i);
                else assertTrue(e <= tol, "H = " + H + ", L = " + L + ": entry " + i + " " + got[i] + " vs " + want[i] + " (tol " + tol + ")");
                worst = Math.max(worst, e);
            }
            System.out.printf("golden fBm H = %.2f L = %d: worst |Δ| %.2e (tolerance %.2e, κ₂(C) = %.0f)%n", H, L, worst, base * Math.max(vs, ws), Golden.number(c, "cond2"));
        }
        assertEquals(3, cs.size());
    }

    /**
     * Gaussian process, ℓ = 0.3 (L = 8, 12 terms) and ℓ = 0.15 (L = 5, 19 terms). NumPy builds the Karhunen–Loève basis
     * from its own Gauss–Legendre rule and LAPACK's symmetric eigensolver (the engine: Hipparchus and EJML).
     *
     * <p>Sign: both sides orient every mode by φ_j(0) > 0 (the Nyström extension at the left end), a rule that is
     * continuous in the kernel matrix; the file's signMargin_j = |φ_j(0)|/max_i|φ_j(s_i)| (NumPy) is ≥ 0.28 here,
     * while round-off moves φ_j by ≲ 1e-5 relative even for the last modes (tol_j below over √λ_j), so the two
     * orientations cannot differ: every mode must match with the same sign. (The former rule "largest eigenvector
     * entry positive" was ill-posed on the modes odd under s ↦ 1 − s and left their sign to round-off.)
     *
     * <p>Tolerance: both eigensolvers are backward stable, ‖ΔM‖ ≤ c·N·ε·λ₁ on the N×N matrix (‖M‖₂ = λ₁). To first
     * order the mode j moves by Σ_i (u_iᵀΔM u_j)/(λ_j − λ_i)·u_i and its eigenvalue by ≤ ‖ΔM‖; since
     * √λ_j φ_j(s) = λ_j^{−1/2}·k(s)ᵀW^{1/2}u_j and k(s)ᵀW^{1/2}u_i = λ_i φ_i(s), every term contributes ≲ ‖ΔM‖/√λ_j times
     * max|φ| (the SE spectrum decays super-exponentially, so λ_i/|λ_j − λ_i| ≤ 2 for i ≠ j). With c = 4, J terms and
     * max|φ| ≤ 2: tol_j = 8·J·N·ε·λ₁/√λ_j — large only for the last modes (λ_j ≈ 1e-10 λ₁ gives ~1e-10); an entry of θ
     * gets scale·Σ_j |z_j| tol_j. The number of terms must agree exactly (the file's cutoffMargin ≥ 1.1 keeps every
     * eigenvalue 10 % away from the 1e-10 λ₁ cut, far beyond the 1e-6 relative round-off of the smallest).
     */
    @Test
    void gaussianProcessMatchesKarhunenLoeveOfTheKernel() {
        Map<String, Object> g = Golden.json("init.json");
        List<Map<String, Object>> cs = cases("gp");
        for (Map<String, Object> c : cs) {
            int L = Golden.integer(c, "L"), J = Golden.integer(c, "terms"), N = Golden.integer(c, "nodes");
            double ell = Golden.number(c, "lengthScale"), vs = Golden.number(c, "vScale"), ws = Golden.number(c, "wScale");
            double[] sl = Golden.doubles(c.get("sqrtLambda")), rows = Golden.array(c.get("rows"));
            GaussianProcess gp = new GaussianProcess(Golden.integer(c, "seed"), ell, vs, ws);
            basisMatches(gp.basis(), L, J, sl, rows, Golden.doubles(c.get("signMargin")), "ℓ = " + ell);
            double lambda1 = sl[0] * sl[0];
            double[] tol = new double[J];
            for (int j = 0; j < J; j++) tol[j] = 8.0 * J * N * EPS * lambda1 / sl[j];
            Architecture a = arch(g, L);
            double[] got = gp.create(a).theta, want = Golden.array(c.get("theta"));
            double[] zV = Golden.array(c.get("zV")), zW = Golden.array(c.get("zW"));
            double worst = 0;
            for (int i = a.offA(); i < a.offV(); i++) assertEquals(want[i], got[i], 0.0, "A entry " + i);
            for (int i = a.offB(); i < a.size(); i++) assertEquals(want[i], got[i], 0.0, "B entry " + i);
            for (int blk = 0; blk < 2; blk++) {
                int off = blk == 0 ? a.offV() : a.offW(), size = blk == 0 ? a.layerV() : a.layerW();
                double[] z = blk == 0 ? zV : zW;
                double scale = blk == 0 ? vs : ws;
                for (int k = 0; k < L; k++)
                    for (int e = 0; e < size; e++) {
                        double ref = 0, t = 0;
                        for (int j = 0; j < J; j++) {
                            ref += rows[k * J + j] * z[e * J + j];
                            t += Math.abs(z[e * J + j]) * tol[j];
                        }
                        ref *= scale;
                        t *= scale;
                        double v = got[off + k * size + e], err = Math.abs(v - ref);
                        worst = Math.max(worst, err);
                        assertTrue(err <= t, "ℓ = " + ell + (blk == 0 ? " V" : " W") + " layer " + (k + 1) + " entry " + e
                                + ": " + v + " vs " + ref + " (tol " + t + ")");
                    }
            }
            System.out.printf("golden GP ℓ = %.2f L = %d: %d terms, worst |Δθ| %.2e%n", ell, L, J, worst);
        }
        assertEquals(2, cs.size());
    }

    /**
     * The engine's √λ_j and √λ_j φ_j(k/L), k = 1..L, against NumPy's to tol_j, with the same sign on every mode; the
     * file's sign margin of every mode ≥ 0.01, a thousand times the round-off in φ_j (so the test's data are not
     * near a tie of the rule either).
     */
    static void basisMatches(GaussianProcess.Basis b, int L, int J, double[] sl, double[] rows, double[] signMargin, String where) {
        assertEquals(J, b.terms(), where + ": number of Karhunen–Loève terms");
        assertEquals(J, signMargin.length, where + ": signMargin entries");
        int N = b.nodes();
        double[] phi = new double[J];
        double[][] eng = new double[L][J];
        for (int k = 1; k <= L; k++) {
            b.eigenfunctions((double) k / L, phi);
            for (int j = 0; j < J; j++) eng[k - 1][j] = b.sqrtLambda(j) * phi[j];
        }
        for (int j = 0; j < J; j++) {
            assertTrue(signMargin[j] >= 0.01, where + ": mode " + (j + 1) + " sign margin " + signMargin[j]);
            double tol = 8.0 * J * N * EPS * sl[0] * sl[0] / sl[j];
            assertTrue(Math.abs(b.sqrtLambda(j) - sl[j]) <= tol, where + ": √λ_" + (j + 1) + " " + b.sqrtLambda(j) + " vs " + sl[j]);
            for (int k = 0; k < L; k++)
                assertTrue(Math.abs(eng[k][j] - rows[k * J + j]) <= tol, where + ": √λφ_" + (j + 1) + "(" + (k + 1) + "/L) "
                        + eng[k][j] + " vs " + rows[k * J + j] + " (tol " + tol + ")");
        }
    }
}
