package depthlimit.init;

import depthlimit.model.Architecture;
import depthlimit.model.Parameters;
import depthlimit.random.Rng;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rough-to-smooth family: every entry of 𝒱_0, 𝒲_0 is an independent fractional Brownian motion B_H on [0,1]
 * (covariance ½(s^{2H} + t^{2H} − |s−t|^{2H}); H = 1/2 is Brownian motion, H → 1 smooth), sampled at k/L;
 * A = (I;0), B = (0,I). Paths are Hölder-H, so successive differences scale like L^{−H}, not 1/L, unless H = 1.
 *
 * <p>Exact sampling by a Cholesky factor of the covariance with the points in hierarchical order: first the grid
 * of the odd part L_0 of L, then the midpoints added by each doubling. A Cholesky factor's leading block is the
 * factor of the leading sub-covariance, and each entry draws its normals from its own stream, so the sample for
 * L is exactly the sample for 2L at the even points (nested under doubling). Pivots below 10⁻¹³ of the variance are
 * treated as zero (the point is then determined by the earlier ones; this happens as H → 1).
 */
public record FractionalBrownian(long seed, double hurst, double vScale, double wScale) implements InitScheme {
    public static final int MAX_DEPTH = 4096;

    public String name() { return "fbm"; }

    /** Grid indices k ∈ {1..L} in hierarchical order. */
    static int[] hierarchicalOrder(int L) {
        int odd = L, levels = 0;
        while (odd % 2 == 0) { odd /= 2; levels++; }
        int[] order = new int[L];
        int pos = 0, step = L / odd;
        for (int t = 1; t <= odd; t++) order[pos++] = t * step;
        for (int lev = 1; lev <= levels; lev++) {
            step /= 2;
            for (int t = 1; t * step <= L; t += 2) order[pos++] = t * step;
        }
        return order;
    }

    double covariance(double s, double t) {
        double h2 = 2 * hurst;
        return 0.5 * (Math.pow(s, h2) + Math.pow(t, h2) - Math.pow(Math.abs(s - t), h2));
    }

    /** Lower-triangular factor (row-major, L×L) of the covariance at the points of {@code order}. */
    double[] factor(int L, int[] order) {
        double[] c = new double[L * L];
        for (int i = 0; i < L; i++) {
            double si = (double) order[i] / L;
            for (int j = 0; j <= i; j++) {
                double s = covariance(si, (double) order[j] / L);
                for (int t = 0; t < j; t++) s -= c[i * L + t] * c[j * L + t];
                if (j < i) c[i * L + j] = c[j * L + j] > 0 ? s / c[j * L + j] : 0.0;
                else {
                    double var = covariance(si, si);
                    c[i * L + i] = s > 1e-13 * var ? Math.sqrt(s) : 0.0;
                }
            }
        }
        return c;
    }

    public Parameters create(Architecture arch) {
        int L = arch.L();
        if (L > MAX_DEPTH)
            throw new depthlimit.InputError("model.depth", "init \"fbm\" samples exactly by Cholesky and supports depth ≤ "
                    + MAX_DEPTH + ", got " + L);
        Parameters p = new Parameters(arch);
        InitScheme.embedIdentityA(arch, p);
        InitScheme.readLastB(arch, p);
        int[] order = hierarchicalOrder(L);
        double[] chol = factor(L, order);
        fill(p, arch.offV(), arch.layerV(), L, order, chol, "init.fbm.V.", vScale);
        fill(p, arch.offW(), arch.layerW(), L, order, chol, "init.fbm.W.", wScale);
        return p;
    }

    private void fill(Parameters p, int off, int layerSize, int L, int[] order, double[] chol, String tag, double scale) {
        double[] z = new double[L];
        for (int e = 0; e < layerSize; e++) {
            Rng rng = Rng.stream(seed, tag + e);
            for (int i = 0; i < L; i++) z[i] = rng.nextGaussian();
            for (int i = 0; i < L; i++) {
                double s = 0;
                for (int t = 0; t <= i; t++) s += chol[i * L + t] * z[t];
                int k = order[i]; // layer k holds B_H(k/L)
                p.theta[off + (k - 1) * layerSize + e] = scale * s;
            }
        }
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", name());
        m.put("seed", seed);
        m.put("hurst", hurst);
        m.put("vScale", vScale);
        m.put("wScale", wScale);
        return m;
    }
}
