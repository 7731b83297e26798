package depthlimit.claims.counterexample;

import depthlimit.model.Activation;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * The counter-example network of Appendix D: depth N = 2L, scalar weights w_1..w_N,
 * h_0 = x, h_{k} = h_{k−1} + (1/N) σ(w_k h_{k−1}), ℓ = (h_N − Cx)², i.e. eq. (3) with d = q = m = d′ = 1, V_k = 1,
 * A = B = 1 frozen. Trained by the gradient flow dw/dt = −N ∂ℓ/∂w (the depth factor of eq. (4); the paper's
 * printed flow differs by a time rescaling, which does not change the limit w*).
 */
public final class AppendixDNetwork implements OrdinaryDifferentialEquation {
    final int depth;
    final double x, c;
    final Activation sigma;
    private final double[] h;

    public AppendixDNetwork(int depth, double x, double c, Activation sigma) {
        this.depth = depth;
        this.x = x;
        this.c = c;
        this.sigma = sigma;
        this.h = new double[depth + 1];
    }

    /** w_k(0) = (−1)^k/(2L) = (−1)^k/N, k = 1..N: successive differences 2/N = 1/L. */
    public double[] initialWeights() {
        double[] w = new double[depth];
        for (int k = 1; k <= depth; k++) w[k - 1] = (k % 2 == 0 ? 1.0 : -1.0) / depth;
        return w;
    }

    public double loss(double[] w) {
        forward(w);
        double r = h[depth] - c * x;
        return r * r;
    }

    private void forward(double[] w) {
        h[0] = x;
        for (int k = 1; k <= depth; k++) h[k] = h[k - 1] + sigma.value(w[k - 1] * h[k - 1]) / depth;
    }

    public int getDimension() { return depth; }

    /** −N ∂ℓ/∂w by backpropagation. */
    public double[] computeDerivatives(double t, double[] w) {
        forward(w);
        double p = 2 * (h[depth] - c * x);
        double[] f = new double[depth];
        for (int k = depth; k >= 1; k--) {
            double u = w[k - 1] * h[k - 1], s1 = sigma.d1(u);
            f[k - 1] = -depth * (p * s1 * h[k - 1] / depth);
            p *= 1 + s1 * w[k - 1] / depth;
        }
        return f;
    }

    /** The gradient flow to time T by Hipparchus DP853; returns w(T). */
    public double[] train(double T, double rtol) {
        DormandPrince853Integrator in = new DormandPrince853Integrator(1e-12 * T, T, 1e-15, rtol);
        ODEStateAndDerivative end = in.integrate(this, new ODEState(0, initialWeights()), T);
        return end.getPrimaryState();
    }

    /** max_k |w_{k+1} − w_k|. */
    public static double maxDifference(double[] w) {
        double m = 0;
        for (int k = 0; k + 1 < w.length; k++) m = Math.max(m, Math.abs(w[k + 1] - w[k]));
        return m;
    }
}
