package depthlimit.limit;

import depthlimit.model.Activation;
import depthlimit.model.Architecture;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * The neural ODE (6) with fixed weight functions, H(0) = A x, dH/ds = κ 𝒱(s) σ(c 𝒲(s) H) on [0,1] (κ = 1/√m,
 * c = 1/√q in the paper's convention, i.e. L·c_res(L) and c_pre), for n inputs at once, integrated in s by
 * Hipparchus' Dormand–Prince 8(5,3) and sampled through its dense output: the reference of Proposition 2 / 11.
 */
public final class NeuralOde {
    private NeuralOde() {}

    /** H_i(s_j) for every requested s_j, or how the integration failed. */
    public record Solution(boolean completed, String reason, double[] s, double[] h, int n, int q, long evaluations) {
        /** H_i(s_j) into out (length q). */
        public void hidden(int j, int i, double[] out) {
            System.arraycopy(h, (j * n + i) * q, out, 0, q);
        }

        public double hidden(int j, int i, int a) {
            return h[(j * n + i) * q + a];
        }
    }

    /**
     * @param shape the model (q, m, σ, convention; depth unused)
     * @param x     n inputs, row-major (n, d)
     * @param a     A (q, d) row-major
     * @param s     sorted sample points in [0, 1]
     */
    public static Solution solve(Architecture shape, double[] x, int n, double[] a, ContinuousDepthFlow.Weights weights,
                                 double[] s, double rtol, double atol, int maxEvaluations) {
        int d = shape.d(), q = shape.q(), m = shape.m();
        double kappa = shape.convention().cRes(1, m), c = shape.cPre();
        Activation sigma = shape.activation();
        double[] v = new double[q * m], w = new double[m * q], u = new double[m], act = new double[m], dact = new double[m];
        long[] evals = {0};
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            public int getDimension() { return n * q; }

            public double[] computeDerivatives(double t, double[] y) {
                evals[0]++;
                weights.at(t, v, w);
                double[] f = new double[n * q];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        double z = 0;
                        for (int b = 0; b < q; b++) z += w[j * q + b] * y[i * q + b];
                        u[j] = c * z;
                    }
                    sigma.eval(u, 0, act, dact, 0, m);
                    for (int b = 0; b < q; b++) {
                        double z = 0;
                        for (int j = 0; j < m; j++) z += v[b * m + j] * act[j];
                        f[i * q + b] = kappa * z;
                    }
                }
                return f;
            }
        };
        double[] h0 = new double[n * q];
        for (int i = 0; i < n; i++)
            for (int b = 0; b < q; b++) {
                double z = 0;
                for (int col = 0; col < d; col++) z += a[b * d + col] * x[i * d + col];
                h0[i * q + b] = z;
            }
        double[] out = new double[s.length * n * q];
        int[] next = {0};
        while (next[0] < s.length && s[next[0]] <= 0) System.arraycopy(h0, 0, out, n * q * next[0]++, n * q);
        DormandPrince853Integrator integ = new DormandPrince853Integrator(1e-12, 1.0, atol, rtol);
        integ.setMaxEvaluations(maxEvaluations);
        integ.addStepHandler(interp -> {
            double t1 = interp.getCurrentState().getTime();
            while (next[0] < s.length && s[next[0]] <= t1) {
                double sj = s[next[0]];
                ODEStateAndDerivative st = sj == t1 ? interp.getCurrentState() : interp.getInterpolatedState(sj);
                System.arraycopy(st.getPrimaryState(), 0, out, n * q * next[0]++, n * q);
            }
        });
        try {
            integ.integrate(ode, new ODEState(0, h0), 1.0);
        } catch (MathRuntimeException e) {
            return new Solution(false, "neural ODE (6): " + e.getMessage(), s, out, n, q, evals[0]);
        }
        if (next[0] < s.length)
            return new Solution(false, "neural ODE (6): sample points beyond s = 1", s, out, n, q, evals[0]);
        return new Solution(true, "", s, out, n, q, evals[0]);
    }
}
