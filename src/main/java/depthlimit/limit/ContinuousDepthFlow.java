package depthlimit.limit;

import depthlimit.data.Dataset;
import depthlimit.model.Activation;
import depthlimit.model.Architecture;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

import java.util.ArrayList;
import java.util.List;

/**
 * The continuous-depth training dynamics of Appendix A.5 for model (3), solved directly, with
 * f(h, (𝒱, 𝒲)) = κ 𝒱 σ(c 𝒲 h) (κ = 1/√m, c = 1/√q in the paper's convention) and ℓ = λ Σ_i ‖B H_i(1) − y_i‖²:
 * <pre>
 *   H_i(0) = A x_i,          ∂_s H_i = f(H_i, 𝒵(s)),
 *   P_i(1) = 2λ Bᵀ(B H_i(1) − y_i),   ∂_s P_i = −∂_1 f(H_i, 𝒵)ᵀ P_i   (the corrected adjoint: the printed eq. (13) lacks the transpose),
 *   ∂_t 𝒱(s) = −κ Σ_i P_i σ(c𝒲H_i)ᵀ,   ∂_t 𝒲(s) = −κ c Σ_i [(𝒱ᵀP_i) ⊙ σ′(c𝒲H_i)] H_iᵀ,
 *   dA/dt = −Σ_i P_i(0) x_iᵀ,   dB/dt = −2λ Σ_i (B H_i(1) − y_i) H_i(1)ᵀ,
 * </pre>
 * (λ is folded into P; π = id, which Theorem 14 allows for any Lipschitz π). This is the L → ∞ limit of the
 * ResNet's flow (4): −L ∂ℓ/∂Z_k = −L c_res(L) Σ_i ∂_2f-terms and L·c_res(L) = κ.
 *
 * <p>Method of lines in s: N intervals of width h = 1/N; 𝒵 lives at the 2N+1 points s_p = p/(2N) (nodes and
 * midpoints). H is advanced by classical RK4 (stages at a node, twice at the midpoint, at the next node), P is
 * integrated backward from s = 1 by RK4 with the same stage points; H and P at the midpoints come from cubic
 * Hermite interpolation with the exact derivatives at the nodes. Every piece is O(h⁴), so the right-hand side
 * converges at order 4 in s (tested). The state has the layout of a ResNet θ of depth 2N+1:
 * [A | 𝒱(s_0..s_2N) | 𝒲(s_0..s_2N) | B], point p in "layer" p+1. Not thread-safe (scratch buffers).
 */
public final class ContinuousDepthFlow implements OrdinaryDifferentialEquation {
    /** 𝒱(s) (q×m) into v and 𝒲(s) (m×q) into w, row-major. */
    @FunctionalInterface
    public interface Weights {
        void at(double s, double[] v, double[] w);
    }

    private final Architecture grid;
    private final Dataset data;
    private final int N, P, n, d, q, m, dOut;
    private final double h, kappa, c, lambda;
    private final Activation sigma;
    private final double[] hp, pp, act, dact, dHn, gPn, stage, tmp, k1, k2, k3, z, zs, zds, r;
    private long evaluations;

    /**
     * @param shape     d, q, m, d′, σ, convention and which of A, B are trained (its depth is not used)
     * @param intervals N, the number of RK4 intervals in s
     */
    public ContinuousDepthFlow(Architecture shape, Dataset data, int intervals) {
        if (intervals < 1) throw new IllegalArgumentException("intervals must be ≥ 1");
        if (data.d() != shape.d() || data.dOut() != shape.dOut()) throw new IllegalArgumentException("data dimensions");
        this.grid = shape.withDepth(2 * intervals + 1);
        this.data = data;
        N = intervals;
        P = 2 * N + 1;
        n = data.n(); d = shape.d(); q = shape.q(); m = shape.m(); dOut = shape.dOut();
        h = 1.0 / N;
        kappa = shape.convention().cRes(1, m);   // L·c_res(L), independent of L
        c = shape.cPre();
        lambda = shape.convention().lossWeight(n, dOut);
        sigma = shape.activation();
        hp = new double[P * n * q];
        pp = new double[P * n * q];
        act = new double[P * n * m];
        dact = new double[P * n * m];
        dHn = new double[(N + 1) * n * q];
        gPn = new double[(N + 1) * n * q];
        stage = new double[n * q];
        tmp = new double[n * q];
        k1 = new double[n * q];
        k2 = new double[n * q];
        k3 = new double[n * q];
        z = new double[m];
        zs = new double[m];
        zds = new double[m];
        r = new double[n * dOut];
    }

    /** The layout of the state: a ResNet θ of depth 2N+1 (layer p+1 ↔ s_p = p/(2N)). */
    public Architecture layout() { return grid; }

    public int intervals() { return N; }

    /**
     * sup_s ‖∂_s𝒱(s)‖_F + ‖∂_s𝒲(s)‖_F of the solver's piecewise-quadratic 𝒵 (derivative error O(h²)), sampled at
     * eight points per interval.
     */
    public double lipschitzInDepth(double[] y) {
        Architecture g = grid;
        int qm = g.layerV();
        double h = 1.0 / N, best = 0;
        for (int j = 0; j < N; j++)
            for (int sub = 0; sub <= 8; sub++) {
                double tau = sub / 8.0;
                // derivatives of the Lagrange basis through τ = 0, 1/2, 1, divided by h
                double d0 = (4 * tau - 3) / h, dm = (4 - 8 * tau) / h, d1 = (4 * tau - 1) / h;
                double sv = 0, sw = 0;
                for (int e = 0; e < qm; e++) {
                    int o = g.offV() + 2 * j * qm + e;
                    double dv = d0 * y[o] + dm * y[o + qm] + d1 * y[o + 2 * qm];
                    o = g.offW() + 2 * j * qm + e;
                    double dw = d0 * y[o] + dm * y[o + qm] + d1 * y[o + 2 * qm];
                    sv += dv * dv;
                    sw += dw * dw;
                }
                best = Math.max(best, Math.sqrt(sv) + Math.sqrt(sw));
            }
        return best;
    }

    public int points() { return P; }

    public double s(int point) { return point / (2.0 * N); }

    public long evaluations() { return evaluations; }

    @Override
    public int getDimension() { return grid.size(); }

    /** The state with A, B and 𝒵(s_p) = weights(s_p). */
    public double[] state(double[] a, Weights weights, double[] b) {
        double[] y = new double[grid.size()];
        System.arraycopy(a, 0, y, grid.offA(), grid.sizeA());
        System.arraycopy(b, 0, y, grid.offB(), grid.sizeB());
        double[] v = new double[q * m], w = new double[m * q];
        for (int p = 0; p < P; p++) {
            weights.at(s(p), v, w);
            System.arraycopy(v, 0, y, grid.offV() + p * q * m, q * m);
            System.arraycopy(w, 0, y, grid.offW() + p * q * m, q * m);
        }
        return y;
    }

    /** 𝒵(s) of state y by the piecewise quadratic through the node, midpoint and node of s's interval (O(h³)). */
    public void weightsAt(double[] y, double s, double[] v, double[] w) {
        int j = Math.min(N - 1, Math.max(0, (int) Math.floor(s * N)));
        double tau = s * N - j;
        double l0 = 2 * (tau - 0.5) * (tau - 1), lm = -4 * tau * (tau - 1), l1 = 2 * tau * (tau - 0.5);
        int qm = q * m;
        for (int e = 0; e < qm; e++) {
            int o = grid.offV() + 2 * j * qm + e;
            v[e] = l0 * y[o] + lm * y[o + qm] + l1 * y[o + 2 * qm];
            o = grid.offW() + 2 * j * qm + e;
            w[e] = l0 * y[o] + lm * y[o + qm] + l1 * y[o + 2 * qm];
        }
    }

    /** ℓ(y) of the neural ODE (6) with these weights (forward pass only). */
    public double loss(double[] y) {
        return forward(y);
    }

    /** H_i(s_p) from the last forward pass, into out (length q). */
    public void hidden(int point, int i, double[] out) {
        System.arraycopy(hp, (point * n + i) * q, out, 0, q);
    }

    /** F(x_i) = B H_i(1) from the last forward pass, into out (length d′). */
    public void output(int i, double[] out) {
        double[] y = data.y();
        for (int b = 0; b < dOut; b++) out[b] = r[i * dOut + b] + y[i * dOut + b];
    }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
        depthlimit.model.Cancellation.checkpoint();
        double[] f = new double[y.length];
        double l = rhs(y, f);
        if (!Double.isFinite(l)) throw new IllegalStateException("non-finite loss " + l + " at t = " + t);
        return f;
    }

    /** f = (dA/dt, ∂_t𝒱(s_p), ∂_t𝒲(s_p), dB/dt) at state y (zeros for a frozen A or B); returns ℓ(y). */
    public double rhs(double[] y, double[] f) {
        evaluations++;
        double loss = forward(y);
        backward(y);
        gradients(y, f);
        return loss;
    }

    // ------------------------------------------------------------------ forward: H at all points

    private double forward(double[] y) {
        int nq = n * q;
        double[] x = data.x();
        for (int i = 0; i < n; i++)                               // H(0) = A x
            for (int a = 0; a < q; a++) {
                double s = 0;
                for (int col = 0; col < d; col++) s += y[grid.offA() + a * d + col] * x[i * d + col];
                hp[i * q + a] = s;
            }
        for (int j = 0; j < N; j++) {                             // RK4 from node j to node j+1
            int p0 = 2 * j, pm = p0 + 1, p1 = p0 + 2;
            int hj = p0 * nq;
            residual(y, p0, hp, hj, k1, 0);
            System.arraycopy(k1, 0, dHn, j * nq, nq);
            for (int e = 0; e < nq; e++) stage[e] = hp[hj + e] + 0.5 * h * k1[e];
            residual(y, pm, stage, 0, k2, 0);
            for (int e = 0; e < nq; e++) stage[e] = hp[hj + e] + 0.5 * h * k2[e];
            residual(y, pm, stage, 0, k3, 0);
            for (int e = 0; e < nq; e++) stage[e] = hp[hj + e] + h * k3[e];
            residual(y, p1, stage, 0, tmp, 0);
            for (int e = 0; e < nq; e++)
                hp[p1 * nq + e] = hp[hj + e] + h / 6 * (k1[e] + 2 * k2[e] + 2 * k3[e] + tmp[e]);
        }
        residual(y, 2 * N, hp, 2 * N * nq, dHn, N * nq);
        for (int j = 0; j < N; j++) hermiteMid(hp, dHn, j, nq);
        for (int p = 0; p < P; p++) activations(y, p);
        double[] yy = data.y();
        int hL = 2 * N * nq;
        double sum = 0;
        for (int i = 0; i < n; i++)                               // r = B H(1) − y
            for (int b = 0; b < dOut; b++) {
                double s = 0;
                for (int a = 0; a < q; a++) s += y[grid.offB() + b * q + a] * hp[hL + i * q + a];
                double ri = s - yy[i * dOut + b];
                r[i * dOut + b] = ri;
                sum += ri * ri;
            }
        return lambda * sum;
    }

    /** Cubic Hermite value at the midpoint of interval j: (u_j + u_{j+1})/2 + (h/8)(u′_j − u′_{j+1}). */
    private void hermiteMid(double[] u, double[] du, int j, int nq) {
        int a = 2 * j * nq, mid = a + nq, b = a + 2 * nq;
        for (int e = 0; e < nq; e++)
            u[mid + e] = 0.5 * (u[a + e] + u[b + e]) + h / 8 * (du[j * nq + e] - du[(j + 1) * nq + e]);
    }

    /** out = f(H, 𝒵(s_p)) = κ 𝒱 σ(c 𝒲 H) for every sample; H from in[inOff..]. */
    private void residual(double[] y, int p, double[] in, int inOff, double[] out, int outOff) {
        int offV = grid.offV() + p * q * m, offW = grid.offW() + p * q * m;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int a = 0; a < q; a++) s += y[offW + j * q + a] * in[inOff + i * q + a];
                z[j] = c * s;
            }
            sigma.eval(z, 0, zs, zds, 0, m);
            for (int a = 0; a < q; a++) {
                double s = 0;
                for (int j = 0; j < m; j++) s += y[offV + a * m + j] * zs[j];
                out[outOff + i * q + a] = kappa * s;
            }
        }
    }

    /** σ(c 𝒲 H) and σ′(c 𝒲 H) at point p for every sample. */
    private void activations(double[] y, int p) {
        int offW = grid.offW() + p * q * m, nq = n * q, nm = n * m;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int a = 0; a < q; a++) s += y[offW + j * q + a] * hp[p * nq + i * q + a];
                z[j] = c * s;
            }
            sigma.eval(z, 0, act, dact, p * nm + i * m, m);
        }
    }

    // ------------------------------------------------------------------ backward: P at all points

    private void backward(double[] y) {
        int nq = n * q, top = 2 * N * nq;
        java.util.Arrays.fill(pp, top, top + nq, 0.0);
        for (int i = 0; i < n; i++)                               // P(1) = 2λ Bᵀ r
            for (int b = 0; b < dOut; b++) {
                double cr = 2 * lambda * r[i * dOut + b];
                for (int a = 0; a < q; a++) pp[top + i * q + a] += cr * y[grid.offB() + b * q + a];
            }
        adjointRhs(y, 2 * N, pp, top, gPn, N * nq);
        for (int j = N - 1; j >= 0; j--) {                        // RK4 from node j+1 down to node j, step −h
            int p1 = 2 * j + 2, pm = p1 - 1, p0 = 2 * j;
            int pj1 = p1 * nq;
            System.arraycopy(gPn, (j + 1) * nq, k1, 0, nq);
            for (int e = 0; e < nq; e++) stage[e] = pp[pj1 + e] - 0.5 * h * k1[e];
            adjointRhs(y, pm, stage, 0, k2, 0);
            for (int e = 0; e < nq; e++) stage[e] = pp[pj1 + e] - 0.5 * h * k2[e];
            adjointRhs(y, pm, stage, 0, k3, 0);
            for (int e = 0; e < nq; e++) stage[e] = pp[pj1 + e] - h * k3[e];
            adjointRhs(y, p0, stage, 0, tmp, 0);
            for (int e = 0; e < nq; e++)
                pp[p0 * nq + e] = pp[pj1 + e] - h / 6 * (k1[e] + 2 * k2[e] + 2 * k3[e] + tmp[e]);
            adjointRhs(y, p0, pp, p0 * nq, gPn, j * nq);
        }
        for (int j = 0; j < N; j++) hermiteMid(pp, gPn, j, nq);
    }

    /** out = −∂_1f(H(s_p), 𝒵(s_p))ᵀ P = −κ c 𝒲ᵀ[(𝒱ᵀP) ⊙ σ′(c𝒲H)], with H(s_p) from the forward pass. */
    private void adjointRhs(double[] y, int p, double[] in, int inOff, double[] out, int outOff) {
        int offV = grid.offV() + p * q * m, offW = grid.offW() + p * q * m, nm = n * m;
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(z, 0, m, 0.0);
            for (int a = 0; a < q; a++) {
                double pa = in[inOff + i * q + a];
                for (int j = 0; j < m; j++) z[j] += y[offV + a * m + j] * pa;
            }
            for (int j = 0; j < m; j++) z[j] *= dact[p * nm + i * m + j];
            for (int a = 0; a < q; a++) out[outOff + i * q + a] = 0;
            for (int j = 0; j < m; j++) {
                double zj = -kappa * c * z[j];
                for (int a = 0; a < q; a++) out[outOff + i * q + a] += y[offW + j * q + a] * zj;
            }
        }
    }

    // ------------------------------------------------------------------ the functional gradient

    private void gradients(double[] y, double[] f) {
        java.util.Arrays.fill(f, 0.0);
        int nq = n * q, nm = n * m, qm = q * m;
        for (int p = 0; p < P; p++) {
            int offV = grid.offV() + p * qm, offW = grid.offW() + p * qm;
            for (int i = 0; i < n; i++) {
                int pi = p * nq + i * q, ai = p * nm + i * m;
                for (int a = 0; a < q; a++) {                     // ∂_t𝒱 = −κ Σ_i P σᵀ
                    double pa = -kappa * pp[pi + a];
                    for (int j = 0; j < m; j++) f[offV + a * m + j] += pa * act[ai + j];
                }
                java.util.Arrays.fill(z, 0, m, 0.0);
                for (int a = 0; a < q; a++) {
                    double pa = pp[pi + a];
                    for (int j = 0; j < m; j++) z[j] += y[offV + a * m + j] * pa;
                }
                for (int j = 0; j < m; j++) {                     // ∂_t𝒲 = −κ c Σ_i [(𝒱ᵀP) ⊙ σ′] Hᵀ
                    double g = -kappa * c * z[j] * dact[ai + j];
                    for (int a = 0; a < q; a++) f[offW + j * q + a] += g * hp[pi + a];
                }
            }
        }
        if (grid.trainA()) {
            double[] x = data.x();
            for (int i = 0; i < n; i++)
                for (int a = 0; a < q; a++)
                    for (int col = 0; col < d; col++) f[grid.offA() + a * d + col] -= pp[i * q + a] * x[i * d + col];
        }
        if (grid.trainB()) {
            int top = 2 * N * nq;
            for (int i = 0; i < n; i++)
                for (int b = 0; b < dOut; b++) {
                    double cr = 2 * lambda * r[i * dOut + b];
                    for (int a = 0; a < q; a++) f[grid.offB() + b * q + a] -= cr * hp[top + i * q + a];
                }
        }
    }

    // ------------------------------------------------------------------ integration in training time

    /** States at the requested times, or how the integration failed. */
    public record Solution(boolean completed, String reason, double[] times, List<double[]> states, double[] losses,
                           long evaluations, long acceptedSteps, double wallSeconds) {}

    /**
     * Integrates dy/dt = rhs(y) from 0 to T with Hipparchus' Dormand–Prince 8(5,3), sampling through its
     * dense output (order 7) at {@code times} (sorted, within [0, T]). A failure (budget, step underflow,
     * non-finite loss) ends the solution with completed = false and the reason, never an exception.
     */
    public Solution integrate(double[] y0, double T, double[] times, double rtol, double atol, int maxEvaluations) {
        long start = System.nanoTime();
        long evals0 = evaluations;
        DormandPrince853Integrator integ = new DormandPrince853Integrator(1e-12 * T, T, atol, rtol);
        integ.setMaxEvaluations(maxEvaluations);
        List<double[]> states = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        int[] next = {0};
        long[] accepted = {0};
        while (next[0] < times.length && times[next[0]] <= 0) {
            states.add(y0.clone());
            losses.add(loss(y0));
            next[0]++;
        }
        integ.addStepHandler(interp -> {
            accepted[0]++;
            double t1 = interp.getCurrentState().getTime();
            while (next[0] < times.length && times[next[0]] <= t1) {
                double ts = times[next[0]++];
                ODEStateAndDerivative st = ts == t1 ? interp.getCurrentState() : interp.getInterpolatedState(ts);
                double[] yy = st.getPrimaryState().clone();
                states.add(yy);
                losses.add(loss(yy));
            }
        });
        boolean ok = true;
        String reason = "";
        try {
            if (T > 0) integ.integrate(this, new ODEState(0, y0.clone()), T);
        } catch (MathRuntimeException | IllegalStateException e) {
            ok = false;
            reason = "continuous-depth flow: " + e.getMessage();
        }
        if (ok && states.size() < times.length) {
            ok = false;
            reason = "continuous-depth flow: stopped before the last sample time";
        }
        return new Solution(ok, reason, java.util.Arrays.copyOf(times, states.size()), states,
                losses.stream().mapToDouble(Double::doubleValue).toArray(), evaluations - evals0, accepted[0],
                (System.nanoTime() - start) / 1e9);
    }
}
