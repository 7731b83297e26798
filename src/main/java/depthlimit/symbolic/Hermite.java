package depthlimit.symbolic;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.linear.EigenDecompositionSymmetric;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * The orthonormal probabilists' Hermite basis h_r(x) = (1/√(r!)) (−1)^r e^{x²/2} dʳ/dxʳ e^{−x²/2} of L²(𝒩(0,1)) and
 * the coefficients η_r(σ) = E[σ(Z) h_r(Z)], Z ~ 𝒩(0, 1) (Lemma 21 and Proposition 5 need an r ≥ 2 with
 * η_r ≠ 0).
 *
 * <p>Gauss–Hermite quadrature for the weight e^{−x²/2}/√(2π): nodes are the eigenvalues of the Jacobi matrix
 * (zero diagonal, off-diagonal √k; Golub–Welsch), each refined by Newton's method on h_n; weights are the
 * Christoffel numbers 1/Σ_{k<n} h_k(x_i)², computed with h_k scaled by e^{−x²/4} so nothing overflows. The rule
 * with n nodes is exact for polynomials of degree ≤ 2n − 1; for smooth σ it converges geometrically, for a kink
 * (ReLU) only algebraically, hence {@link #coefficients} also runs an adaptive Gauss–Legendre check when the
 * n- and 2n-node rules disagree.
 */
public final class Hermite {
    private Hermite() {}

    /** Node counts of the two Gauss–Hermite rules compared. */
    public static final int NODES = 200, NODES_FINE = 400;
    /** Above this |GH(n) − GH(2n)| the adaptive quadrature on [−CUT, CUT] is used instead. */
    public static final double GH_TOLERANCE = 1e-11;
    public static final double CUT = 40;

    private static final java.util.Map<Integer, double[][]> RULES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The n-node rule: {nodes, weights}, weights summing to 1 (so the rule approximates E[f(Z)]). */
    public static double[][] rule(int n) {
        return RULES.computeIfAbsent(n, Hermite::computeRule);
    }

    private static double[][] computeRule(int n) {
        double[] diag = new double[n], off = new double[n - 1];
        for (int k = 1; k < n; k++) off[k - 1] = Math.sqrt(k);
        double[] x = new EigenDecompositionSymmetric(diag, off).getEigenvalues().clone();
        Arrays.sort(x);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            for (int it = 0; it < 5; it++) {                  // Newton on h_n: h_n' = √n h_{n−1}
                double[] h = scaled(n, x[i]);
                double step = h[n] / (Math.sqrt(n) * h[n - 1]);
                x[i] -= step;
                if (Math.abs(step) < 1e-16 * (1 + Math.abs(x[i]))) break;
            }
            double[] h = scaled(n, x[i]);
            double s = 0;
            for (int k = 0; k < n; k++) s += h[k] * h[k];
            w[i] = Math.exp(-0.5 * x[i] * x[i]) / s;     // 1/Σ h_k² with h_k = ĥ_k e^{x²/4}
        }
        double total = 0;                                   // Σw = 1 up to rounding; normalise the residue away
        for (double v : w) total += v;
        for (int i = 0; i < n; i++) w[i] /= total;
        return new double[][]{x, w};
    }

    /** ĥ_0..ĥ_n at x with ĥ_k = h_k(x) e^{−x²/4}: the three-term recurrence h_{k+1} = (x h_k − √k h_{k−1})/√(k+1). */
    private static double[] scaled(int n, double x) {
        double[] h = new double[n + 1];
        h[0] = Math.exp(-0.25 * x * x);
        if (n >= 1) h[1] = x * h[0];
        for (int k = 1; k < n; k++) h[k + 1] = (x * h[k] - Math.sqrt(k) * h[k - 1]) / Math.sqrt(k + 1);
        return h;
    }

    /** h_0(x)..h_r(x). */
    public static double[] basis(int r, double x) {
        double[] h = new double[r + 1];
        h[0] = 1;
        if (r >= 1) h[1] = x;
        for (int k = 1; k < r; k++) h[k + 1] = (x * h[k] - Math.sqrt(k) * h[k - 1]) / Math.sqrt(k + 1);
        return h;
    }

    /** E[f(Z) h_r(Z)] for r = 0..rMax with the n-node rule. */
    public static double[] gaussHermite(DoubleUnaryOperator f, int rMax, int n) {
        double[][] rule = rule(n);
        double[] eta = new double[rMax + 1];
        for (int i = 0; i < n; i++) {
            double x = rule[0][i], fw = f.applyAsDouble(x) * rule[1][i];
            if (fw == 0 || !Double.isFinite(fw)) {
                if (!Double.isFinite(fw) && rule[1][i] > 0) Arrays.fill(eta, Double.NaN);
                continue;
            }
            double[] h = basis(rMax, x);
            for (int r = 0; r <= rMax; r++) eta[r] += fw * h[r];
        }
        return eta;
    }

    /** Coefficients with an error estimate and the method used. */
    public record Coefficients(double[] eta, double[] error, String method) {}

    /**
     * η_0..η_rMax: the {@value #NODES_FINE}-node Gauss–Hermite value, error estimated by its difference from the
     * {@value #NODES}-node one; if that exceeds {@value #GH_TOLERANCE} (σ not smooth enough for Gauss–Hermite),
     * adaptive 10-point Gauss–Legendre on [−{@value #CUT}, {@value #CUT}] (split at 0, tolerance 1e-13 per
     * panel; the Gaussian tail beyond 40 is below 1e-340 times any polynomially bounded σ).
     */
    public static Coefficients coefficients(DoubleUnaryOperator f, int rMax) {
        double[] coarse = gaussHermite(f, rMax, NODES), fine = gaussHermite(f, rMax, NODES_FINE);
        double[] err = new double[rMax + 1];
        double worst = 0;
        for (int r = 0; r <= rMax; r++) {
            err[r] = Math.abs(fine[r] - coarse[r]);
            worst = Math.max(worst, err[r]);
        }
        if (worst <= GH_TOLERANCE)
            return new Coefficients(fine, err, "Gauss–Hermite, " + NODES_FINE + " nodes (error estimate: difference from "
                    + NODES + " nodes)");
        double[] eta = new double[rMax + 1];
        for (int r = 0; r <= rMax; r++) {
            final int rr = r;
            DoubleUnaryOperator g = x -> f.applyAsDouble(x) * basis(rr, x)[rr] * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
            double[] e = new double[1];
            eta[r] = adaptive(g, -CUT, 0, 1e-13, e, 0) + adaptive(g, 0, CUT, 1e-13, e, 0);
            err[r] = Math.max(e[0], 1e-14);
        }
        return new Coefficients(eta, err, "adaptive Gauss–Legendre on [−" + (int) CUT + ", " + (int) CUT
                + "] (Gauss–Hermite " + NODES + "/" + NODES_FINE + " nodes differed by " + String.format(java.util.Locale.ROOT, "%.1e", worst)
                + ": σ is not smooth enough for it)");
    }

    private static final GaussIntegrator GL10 = new GaussIntegratorFactory().legendre(10);

    private static double gl(DoubleUnaryOperator g, double a, double b) {
        double mid = 0.5 * (a + b), half = 0.5 * (b - a), s = 0;
        for (int i = 0; i < GL10.getNumberOfPoints(); i++) s += GL10.getWeight(i) * g.applyAsDouble(mid + half * GL10.getPoint(i));
        return s * half;
    }

    private static double adaptive(DoubleUnaryOperator g, double a, double b, double tol, double[] err, int depth) {
        double whole = gl(g, a, b), mid = 0.5 * (a + b);
        double left = gl(g, a, mid), right = gl(g, mid, b);
        double diff = Math.abs(left + right - whole);
        if (diff <= tol || depth >= 40) {
            err[0] += diff;
            return left + right;
        }
        return adaptive(g, a, mid, tol / 2, err, depth + 1) + adaptive(g, mid, b, tol / 2, err, depth + 1);
    }
}
