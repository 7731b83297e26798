package depthlimit.claims;

import depthlimit.model.Activation;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.analysis.integration.gauss.SymmetricGaussIntegrator;

/**
 * Coefficients η_r(σ) of σ in the orthonormal probabilists' Hermite basis h_r = He_r/√(r!) (digest §5), by
 * Gauss–Hermite quadrature: η_r = π^{−1/2} Σ_j w_j σ(√2 u_j) h_r(√2 u_j) for the weight e^{−u²}.
 */
final class Hermite {
    private Hermite() {}

    private static final SymmetricGaussIntegrator RULE = new GaussIntegratorFactory().hermite(120);

    static double coefficient(Activation s, int r) {
        double sum = 0;
        for (int j = 0; j < RULE.getNumberOfPoints(); j++) {
            double x = Math.sqrt(2) * RULE.getPoint(j);
            sum += RULE.getWeight(j) * s.value(x) * normalized(r, x);
        }
        return sum / Math.sqrt(Math.PI);
    }

    /** h_r(x) = He_r(x)/√(r!), with He_{k+1} = x He_k − k He_{k−1}. */
    static double normalized(int r, double x) {
        double a = 1, b = x;
        if (r == 0) return 1;
        for (int k = 1; k < r; k++) {
            double c = x * b - k * a;
            a = b;
            b = c;
        }
        double fact = 1;
        for (int k = 2; k <= r; k++) fact *= k;
        return b / Math.sqrt(fact);
    }

    /** The smallest r ≥ 2 with |η_r| above quadrature noise, and η_r. */
    static double[] firstNonZero(Activation s) {
        for (int r = 2; r <= 12; r++) {
            double e = coefficient(s, r);
            if (Math.abs(e) > 1e-10) return new double[]{r, e};
        }
        return new double[]{Double.NaN, 0};
    }
}
