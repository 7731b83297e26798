package depthlimit.limit;

import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.init.GaussianProcess;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.model.Parameters;
import depthlimit.model.Vectors;
import depthlimit.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The method-of-lines solver of the continuous-depth training system. */
class ContinuousDepthFlowTest {
    static final Architecture SHAPE = new Architecture(2, 4, 5, 2, 1, Activations.TANH, Convention.PAPER, true, true);
    static final Dataset DATA = new GaussianData(6, 11, 1.0).create(2, 2, 4);
    static final GaussianProcess GP = new GaussianProcess(5, 0.3, 1.0, 1.0);

    static double[] state(ContinuousDepthFlow f) {
        Parameters p0 = GP.create(SHAPE);
        // a generic A and B (not the identity embedding), so that every block of the gradient is exercised
        double[] a = p0.a(), b = p0.b();
        Rng rng = Rng.stream(3, "test.AB");
        for (int i = 0; i < a.length; i++) a[i] += 0.3 * rng.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] += 0.3 * rng.nextGaussian();
        return f.state(a, GP.paths(SHAPE.q(), SHAPE.m())::at, b);
    }

    /** Values of the state at the points s = j/8 (common to every N that is a multiple of 4), plus A and B. */
    static double[] atCoarsePoints(ContinuousDepthFlow f, double[] y) {
        Architecture g = f.layout();
        int qm = g.layerV(), stride = 2 * f.intervals() / 8;
        double[] out = new double[g.sizeA() + g.sizeB() + 9 * 2 * qm];
        int o = 0;
        for (int i = 0; i < g.sizeA(); i++) out[o++] = y[g.offA() + i];
        for (int i = 0; i < g.sizeB(); i++) out[o++] = y[g.offB() + i];
        for (int j = 0; j <= 8; j++) {
            int p = j * stride;
            for (int e = 0; e < qm; e++) out[o++] = y[g.offV() + p * qm + e];
            for (int e = 0; e < qm; e++) out[o++] = y[g.offW() + p * qm + e];
        }
        return out;
    }


    static double maxAbs(double[] a) {
        double w = 0;
        for (double x : a) w = Math.max(w, Math.abs(x));
        return w;
    }

    /** The functional gradient at fixed weights converges at order 4 in h = 1/N (RK4 + cubic Hermite). */
    @Test
    void rightHandSideConvergesAtOrderFourInS() {
        int[] ns = {16, 32, 64, 128};   // N = 4, 8 are pre-asymptotic (pairwise slopes 4.6, 4.6 before 4.1, 4.0)
        ContinuousDepthFlow ref = new ContinuousDepthFlow(SHAPE, DATA, 1024);
        double[] yRef = state(ref), fRef = new double[yRef.length];
        ref.rhs(yRef, fRef);
        double[] gRef = atCoarsePoints(ref, fRef);
        double[] h = new double[ns.length], err = new double[ns.length], scale = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            ContinuousDepthFlow f = new ContinuousDepthFlow(SHAPE, DATA, ns[i]);
            double[] y = state(f), g = new double[y.length];
            f.rhs(y, g);
            h[i] = 1.0 / ns[i];
            err[i] = Vectors.maxAbsDiff(atCoarsePoints(f, g), gRef);
            scale[i] = maxAbs(gRef);
        }
        RateFit fit = RateFit.fit(h, err, scale);
        System.out.printf("continuous-depth RHS: errors %s, slope %.3f [%.3f, %.3f]%n", Arrays.toString(err), fit.slope(),
                fit.slopeLow(), fit.slopeHigh());
        assertTrue(fit.consistentWith(4.0, 0.3), fit.toMap().toString());
    }

    /**
     * The right-hand side is minus the L²([0,1]) gradient of ℓ: the derivative of ℓ along a smooth direction
     * δ = (δA, δ𝒵(s), δB), by central differences, equals −∫⟨rhs(s), δ𝒵(s)⟩ds − ⟨rhs_A, δA⟩ − ⟨rhs_B, δB⟩
     * (composite Simpson over nodes and midpoints). With the printed adjoint (no minus sign, no transpose) the
     * two would differ at O(1). Budget: the discretization gap is O(h⁴) (measured 3.0·10⁻⁷, 1.9·10⁻⁸, 1.2·10⁻⁹,
     * 8·10⁻¹¹ at N = 32, 64, 128, 256: ratios ≈ 16), the fourth-order difference quotient adds O(ε⁴) ≈ 10⁻¹² and
     * round-off ε_mach/ε ≈ 10⁻¹³; at N = 256 the relative gap is ≈ 6·10⁻¹⁰.
     */
    @Test
    void rightHandSideIsMinusTheFunctionalGradient() {
        ContinuousDepthFlow f = new ContinuousDepthFlow(SHAPE, DATA, 256);
        double[] y = state(f), g = new double[y.length];
        f.rhs(y, g);
        GaussianProcess.Paths dir = new GaussianProcess(99, 0.4, 1.0, 1.0).paths(SHAPE.q(), SHAPE.m());
        double[] dy = f.state(new double[SHAPE.sizeA()], dir::at, new double[SHAPE.sizeB()]);
        Rng rng = Rng.stream(4, "test.direction");
        Architecture lay = f.layout();
        for (int i = 0; i < lay.sizeA(); i++) dy[lay.offA() + i] = rng.nextGaussian();
        for (int i = 0; i < lay.sizeB(); i++) dy[lay.offB() + i] = rng.nextGaussian();
        double eps = 1e-3;
        double fd = (8 * (lossAt(f, y, dy, eps) - lossAt(f, y, dy, -eps)) - (lossAt(f, y, dy, 2 * eps)
                - lossAt(f, y, dy, -2 * eps))) / (12 * eps);
        double h = 1.0 / f.intervals(), inner = 0;
        int qm = lay.layerV();
        for (int p = 0; p < f.points(); p++) {
            double w = p % 2 == 1 ? 4 * h / 6 : (p == 0 || p == f.points() - 1 ? h / 6 : 2 * h / 6);
            for (int e = 0; e < qm; e++) {
                inner += w * g[lay.offV() + p * qm + e] * dy[lay.offV() + p * qm + e];
                inner += w * g[lay.offW() + p * qm + e] * dy[lay.offW() + p * qm + e];
            }
        }
        for (int i = 0; i < lay.sizeA(); i++) inner += g[lay.offA() + i] * dy[lay.offA() + i];
        for (int i = 0; i < lay.sizeB(); i++) inner += g[lay.offB() + i] * dy[lay.offB() + i];
        System.out.printf("directional derivative: finite differences %.12g, −⟨rhs, δ⟩ %.12g%n", fd, -inner);
        assertEquals(fd, -inner, 1e-8 * Math.abs(fd));
    }

    static double lossAt(ContinuousDepthFlow f, double[] y, double[] dy, double eps) {
        double[] z = y.clone();
        for (int i = 0; i < z.length; i++) z[i] += eps * dy[i];
        return f.loss(z);
    }

    /**
     * The ResNet's flow direction −L ∂ℓ/∂Z_k (eq. (4)) with V_k = 𝒱(k/L), W_k = 𝒲(k/L) approaches the functional
     * gradient at s = k/L at rate 1/L (h_{k−1}, p_k are O(1/L) from H(k/L), P(k/L)): checks κ, c and λ.
     */
    @Test
    void resnetFlowDirectionApproachesTheFunctionalGradientAtRateOneOverL() {
        ContinuousDepthFlow f = new ContinuousDepthFlow(SHAPE, DATA, 64);
        double[] y = state(f), g = new double[y.length];
        f.rhs(y, g);
        Architecture lay = f.layout();
        int qm = lay.layerV();
        int[] depths = {16, 32, 64, 128};
        double[] h = new double[4], err = new double[4], scale = new double[4];
        for (int i = 0; i < 4; i++) {
            int L = depths[i];
            Architecture a = SHAPE.withDepth(L);
            Parameters p = GP.create(a);
            p.setA(Arrays.copyOfRange(y, lay.offA(), lay.offV()));
            p.setB(Arrays.copyOfRange(y, lay.offB(), lay.size()));
            double[] grad = new double[a.size()];
            new Backprop(a, DATA).lossAndGradient(p.theta, grad);
            double e = 0;
            for (int k = 1; k <= L; k++) {
                int pt = k * 2 * f.intervals() / L;
                double dv = 0, dw = 0;
                for (int t = 0; t < qm; t++) {
                    double ev = -L * grad[p.offV(k) + t] - g[lay.offV() + pt * qm + t];
                    double ew = -L * grad[p.offW(k) + t] - g[lay.offW() + pt * qm + t];
                    dv += ev * ev;
                    dw += ew * ew;
                }
                e = Math.max(e, Math.sqrt(dv) + Math.sqrt(dw));
            }
            for (int t = 0; t < a.sizeA(); t++) e = Math.max(e, Math.abs(-grad[a.offA() + t] - g[lay.offA() + t]));
            h[i] = 1.0 / L;
            err[i] = e;
            scale[i] = maxAbs(g);
        }
        RateFit fit = RateFit.fit(h, err, scale);
        System.out.printf("ResNet flow direction vs functional gradient: %s, slope %.3f%n", Arrays.toString(err), fit.slope());
        assertTrue(fit.consistentWith(1.0, 0.15), fit.toMap().toString());
    }

    /** The whole training flow to t = 1 converges at order 4 in h = 1/N (dp853 in t at rtol 10⁻¹², far below). */
    @Test
    void trainingFlowConvergesAtOrderFourInS() {
        int[] ns = {16, 32, 64};   // N = 4, 8 are pre-asymptotic (pairwise slopes 5.0, 5.4)
        double T = 1.0;
        ContinuousDepthFlow ref = new ContinuousDepthFlow(SHAPE, DATA, 256);
        ContinuousDepthFlow.Solution sr = ref.integrate(state(ref), T, new double[]{T}, 1e-12, 1e-13, 1_000_000);
        assertTrue(sr.completed(), sr.reason());
        double[] zRef = atCoarsePoints(ref, sr.states().get(0));
        double[] h = new double[ns.length], err = new double[ns.length], scale = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            ContinuousDepthFlow f = new ContinuousDepthFlow(SHAPE, DATA, ns[i]);
            ContinuousDepthFlow.Solution s = f.integrate(state(f), T, new double[]{T}, 1e-12, 1e-13, 1_000_000);
            assertTrue(s.completed(), s.reason());
            h[i] = 1.0 / ns[i];
            err[i] = Vectors.maxAbsDiff(atCoarsePoints(f, s.states().get(0)), zRef);
            scale[i] = maxAbs(zRef);
        }
        RateFit fit = RateFit.fit(h, err, scale);
        System.out.printf("continuous-depth flow at t = %.1f (ref N = 256, %d evaluations): errors %s, slope %.3f%n", T,
                sr.evaluations(), Arrays.toString(err), fit.slope());
        assertTrue(fit.consistentWith(4.0, 0.3), fit.toMap().toString());
    }

    /** Piecewise-quadratic interpolation of 𝒵 in s reproduces the stored values and is O(h³) in between. */
    @Test
    void weightsAtInterpolatesTheGrid() {
        ContinuousDepthFlow f = new ContinuousDepthFlow(SHAPE, DATA, 32);
        double[] y = state(f);
        GaussianProcess.Paths exact = GP.paths(SHAPE.q(), SHAPE.m());
        int qm = SHAPE.layerV();
        double[] v = new double[qm], w = new double[qm], ve = new double[qm], we = new double[qm];
        double worst = 0;
        for (int k = 0; k <= 100; k++) {
            double s = k / 100.0;
            f.weightsAt(y, s, v, w);
            exact.at(s, ve, we);
            worst = Math.max(worst, Math.max(Vectors.maxAbsDiff(v, ve), Vectors.maxAbsDiff(w, we)));
        }
        f.weightsAt(y, f.s(5), v, w);
        assertEquals(0.0, Vectors.maxAbsDiff(v, Arrays.copyOfRange(y, f.layout().offV() + 5 * qm, f.layout().offV() + 6 * qm)), 1e-15);
        // |𝒵'''| of an SE path with ℓ = 0.3 is ≲ 10³, the interpolation error ≤ |𝒵'''| h³/(72√3) ≈ 2.5·10⁻⁴
        assertTrue(worst < 3e-4, "interpolation error " + worst);
    }
}
