package depthlimit.init;

import depthlimit.model.Architecture;
import depthlimit.model.Parameters;
import depthlimit.random.Rng;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Smooth initialization of Section 4.3 / Appendix A: every entry of 𝒱_0, 𝒲_0 is an independent zero-mean Gaussian
 * process on [0,1] with squared-exponential covariance K(s,s′) = exp(−(s−s′)²/(2ℓ²)), sampled at s = k/L, k = 1..L;
 * A = (I;0), B = (0,I).
 *
 * <p>Each path is a function of s, not of L: it is the Karhunen–Loève expansion f(s) = Σ_j √λ_j z_j φ_j(s), with
 * (λ_j, φ_j) from the Nyström method on N Gauss–Legendre nodes and φ_j(s) = λ_j⁻¹ Σ_i w_i K(s, s_i) φ_j(s_i)
 * extended to any s, each φ_j oriented by φ_j(0) > 0. Terms with λ_j below {@value #RELATIVE_CUTOFF}·λ_1 are
 * dropped: the SE spectrum decays super-exponentially, so the dropped variance is of that order, and keeping them
 * would only amplify round-off (by 1/√λ_j) into non-smooth noise. The same seed and ℓ therefore give the same function for every depth:
 * samples for L and 2L are nested exactly, and every sample path is analytic (no jitter term).
 */
public record GaussianProcess(long seed, double lengthScale, double vScale, double wScale) implements InitScheme {
    static final double RELATIVE_CUTOFF = 1e-10;
    public static final double MIN_LENGTH_SCALE = 0.01;

    public String name() { return "gp"; }

    /** The truncated Karhunen–Loève basis of the SE kernel with length-scale ℓ. */
    public static final class Basis {
        final double lengthScale;
        final double[] nodes;
        final double[] coef;        // N × J: √w_i u_j[i] / λ_j, so that φ_j(s) = Σ_i K(s,s_i) coef[i][j]
        final double[] sqrtLambda;  // J
        final int terms;
        final double capturedVariance; // Σ_j λ_j / trace(K W) ≈ 1 − relative variance dropped

        Basis(double lengthScale) {
            this(lengthScale, null);
        }

        /**
         * With relative perturbations of the N×N Nyström matrix, M_ij ← M_ij (1 + relErr[i·N + j]) (null: none;
         * the caller keeps it symmetric). Tests use it to show the sign rule is stable under round-off-sized changes.
         */
        Basis(double lengthScale, double[] relErr) {
            this.lengthScale = lengthScale;
            int n = nodeCount(lengthScale);
            GaussIntegrator rule = new GaussIntegratorFactory().legendre(n, 0.0, 1.0);
            nodes = new double[n];
            double[] sw = new double[n];
            for (int i = 0; i < n; i++) {
                nodes[i] = rule.getPoint(i);
                sw[i] = Math.sqrt(rule.getWeight(i));
            }
            DMatrixRMaj mat = new DMatrixRMaj(n, n);
            double trace = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++)
                    mat.set(i, j, sw[i] * kernel(nodes[i], nodes[j]) * sw[j] * (relErr == null ? 1 : 1 + relErr[i * n + j]));
                trace += mat.get(i, i);
            }
            // symmetric QR algorithm (EJML); Hipparchus' symmetric solver fails to converge on these
            // numerically rank-deficient matrices
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
            if (!eig.decompose(mat)) throw new IllegalStateException("eigendecomposition of the SE kernel failed (ℓ = " + lengthScale + ")");
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            java.util.Arrays.sort(idx, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
            double top = eig.getEigenvalue(idx[0]).real;
            int j = 0;
            double kept = 0;
            while (j < n && eig.getEigenvalue(idx[j]).real > RELATIVE_CUTOFF * top) kept += eig.getEigenvalue(idx[j++]).real;
            terms = j;
            capturedVariance = kept / trace;
            sqrtLambda = new double[terms];
            coef = new double[n * terms];
            for (int t = 0; t < terms; t++) {
                double lambda = eig.getEigenvalue(idx[t]).real;
                sqrtLambda[t] = Math.sqrt(lambda);
                DMatrixRMaj v = eig.getEigenVector(idx[t]);
                double norm = 0;
                for (int i = 0; i < n; i++) norm += v.get(i) * v.get(i);
                norm = Math.sqrt(norm);
                for (int i = 0; i < n; i++) coef[i * terms + t] = sw[i] * v.get(i) / norm / lambda;
            }
            orient(nodes, coef, terms);
        }

        /**
         * Eigenvectors are defined up to sign; the rule fixing it is φ_j(0) > 0 (each eigenfunction positive at the
         * left end s = 0, through the Nyström extension). It depends continuously on the kernel matrix: measured over
         * ℓ ∈ [0.01, 100], |φ_j(0)| ≥ 0.022·max_i |φ_j(s_i)| for every kept mode (smallest: ℓ = 0.01, j = 1), so
         * round-off (≲ 1e-6 relative even for the last modes) cannot flip it. The former rule "largest eigenvector
         * entry positive" was ill-posed on the odd modes (under s ↦ 1 − s the largest |entry| is attained twice,
         * with opposite signs) and left their sign to the eigensolver's round-off.
         */
        private void orient(double[] nodes, double[] coef, int terms) {
            double[] at0 = new double[terms];
            for (int i = 0; i < nodes.length; i++) {
                double k = kernel(0.0, nodes[i]);
                for (int t = 0; t < terms; t++) at0[t] += k * coef[i * terms + t];
            }
            for (int t = 0; t < terms; t++)
                if (at0[t] < 0) for (int i = 0; i < nodes.length; i++) coef[i * terms + t] = -coef[i * terms + t];
        }

        /** N, the number of Gauss–Legendre nodes for length-scale ℓ. */
        static int nodeCount(double lengthScale) {
            return Math.min(1000, 40 + (int) Math.ceil(8 / lengthScale));
        }

        double kernel(double s, double t) {
            double r = (s - t) / lengthScale;
            return Math.exp(-0.5 * r * r);
        }

        /** φ_1(s)..φ_J(s) into out. */
        public void eigenfunctions(double s, double[] out) {
            java.util.Arrays.fill(out, 0, terms, 0.0);
            for (int i = 0; i < nodes.length; i++) {
                double k = kernel(s, nodes[i]);
                for (int t = 0; t < terms; t++) out[t] += k * coef[i * terms + t];
            }
        }

        public int terms() { return terms; }
        public double sqrtLambda(int t) { return sqrtLambda[t]; }
        public double capturedVariance() { return capturedVariance; }
        public int nodes() { return nodes.length; }

        /** The covariance of the truncated process, Σ_j λ_j φ_j(s) φ_j(t) (tests compare it with K). */
        public double covariance(double s, double t) {
            double[] a = new double[terms], b = new double[terms];
            eigenfunctions(s, a);
            eigenfunctions(t, b);
            double c = 0;
            for (int j = 0; j < terms; j++) c += sqrtLambda[j] * sqrtLambda[j] * a[j] * b[j];
            return c;
        }
    }

    public Basis basis() {
        return new Basis(lengthScale);
    }

    public Parameters create(Architecture arch) {
        Parameters p = new Parameters(arch);
        InitScheme.embedIdentityA(arch, p);
        InitScheme.readLastB(arch, p);
        Basis basis = basis();
        int L = arch.L(), J = basis.terms;
        double[] phi = new double[L * J]; // row k−1: √λ_j φ_j(k/L)
        double[] row = new double[J];
        for (int k = 1; k <= L; k++) {
            basis.eigenfunctions((double) k / L, row);
            for (int t = 0; t < J; t++) phi[(k - 1) * J + t] = basis.sqrtLambda[t] * row[t];
        }
        fill(p, arch.offV(), arch.layerV(), L, phi, J, Rng.stream(seed, "init.gp.V"), vScale);
        fill(p, arch.offW(), arch.layerW(), L, phi, J, Rng.stream(seed, "init.gp.W"), wScale);
        return p;
    }

    /**
     * The sampled functions themselves, 𝒱_0(s) (q×m) and 𝒲_0(s) (m×q) row-major at any s ∈ [0,1]: the same draws
     * as {@link #create}, which takes them at s = k/L (bit for bit, tested). For continuous-depth references.
     */
    public Paths paths(int q, int m) {
        Basis basis = basis();
        int J = basis.terms;
        double[] zV = new double[q * m * J], zW = new double[m * q * J];
        Rng rv = Rng.stream(seed, "init.gp.V"), rw = Rng.stream(seed, "init.gp.W");
        for (int i = 0; i < zV.length; i++) zV[i] = rv.nextGaussian();
        for (int i = 0; i < zW.length; i++) zW[i] = rw.nextGaussian();
        return new Paths(basis, zV, zW, q * m, vScale, wScale);
    }

    /** 𝒱_0, 𝒲_0 of one draw; thread-confined (one scratch row). */
    public static final class Paths {
        private final Basis basis;
        private final double[] zV, zW, phi;
        private final int size;
        private final double vScale, wScale;

        Paths(Basis basis, double[] zV, double[] zW, int size, double vScale, double wScale) {
            this.basis = basis;
            this.zV = zV;
            this.zW = zW;
            this.size = size;
            this.vScale = vScale;
            this.wScale = wScale;
            this.phi = new double[basis.terms];
        }

        /** 𝒱_0(s) into v (q·m entries), 𝒲_0(s) into w (m·q entries). */
        public void at(double s, double[] v, double[] w) {
            int J = basis.terms;
            basis.eigenfunctions(s, phi);
            for (int t = 0; t < J; t++) phi[t] = basis.sqrtLambda[t] * phi[t];
            combine(zV, v, vScale, J);
            combine(zW, w, wScale, J);
        }

        private void combine(double[] z, double[] out, double scale, int J) {
            for (int e = 0; e < size; e++) {
                double s = 0;
                for (int t = 0; t < J; t++) s += phi[t] * z[e * J + t];
                out[e] = scale * s;
            }
        }
    }

    /** Entry e of every layer: scale · Σ_j √λ_j z_{e,j} φ_j(k/L), with the J draws z_e taken in entry order. */
    private static void fill(Parameters p, int off, int layerSize, int L, double[] phi, int J, Rng rng, double scale) {
        double[] z = new double[J];
        for (int e = 0; e < layerSize; e++) {
            for (int t = 0; t < J; t++) z[t] = rng.nextGaussian();
            for (int k = 0; k < L; k++) {
                double s = 0;
                for (int t = 0; t < J; t++) s += phi[k * J + t] * z[t];
                p.theta[off + k * layerSize + e] = scale * s;
            }
        }
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", name());
        m.put("seed", seed);
        m.put("lengthScale", lengthScale);
        m.put("vScale", vScale);
        m.put("wScale", wScale);
        return m;
    }
}
