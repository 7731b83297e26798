package depthlimit.flow;

import depthlimit.data.Dataset;
import depthlimit.model.Backprop;
import depthlimit.model.Parallel;
import depthlimit.spec.ExperimentSpec;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link FlatDormandPrince853} against Hipparchus' DormandPrince853Integrator on the gradient flow (4): the same
 * accepted steps and rejections, the states at every step end and at interpolated times equal up to rounding, the
 * evaluation count it promises, and bit-identical results for 1 and 2 threads.
 *
 * <p>Tolerances: both run the same arithmetic for the stages and the state, with coefficients equal to about 1 ulp
 * (Hipparchus computes some from √6; these are Hairer's decimals rounded to double), and differ in rounding only.
 * The error estimate, though, is a cancelling sum (Σ E_l k_l with Σ E_l = 0, about 10⁻⁸ of the k_l at these
 * tolerances), so its rounding moves it by up to ~10⁻⁸ relative and the step size, err^(−1/8), by ~10⁻⁹: step ends
 * agree to 1e-8 relative (measured ≤ 4e-10). States then differ by the flow's speed times those time shifts plus
 * rounding: asserted 1e-10 relative to ‖θ‖∞ at rtol 1e-8 (measured 3e-12) and, at rtol 1e-2 over 205 steps, T = 30,
 * 1e-7 plus the speed-times-shift term 2·max‖θ′‖∞·STEP_TOL·T/‖θ‖∞ (measured 1.2e-6 at the midpoints, 3e-8 at
 * step ends, step ends 7.9e-9 relative, i.e. up to 2.3e-7 apart). ‖θ′‖∞ is ≤ 3.0 at every step end (‖θ‖∞ = 3.0) but
 * 12.9 at the interpolated midpoint of step 192 (t ≈ 28.8, h = 0.12), where the difference peaks: at rtol 1e-2 the
 * order-7 dense output is far less accurate than the step ends, and its value moves with the step geometry; the
 * midpoints differ by the same 1.1e-6 when both interpolants are evaluated at the same time. (The former GP draw, before φ_j(0) > 0 fixed the modes' signs, moved
 * slowly enough for 1e-7 alone: 2e-9 measured.) A wrong stage or dense-output coefficient changes results
 * by the method's local error, ~rtol, far above both; a different step-size rule changes the step count.
 */
class FlatDormandPrince853Test {
    static final double STEP_TOL = 1e-8;

    private record Problem(GradientFlow flow, double[] theta0) {}

    private static Problem problem(int depth, int n) {
        return problem(depth, n, "gelu");
    }

    private static Problem problem(int depth, int n, String activation) {
        return problem("{\"model\": {\"convention\": \"authors-code\", \"activation\": \"" + activation + "\", \"depth\": " + depth
                + ", \"width\": 32, \"hidden\": 16, \"input\": 16, \"output\": 16}, \"data\": {\"generator\": \"gaussian\", "
                + "\"n\": " + n + ", \"seed\": 3}, \"init\": {\"scheme\": \"weight-tied\", \"seed\": 4}, "
                + "\"train\": {\"method\": \"dp853\", \"T\": 1}}");
    }

    private static Problem problem(String json) {
        ExperimentSpec s;
        try {
            s = ExperimentSpec.parse(depthlimit.io.Json.parse(json), Path.of("."));
        } catch (depthlimit.io.Json.ParseException e) {
            throw new IllegalStateException(e);
        }
        Dataset data = s.createData();
        return new Problem(new GradientFlow(new Backprop(s.architecture(), data), Double.NaN), s.createParameters().theta);
    }

    private record Run(List<Double> stepEnds, List<double[]> states, List<double[]> interpolated, long evaluations,
                       long accepted, long rejected, long dense) {}

    /** Step ends, the state at each and at the midpoint of each step. */
    private static Run flat(Problem p, double T, double rtol, double atol) {
        FlatDormandPrince853 dp = new FlatDormandPrince853(p.flow(), 1e-12 * T, T, atol, rtol, 100_000);
        List<Double> ends = new ArrayList<>();
        List<double[]> states = new ArrayList<>(), mids = new ArrayList<>();
        dp.integrate(p.theta0(), T, (t0, t1, y) -> {
            ends.add(t1);
            states.add(y.clone());
            double[] m = new double[y.length];
            dp.interpolate(0.5 * (t0 + t1), m);
            mids.add(m);
        });
        return new Run(ends, states, mids, dp.evaluations(), dp.acceptedSteps(), dp.rejectedSteps(), dp.denseSteps());
    }

    private static Run hipparchus(Problem p, double T, double rtol, double atol) {
        DormandPrince853Integrator integ = new DormandPrince853Integrator(1e-12 * T, T, atol, rtol);
        List<Double> ends = new ArrayList<>();
        List<double[]> states = new ArrayList<>(), mids = new ArrayList<>();
        integ.addStepHandler(interp -> {
            ODEStateAndDerivative end = interp.getCurrentState();
            ends.add(end.getTime());
            states.add(end.getPrimaryState().clone());
            mids.add(interp.getInterpolatedState(0.5 * (interp.getPreviousState().getTime() + end.getTime())).getPrimaryState());
        });
        long before = p.flow().evaluations();
        integ.integrate(p.flow(), new ODEState(0, p.theta0().clone()), T);
        return new Run(ends, states, mids, p.flow().evaluations() - before, ends.size(), -1, -1);
    }

    private static double relDiff(double[] a, double[] b) {
        double d = 0, s = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
            s = Math.max(s, Math.abs(b[i]));
        }
        return d / s;
    }

    private static void compare(String what, Run f, Run h, double tol) {
        assertEquals(h.stepEnds().size(), f.stepEnds().size(), what + ": accepted steps");
        double worstState = 0, worstMid = 0, worstEnd = 0;
        for (int i = 0; i < f.stepEnds().size(); i++) {
            double te = h.stepEnds().get(i);
            worstEnd = Math.max(worstEnd, Math.abs(te - f.stepEnds().get(i)) / te);
            worstState = Math.max(worstState, relDiff(f.states().get(i), h.states().get(i)));
            worstMid = Math.max(worstMid, relDiff(f.interpolated().get(i), h.interpolated().get(i)));
        }
        System.out.printf("flat dp853 vs Hipparchus, %s: %d steps (%d rejected), evaluations %d vs %d; max relative "
                + "difference %.2e at step ends, %.2e at midpoints; step ends %.2e%n", what, f.accepted(), f.rejected(), f.evaluations(),
                h.evaluations(), worstState, worstMid, worstEnd);
        assertTrue(worstEnd <= STEP_TOL, what + ": step ends differ by " + worstEnd);
        assertTrue(worstState <= tol, what + ": states at step ends differ by " + worstState);
        assertTrue(worstMid <= tol, what + ": interpolated states differ by " + worstMid);
        // Hipparchus: 2 to start (derivative, initial-step probe) and 15 per attempt; flat: 11 per rejected attempt,
        // 12 per accepted step, 3 more per step whose dense output was used
        long attempts = (h.evaluations() - 2) / 15;
        assertEquals(h.evaluations() - 2, 15 * attempts, what + ": Hipparchus' count decomposes into attempts");
        assertEquals(attempts - f.accepted(), f.rejected(), what + ": same rejections as Hipparchus");
        assertEquals(2 + 12 * f.accepted() + 11 * f.rejected() + 3 * f.dense(), f.evaluations(), what + ": evaluations");
    }

    @Test
    void sameStepsAndStatesAsHipparchusAtTightTolerance() {
        Problem p = problem(8, 20);
        compare("L = 8, rtol 1e-8", flat(p, 0.5, 1e-8, 1e-10), hipparchus(p, 0.5, 1e-8, 1e-10), 1e-10);
    }

    @Test
    void sameRejectionsAsHipparchusAtLooseTolerance() {
        // the paper's convention, trained A and B, a GP initialization: a flow that moves far by T = 30
        Problem p = problem("{\"model\": {\"convention\": \"paper\", \"activation\": \"tanh\", \"depth\": 6, \"width\": 4, "
                + "\"hidden\": 5, \"input\": 2, \"output\": 3}, \"data\": {\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1}, "
                + "\"init\": {\"scheme\": \"gp\", \"seed\": 3, \"lengthScale\": 0.4}, \"train\": {\"method\": \"dp853\", \"T\": 30}}");
        Run f = flat(p, 30, 1e-2, 1e-6), h = hipparchus(p, 30, 1e-2, 1e-6);
        assertTrue(f.rejected() > 0, "a loose tolerance over a long time rejects some steps");
        // step ends may shift by STEP_TOL·T; the state at (and the interpolant between) shifted ends then moves by the
        // flow's speed times the shift, at both ends of a step: 2·max‖θ′‖∞·STEP_TOL·T relative to ‖θ‖∞, on top of
        // the 1e-7 of the header; the speed is taken at the step ends and at the interpolated midpoints
        double speed = 0, scale = 0;
        for (List<double[]> ys : List.of(h.states(), h.interpolated()))
            for (double[] y : ys) {
                for (double v : p.flow().computeDerivatives(0, y)) speed = Math.max(speed, Math.abs(v));
                for (double v : y) scale = Math.max(scale, Math.abs(v));
            }
        compare("L = 4, T = 30, rtol 1e-2", f, h, 1e-7 + 2 * speed * STEP_TOL * 30 / scale);
    }

    /** Above the parallel threshold (65,536 unknowns: 16 chunks), 1 and 2 threads give the same bits. */
    @Test
    void bitIdenticalForOneAndTwoThreads() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Run one = flat(problem(64, 10), 0.2, 1e-8, 1e-10);
            Parallel.setThreads(2);
            Run two = flat(problem(64, 10), 0.2, 1e-8, 1e-10);
            assertEquals(one.stepEnds(), two.stepEnds());
            for (int i = 0; i < one.states().size(); i++) {
                assertArrayEquals(one.states().get(i), two.states().get(i), 0.0);
                assertArrayEquals(one.interpolated().get(i), two.interpolated().get(i), 0.0);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
