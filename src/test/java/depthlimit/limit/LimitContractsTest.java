package depthlimit.limit;

import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.init.GaussianProcess;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contracts of the continuous-depth solvers that the convergence tests do not pin (found by PIT on
 * {@code depthlimit.limit}): the Lipschitz constant in depth against a closed form, the network output, the
 * evaluation and step counts the claims report, the failure results (evaluation budget, sample times out of reach),
 * the input check, and a right-hand side that overwrites its output.
 */
class LimitContractsTest {
    static final Architecture SHAPE = new Architecture(2, 3, 4, 2, 1, Activations.TANH, Convention.PAPER, true, true);
    static final Dataset DATA = new GaussianData(5, 7, 1.0).create(2, 2, 3);

    /** 𝒱(s) = s²M + sN and 𝒲(s) = s²P entry by entry, with M, N ≥ 0 so that ‖∂_s𝒱‖ and ‖∂_s𝒲‖ grow with s. */
    static final ContinuousDepthFlow.Weights QUADRATIC = (s, v, w) -> {
        for (int e = 0; e < v.length; e++) {
            v[e] = s * s * m(e) + s * nn(e);
            w[e] = s * s * p(e);
        }
    };

    static double m(int e) { return 0.3 + 0.1 * (e % 5); }
    static double nn(int e) { return 0.2 * Math.abs(Math.sin(e + 1)); }
    static double p(int e) { return Math.cos(0.7 * e); }

    /** A fixed, generic A (not the identity embedding). */
    static double[] embedding() {
        double[] a = new double[SHAPE.sizeA()];
        for (int i = 0; i < a.length; i++) a[i] = Math.sin(1 + i);
        return a;
    }

    static double[] state(ContinuousDepthFlow f) {
        double[] a = embedding(), b = new double[SHAPE.sizeB()];
        for (int i = 0; i < b.length; i++) b[i] = Math.cos(2 + i);
        return f.state(a, QUADRATIC, b);
    }

    /**
     * Quadratic 𝒱 and 𝒲 are reproduced exactly by the solver's piecewise-quadratic interpolation, so
     * sup_s ‖∂_s𝒱‖_F + ‖∂_s𝒲‖_F over its sample points s = k/(8N) is the closed form ‖2M + N‖_F + 2‖P‖_F (at s = 1)
     * up to rounding in the Lagrange derivatives (divided by h = 1/N: relative 10⁻¹³ is ample).
     */
    @Test
    void lipschitzConstantInDepthIsTheClosedFormForAQuadraticWeightFunction() {
        int qm = SHAPE.q() * SHAPE.m();
        double dv = 0, dw = 0;
        for (int e = 0; e < qm; e++) {
            dv += Math.pow(2 * m(e) + nn(e), 2);
            dw += p(e) * p(e);
        }
        double expected = Math.sqrt(dv) + 2 * Math.sqrt(dw);
        for (int N : new int[]{1, 3, 8}) {
            ContinuousDepthFlow f = new ContinuousDepthFlow(SHAPE, DATA, N);
            assertEquals(expected, f.lipschitzInDepth(state(f)), 1e-13 * expected, "N = " + N);
        }
        // and a 𝒱 that is largest in slope at s = 0 (N alone, decreasing s-term): the sup is found at the start
        ContinuousDepthFlow f = new ContinuousDepthFlow(SHAPE, DATA, 4);
        double[] y = f.state(new double[SHAPE.sizeA()], (s, v, w) -> {
            for (int e = 0; e < v.length; e++) { v[e] = -s * s * m(e) + 2 * s * m(e); w[e] = 0; }
        }, new double[SHAPE.sizeB()]);
        double atZero = 0;
        for (int e = 0; e < qm; e++) atZero += 4 * m(e) * m(e);
        assertEquals(Math.sqrt(atZero), f.lipschitzInDepth(y), 1e-13 * Math.sqrt(atZero));
    }

    /** F(x_i) = B H_i(1): the output the claims compare is the last hidden state mapped by B. */
    @Test
    void outputIsBTimesTheLastHiddenState() {
        ContinuousDepthFlow f = new ContinuousDepthFlow(SHAPE, DATA, 6);
        double[] y = state(f);
        f.loss(y);
        Architecture g = f.layout();
        double[] h = new double[SHAPE.q()], out = new double[SHAPE.dOut()];
        for (int i = 0; i < DATA.n(); i++) {
            f.hidden(f.points() - 1, i, h);
            f.output(i, out);
            for (int b = 0; b < SHAPE.dOut(); b++) {
                double bh = 0;
                for (int a = 0; a < SHAPE.q(); a++) bh += y[g.offB() + b * SHAPE.q() + a] * h[a];
                // out is (Bh − y) + y, one rounding of size |y| away from Bh
                assertEquals(bh, out[b], 1e-14 * (1 + Math.abs(DATA.y()[i * SHAPE.dOut() + b])), "i = " + i + ", b = " + b);
            }
        }
    }

    /**
     * The counts the claims print: every right-hand side is counted once; a solution's evaluations are those of its
     * own integration (a second run on the same solver does not include the first's); DP853 spends at least 11 new
     * evaluations per accepted step (12 stages, the first shared with the previous step); the wall time lies within
     * the test's own measurement of the call.
     */
    @Test
    void evaluationsStepsAndWallTimeAreCountedPerIntegration() {
        ContinuousDepthFlow f = new ContinuousDepthFlow(SHAPE, DATA, 4);
        double[] y = state(f), out = new double[y.length];
        assertEquals(0, f.evaluations());
        for (int k = 1; k <= 3; k++) {
            f.rhs(y, out);
            assertEquals(k, f.evaluations());
        }
        double[] times = {0.0, 0.5, 1.0};
        long before = f.evaluations(), t0 = System.nanoTime();
        ContinuousDepthFlow.Solution s1 = f.integrate(y, 1.0, times, 1e-8, 1e-10, 100_000);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        assertTrue(s1.completed(), s1.reason());
        assertEquals(3, s1.states().size());
        assertArrayEquals(y, s1.states().get(0), 0.0, "the sample at t = 0 is the initial state itself");
        assertEquals(f.loss(y), s1.losses()[0], 0.0);
        assertEquals(f.evaluations() - before, s1.evaluations());
        assertTrue(s1.acceptedSteps() >= 1 && s1.evaluations() >= 11 * s1.acceptedSteps(), s1.acceptedSteps() + " steps, " + s1.evaluations() + " evaluations");
        assertTrue(s1.wallSeconds() >= 0 && s1.wallSeconds() <= elapsed, s1.wallSeconds() + " s reported, " + elapsed + " s measured");
        long mid = f.evaluations();
        ContinuousDepthFlow.Solution s2 = f.integrate(y, 1.0, times, 1e-8, 1e-10, 100_000);
        assertEquals(f.evaluations() - mid, s2.evaluations());
        assertEquals(s1.evaluations(), s2.evaluations(), "the same integration twice");
        assertArrayEquals(s1.states().get(2), s2.states().get(2), 0.0);
    }

    /** A budget too small to reach T, or a sample time beyond T, is a failed solution with its reason, not a pass. */
    @Test
    void budgetAndUnreachableSampleTimesAreFailuresWithAReason() {
        ContinuousDepthFlow f = new ContinuousDepthFlow(SHAPE, DATA, 4);
        double[] y = state(f);
        ContinuousDepthFlow.Solution small = f.integrate(y, 50.0, new double[]{50.0}, 1e-12, 1e-14, 30);
        assertFalse(small.completed());
        assertTrue(small.reason().startsWith("continuous-depth flow: "), small.reason());
        ContinuousDepthFlow.Solution beyond = f.integrate(y, 1.0, new double[]{0.5, 2.0}, 1e-8, 1e-10, 100_000);
        assertFalse(beyond.completed());
        assertEquals("continuous-depth flow: stopped before the last sample time", beyond.reason());
        assertEquals(1, beyond.states().size());
        assertArrayEquals(new double[]{0.5}, beyond.times(), 0.0);

        double[] a = embedding();
        NeuralOde.Solution ode = NeuralOde.solve(SHAPE, DATA.x(), DATA.n(), a, QUADRATIC, new double[]{1.0}, 1e-13, 1e-15, 20);
        assertFalse(ode.completed());
        assertTrue(ode.reason().startsWith("neural ODE (6): "), ode.reason());
        NeuralOde.Solution past = NeuralOde.solve(SHAPE, DATA.x(), DATA.n(), a, QUADRATIC, new double[]{0.5, 1.5}, 1e-10, 1e-12, 100_000);
        assertFalse(past.completed());
        assertEquals("neural ODE (6): sample points beyond s = 1", past.reason());
    }

    /** H(0) = A x exactly, read through both accessors; the evaluations are counted (DP853: at least 12 for one step). */
    @Test
    void neuralOdeStartsAtAxAndCountsItsEvaluations() {
        double[] a = embedding();
        NeuralOde.Solution sol = NeuralOde.solve(SHAPE, DATA.x(), DATA.n(), a, QUADRATIC, new double[]{0.0, 1.0}, 1e-10, 1e-12, 100_000);
        assertTrue(sol.completed(), sol.reason());
        assertTrue(sol.evaluations() >= 12, sol.evaluations() + " evaluations");
        int d = SHAPE.d(), q = SHAPE.q();
        double[] h = new double[q];
        for (int i = 0; i < DATA.n(); i++) {
            sol.hidden(0, i, h);
            for (int r = 0; r < q; r++) {
                double ax = 0;
                for (int c = 0; c < d; c++) ax += a[r * d + c] * DATA.x()[i * d + c];
                assertEquals(ax, sol.hidden(0, i, r), 0.0);
                assertEquals(ax, h[r], 0.0);
            }
            sol.hidden(1, i, h);
            for (int r = 0; r < q; r++) assertEquals(h[r], sol.hidden(1, i, r), 0.0);
        }
    }

    /** At least one interval (N = 1 is a valid, coarse solver); rhs overwrites whatever its output array held. */
    @Test
    void oneIntervalIsValidAndTheRightHandSideOverwritesItsOutput() {
        assertThrows(IllegalArgumentException.class, () -> new ContinuousDepthFlow(SHAPE, DATA, 0));
        ContinuousDepthFlow one = new ContinuousDepthFlow(SHAPE, DATA, 1);
        assertEquals(3, one.points());
        ContinuousDepthFlow f = new ContinuousDepthFlow(SHAPE, DATA, 3);
        double[] y = state(f), fresh = new double[y.length], reused = new double[y.length];
        Arrays.fill(reused, 7.5);
        double l1 = f.rhs(y, fresh), l2 = f.rhs(y, reused);
        assertTrue(Double.isFinite(l1) && l1 > 0);
        assertEquals(l1, l2, 0.0);
        assertArrayEquals(fresh, reused, 0.0);
    }
}
