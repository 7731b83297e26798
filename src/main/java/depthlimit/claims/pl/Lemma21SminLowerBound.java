package depthlimit.claims.pl;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;
import depthlimit.model.SingularValues;
import depthlimit.random.Rng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import static depthlimit.claims.pl.PlCommon.*;

/** Claim 18, {@code lemma21.smin-lower-bound}: Smallest singular value of σ(WX) and the Gram-matrix bound (Lemma 21; Nguyen & Mondelli (2020, Lemma 3.4)). */
public final class Lemma21SminLowerBound {
    private Lemma21SminLowerBound() {}

    /** The claim as data, with its check {@link #lemma21}. */
    public static Claim claim() {
        return new Claim("lemma21.smin-lower-bound", 18, "Smallest singular value of σ(WX) and the Gram-matrix bound",
                "Lemma 21; Nguyen & Mondelli (2020, Lemma 3.4)", "σ = tanh (bounded, M_σ = 1), W ∈ ℝ^{m×d} Gaussian, "
                + "X ∈ ℝ^{d×n} with i.i.d. columns uniform on the unit sphere, r = 3",
                "frequency of s_min(σ(WX)) ≥ √m|η_r|/4 over draws of W and X; λ_min(E[σ(WX)ᵀσ(WX) | X]) by 2-D Gauss–Hermite "
                        + "quadrature of the arc-cosine-type kernel",
                "frequency ≥ 1 − δ with δ = n e^{−3mη_r²/(64M_σ²n)} + 2n² e^{−(d/2)(3/(4n))^{2/r}} (reported even when "
                        + "δ ≥ 1 makes it vacuous), and λ_min(E[M|X]) ≥ mη_r²/8",
                Lemma21SminLowerBound::lemma21)
                .documented("dimension d = 2 (unit columns on a circle): λ_min(E[σ(WX)ᵀσ(WX) | X]) falls below mη_r²/8",
                        "δ ≥ 1 at these sizes makes the probability statement vacuous (reported); C² = 1 is assumed for the sub-Gaussian proxy")
                .paperEstimate(8)
                .sizes(SIZES);
    }

    /** Input dimension d, n points, draws of the weights per width, and the widths m. */
    record Sizes(int d, int n, int draws, int[] widths) {}

    static final PerScale<Sizes> SIZES = new PerScale<>(
            new Sizes(16, 4, 300, new int[]{16, 64, 256}),
            new Sizes(64, 10, 1000, new int[]{64, 256, 1024}));

    static Outcome lemma21(Claim.Context ctx) {
        Sizes z = SIZES.at(ctx.scale());
        int d = ctx.fault().size("d", z.d()), n = z.n(), draws = ctx.fault().size("draws", z.draws());
        double[] cs = constants();
        int r = (int) cs[0];
        double eta = Math.abs(cs[1]), mSigma = 1;
        Evidence.Table tab = new Evidence.Table("m", "threshold √m|η_r|/4", "frequency s_min ≥ threshold", "min s_min", "δ",
                "1 − δ", "min over X of λ_min(E[M|X])/m", "η_r²/8");
        boolean ok = true;
        Rng rng = Rng.stream(ctx.seed(), "claim18");
        for (int m : z.widths()) {
            double thr = Math.sqrt(m) * eta / 4;
            int good = 0;
            double minS = Double.POSITIVE_INFINITY, minGram = Double.POSITIVE_INFINITY;
            for (int t = 0; t < draws; t++) {
                double[][] x = unitColumns(d, n, rng);
                DMatrixRMaj s = new DMatrixRMaj(m, n);
                for (int j = 0; j < m; j++) {
                    double[] w = new double[d];
                    rng.fillGaussian(w, 0, d, 1.0);
                    for (int i = 0; i < n; i++) {
                        double u = 0;
                        for (int c = 0; c < d; c++) u += w[c] * x[i][c];
                        s.set(j, i, SIGMA.value(u));
                    }
                }
                double sm = SingularValues.smallest(s);
                minS = Math.min(minS, sm);
                if (sm >= thr) good++;
                if (t < 20) minGram = Math.min(minGram, gramMinEigen(x));
            }
            double delta = n * Math.exp(-3 * m * eta * eta / (64 * mSigma * mSigma * n))
                    + 2.0 * n * n * Math.exp(-(d / 2.0) * Math.pow(3.0 / (4 * n), 2.0 / r));
            double freq = (double) good / draws;
            ok &= freq >= 1 - delta && minGram >= eta * eta / 8;
            tab.row(m, thr, freq, minS, delta, 1 - delta, minGram, eta * eta / 8);
        }
        Evidence e = new Evidence().put("d", d).put("n", n).put("draws", draws).put("r", r).put("eta_r", cs[1])
                .put("note", "δ uses C² = 1 for the sub-Gaussian proxy of √d·(uniform unit vector); δ ≥ 1 makes the probability statement vacuous")
                .table("lemma21", tab);
        return Outcome.of(ok, "s_min(σ(WX)) ≥ √m|η_r|/4 in every draw where the bound is not vacuous; the Gram bound λ_min(E[M|X])/m ≥ η_r²/8 holds",
                ok ? "Gram bound holds, freq ≥ 1 − δ" : "violated", e);
    }

    static double[][] unitColumns(int d, int n, Rng rng) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            rng.fillGaussian(x[i], 0, d, 1.0);
            double s = 0;
            for (double v : x[i]) s += v * v;
            for (int c = 0; c < d; c++) x[i][c] /= Math.sqrt(s);
        }
        return x;
    }

    private static final org.hipparchus.analysis.integration.gauss.SymmetricGaussIntegrator GH =
            new org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory().hermite(60);

    /**
     * λ_min of K_il = E_w[σ(⟨w,x_i⟩)σ(⟨w,x_l⟩)] for unit x_i (per neuron: E[M|X]/m). (⟨w,x_i⟩, ⟨w,x_l⟩) is a standard
     * bivariate normal with correlation ρ = ⟨x_i,x_l⟩: a 2-D Gauss–Hermite product rule after a Cholesky split.
     */
    static double gramMinEigen(double[][] x) {
        int n = x.length;
        DMatrixRMaj k = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++)
            for (int l = 0; l <= i; l++) {
                double rho = 0;
                for (int c = 0; c < x[i].length; c++) rho += x[i][c] * x[l][c];
                rho = Math.max(-1, Math.min(1, rho));
                double sum = 0, sr = Math.sqrt(1 - rho * rho);
                for (int a = 0; a < GH.getNumberOfPoints(); a++)
                    for (int b = 0; b < GH.getNumberOfPoints(); b++) {
                        double u = Math.sqrt(2) * GH.getPoint(a), v = Math.sqrt(2) * GH.getPoint(b);
                        sum += GH.getWeight(a) * GH.getWeight(b) * SIGMA.value(u) * SIGMA.value(rho * u + sr * v);
                    }
                k.set(i, l, sum / Math.PI);
                k.set(l, i, sum / Math.PI);
            }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        eig.decompose(k);
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) min = Math.min(min, eig.getEigenvalue(i).real);
        return min;
    }
}
