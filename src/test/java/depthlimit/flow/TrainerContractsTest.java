package depthlimit.flow;

import depthlimit.data.Dataset;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bookkeeping of {@link Trainer} and {@link GradientFlow} that the trajectory oracles do not see: the flow
 * direction with frozen blocks and clipping (eq. (5)) entry by entry, evaluation counts of the fixed-step methods
 * (one gradient per gd/Euler step, four per RK4 step, plus the final state), resuming, stopping on request, and
 * the statistics of an adaptive run against what an observer of the same run records.
 */
class TrainerContractsTest {
    static final Architecture ARCH = new Architecture(2, 3, 4, 2, 3, Activations.TANH, Convention.PAPER, true, false);

    static Dataset data() {
        double[] x = new double[5 * 2], y = new double[5 * 2];
        Rng.stream(1, "x").fillGaussian(x, 0, x.length, 1.0);
        Rng.stream(1, "y").fillGaussian(y, 0, y.length, 1.0);
        return new Dataset(5, 2, 2, x, y);
    }

    static double[] theta0() {
        double[] t = new double[ARCH.size()];
        Rng.stream(2, "t").fillGaussian(t, 0, t.length, 0.8);
        return t;
    }

    /**
     * f = π(−∂_Aℓ, −L ∂_Zℓ, 0 for the frozen B): each entry from the plain gradient by its definition, without and
     * with clipping at a level C that binds on some entries and not on others.
     */
    @Test
    void flowDirectionIsTheScaledClippedNegativeGradient() {
        Backprop bp = new Backprop(ARCH, data());
        double[] th = theta0(), g = new double[th.length];
        double loss = bp.lossAndGradient(th, g);
        // C = the median of the unclipped |f| over the moving entries, so that clipping binds on about half of them
        double[] mag = new double[ARCH.offB()];
        for (int i = 0; i < mag.length; i++) mag[i] = Math.abs((i < ARCH.offV() ? 1 : 3) * g[i]);
        java.util.Arrays.sort(mag);
        for (double clip : new double[]{Double.NaN, mag[mag.length / 2]}) {
            GradientFlow flow = new GradientFlow(new Backprop(ARCH, data()), clip);
            double[] f = new double[th.length];
            assertEquals(loss, flow.rhs(0.3, th, f), 0.0);
            assertEquals(loss, flow.lastLoss(), 0.0);
            assertEquals(1, flow.evaluations());
            assertArrayEquals(g, flow.lastGradient(), 0.0, "the plain gradient is kept");
            int bound = 0;
            for (int i = 0; i < th.length; i++) {
                double factor = i < ARCH.offV() ? -1 : i < ARCH.offB() ? -3 : 0;   // A trained, Z with L = 3, B frozen
                double v = factor * g[i];
                if (!Double.isNaN(clip) && Math.abs(v) > clip) { v = Math.copySign(clip, v); bound++; }
                assertEquals(v, f[i], 0.0, "entry " + i + " clip " + clip);
            }
            if (!Double.isNaN(clip)) assertTrue(bound > 0 && bound < th.length - ARCH.sizeB(), "clipping binds on some entries: " + bound);
            double[] fresh = flow.computeDerivatives(0.3, th);
            assertArrayEquals(f, fresh, 0.0);
            assertEquals(2, flow.evaluations());
            assertTrue(flow.rhsSeconds() > 0);
        }
    }

    @Test
    void nonFiniteLossRaisesDivergenceAtItsTime() {
        GradientFlow flow = new GradientFlow(new Backprop(ARCH, data()), Double.NaN);
        double[] th = theta0();
        th[ARCH.offB()] = Double.POSITIVE_INFINITY;
        var e = assertThrows(GradientFlow.Divergence.class, () -> flow.rhs(0.7, th, new double[th.length]));
        assertEquals(0.7, e.time, 0.0);
        assertTrue(e.getMessage().contains("non-finite loss") && e.getMessage().contains("0.7"), e.getMessage());
    }

    /**
     * A finite loss with a non-finite gradient is a divergence too: with B = 0 the loss λ‖y‖² = 10²⁰ is finite
     * whatever h_L is, while ∂ℓ/∂B = 2λ r h_Lᵀ = 2·(−10¹⁰)·10³⁰⁸ overflows (h_L ≈ A x = 10³⁰⁸; tanh saturates, so
     * σ′ = 0 and every other block of the gradient is 0).
     */
    @Test
    void nonFiniteGradientWithFiniteLossIsADivergence() {
        Architecture a = new Architecture(1, 1, 1, 1, 1, Activations.TANH, Convention.PAPER, true, true);
        Dataset one = new Dataset(1, 1, 1, new double[]{1}, new double[]{1e10});
        double[] th = {1e308, 1, 1, 0};   // A, V_1, W_1, B
        GradientFlow flow = new GradientFlow(new Backprop(a, one), Double.NaN);
        var e = assertThrows(GradientFlow.Divergence.class, () -> flow.rhs(0.2, th, new double[4]));
        assertTrue(e.getMessage().startsWith("non-finite gradient"), e.getMessage());
        assertEquals(1e20, flow.lastLoss(), 1e5);
        TrainingResult r = new Trainer(new Backprop(a, one), TrainSpec.gd(0.1, 3, Double.NaN)).run(th);
        assertEquals(Status.DIVERGED, r.status());
        assertTrue(!r.completed() && r.reason().contains("non-finite gradient"), r.reason());
    }

    /**
     * The finiteness check of the flow direction runs as four interleaved chains and a tail: a single ±∞ or NaN
     * anywhere in a block (each position modulo 4, the tail, the block's edges) must be seen, clipped or not, and a
     * block of huge but finite entries (whose plain sum would overflow) is not a divergence.
     */
    @Test
    void everyPositionOfTheFinitenessCheckIsSeen() {
        for (int len : new int[]{1, 3, 4, 7, 8, 13})
            for (int bad = 0; bad < len; bad++)
                for (double x : new double[]{Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
                    for (double clip : new double[]{Double.NaN, 5}) {
                        double[] g = new double[len + 2], f = new double[len + 2];
                        java.util.Arrays.fill(g, 0.5);
                        g[1 + bad] = x;
                        double s = GradientFlow.scale(g, 1, len, -2.0, clip, f);
                        boolean caught = !Double.isFinite(s);
                        // clipping maps ±∞ to ±clip (finite), as π does; only NaN survives it
                        boolean expected = Double.isNaN(clip) || Double.isNaN(x);
                        assertEquals(expected, caught, "len " + len + ", entry " + bad + " = " + x + ", clip " + clip);
                        for (int i = 1; i <= len; i++) if (i != 1 + bad) assertEquals(Double.isNaN(clip) ? -1.0 : -1.0, f[i], 0.0);
                    }
        double[] huge = new double[9], f = new double[9];
        java.util.Arrays.fill(huge, 1e308);
        assertEquals(0.0, GradientFlow.scale(huge, 0, 9, 1.0, Double.NaN, f), 0.0);
    }

    /** gd and Euler: one gradient per step plus one at the final state; RK4: four per step plus one. */
    @Test
    void fixedStepStatisticsCountEveryEvaluation() {
        double h = 0.01;
        int steps = 7;
        for (Method m : new Method[]{Method.GD, Method.EULER, Method.RK4}) {
            List<Double> times = new ArrayList<>();
            List<Long> sampled = new ArrayList<>();
            TrainingResult r = new Trainer(new Backprop(ARCH, data()), TrainSpec.fixed(m, h, steps, Double.NaN, 3))
                    .observe((index, t, step, theta, loss, grad) -> sampled.add(step))
                    .progress(times::add).run(theta0());
            assertEquals(List.of(0L, 3L, (long) steps), sampled, "samples 0, 3 and the end");
            assertTrue(r.completed(), r.reason());
            assertEquals(steps, r.finalStep());
            assertEquals(steps * h, r.finalTime(), 1e-15);
            SolverStats s = r.stats();
            assertEquals(m == Method.RK4 ? 4L * steps + 1 : steps + 1, s.rhsEvaluations(), m.specName());
            assertEquals(0, s.metricEvaluations());
            assertEquals(steps, s.acceptedSteps());
            assertEquals(0, s.rejectedSteps());
            assertEquals(h, s.minStep(), 0.0);
            assertEquals(h, s.maxStep(), 0.0);
            assertEquals(steps + 1, times.size(), "progress after every step, t = 0 included");
            assertEquals(steps * h, times.get(times.size() - 1), 1e-15);
            // the final loss is the loss of the returned state
            assertEquals(new Backprop(ARCH, data()).loss(r.finalTheta()), r.finalLoss(), 0.0);
        }
    }

    /** A fixed-step run stopped and resumed from its checkpoint ends bit for bit where the uninterrupted run ends. */
    @Test
    void resumedRunEqualsTheUninterruptedRun() {
        for (Method m : new Method[]{Method.GD, Method.RK4}) {
            TrainSpec spec = TrainSpec.fixed(m, 0.02, 10, 0.1, 3, 4, 6);
            double[] th0 = theta0();
            TrainingResult whole = new Trainer(new Backprop(ARCH, data()), spec).run(th0);
            int[] calls = {0};
            TrainingResult first = new Trainer(new Backprop(ARCH, data()), spec).stopWhen(() -> ++calls[0] > 4).run(th0);
            assertEquals(Status.INTERRUPTED, first.status());
            assertTrue(!first.completed());
            assertEquals(4, first.finalStep(), "stopped when asked after step 4's observers ran");
            assertTrue(first.reason().contains("step 4 of 10"), first.reason());
            List<Long> steps = new ArrayList<>(), samples = new ArrayList<>();
            TrainingResult rest = new Trainer(new Backprop(ARCH, data()), spec).observe(new TrajectoryObserver() {
                @Override public void step(long step, double t, double[] theta) { steps.add(step); }
                @Override public void sample(int index, double t, long step, double[] theta, double loss, double[] grad) { samples.add(step); }
            }).resume(first.finalTheta(), first.finalStep());
            assertTrue(rest.completed());
            assertArrayEquals(whole.finalTheta(), rest.finalTheta(), 0.0, m.specName());
            assertEquals(whole.finalLoss(), rest.finalLoss(), 0.0);
            assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L), steps, "step 4 was observed before the checkpoint");
            assertEquals(List.of(6L, 10L), samples, "samples 0, 3 and 4 were recorded before the checkpoint");
            // a checkpoint at the last step: nothing left to do, every sample already recorded
            TrainingResult atEnd = new Trainer(new Backprop(ARCH, data()), spec).resume(whole.finalTheta(), 10);
            assertTrue(atEnd.completed());
            assertEquals(10, atEnd.finalStep());
            assertArrayEquals(whole.finalTheta(), atEnd.finalTheta(), 0.0);
        }
        Trainer adaptive = new Trainer(new Backprop(ARCH, data()), TrainSpec.adaptive(Method.DP54, 1, 1e-6, 1e-8, 1000, Double.NaN));
        assertThrows(IllegalStateException.class, () -> adaptive.resume(theta0(), 0));
    }

    /**
     * An adaptive run's statistics against an observer of the same run: accepted steps = step callbacks after t = 0,
     * smallest and largest step = those of the observed step ends, one metric evaluation per sample time (the last
     * sample is at T, the last step end), and the Hipparchus cost per attempt (15 evaluations for dp853, 6 for dp54,
     * 2 to start): evaluations = 2 + per-attempt × (accepted + rejected).
     */
    @Test
    void adaptiveStatisticsMatchAnObserver() {
        for (Method m : new Method[]{Method.DP853, Method.DP54}) {
            List<Double> ends = new ArrayList<>();
            List<Long> stepIdx = new ArrayList<>();
            int[] samples = {0};
            TrainSpec spec = TrainSpec.adaptive(m, 2.0, 1e-9, 1e-11, 100_000, Double.NaN, 0.5, 1.0, 1.5);
            TrainingResult r = new Trainer(new Backprop(ARCH, data()), spec).observe(new TrajectoryObserver() {
                @Override public void step(long step, double t, double[] theta) { ends.add(t); stepIdx.add(step); }
                @Override public void sample(int index, double t, long step, double[] theta, double loss, double[] grad) { samples[0]++; }
            }).run(theta0());
            assertTrue(r.completed(), r.reason());
            SolverStats s = r.stats();
            assertEquals(ends.size() - 1, s.acceptedSteps(), m.specName());
            assertEquals(s.acceptedSteps(), r.finalStep());
            assertEquals(stepIdx.get(stepIdx.size() - 1), r.finalStep());
            double lo = Double.POSITIVE_INFINITY, hi = 0;
            for (int i = 1; i < ends.size(); i++) { lo = Math.min(lo, ends.get(i) - ends.get(i - 1)); hi = Math.max(hi, ends.get(i) - ends.get(i - 1)); }
            assertEquals(lo, s.minStep(), 1e-15);
            assertEquals(hi, s.maxStep(), 1e-15);
            assertTrue(lo < hi, "the step adapts");
            assertEquals(5, samples[0]);
            assertEquals(5, s.metricEvaluations(), "one per sample time 0, 0.5, 1, 1.5, 2");
            assertEquals(2.0, r.finalTime(), 0.0);
            assertTrue(s.rejectedSteps() >= 0, "count known");
            if (m == Method.DP54) // Hipparchus' Dormand–Prince 5(4): 6 evaluations per attempt (FSAL), 2 to start
                assertEquals(2 + 6 * (s.acceptedSteps() + s.rejectedSteps()), s.rhsEvaluations(), m.specName());
            else { // FlatDormandPrince853: 12 per accepted step, 11 per rejected attempt, 3 per step whose dense output a sample used
                long dense = s.rhsEvaluations() - 2 - 12 * s.acceptedSteps() - 11 * s.rejectedSteps();
                assertTrue(dense % 3 == 0 && dense / 3 >= 1 && dense / 3 <= Math.min(5, s.acceptedSteps()),
                        "dp853: " + s + ", dense-output evaluations " + dense + " (the interior samples 0.5, 1, 1.5 need at least one)");
            }
            assertEquals(new Backprop(ARCH, data()).loss(r.finalTheta()), r.finalLoss(), 0.0);
        }
    }

    /** Stopping an adaptive run: INTERRUPTED at the last accepted step, its loss recomputed there. */
    @Test
    void adaptiveRunStopsOnRequest() {
        int[] polls = {0};
        List<Double> ends = new ArrayList<>();
        TrainingResult r = new Trainer(new Backprop(ARCH, data()), TrainSpec.adaptive(Method.DP54, 5.0, 1e-8, 1e-10, 100_000, Double.NaN))
                .observe(new TrajectoryObserver() {
                    @Override public void step(long step, double t, double[] theta) { ends.add(t); }
                    @Override public void sample(int index, double t, long step, double[] theta, double loss, double[] grad) {}
                }).stopWhen(() -> ++polls[0] >= 3).run(theta0());
        assertEquals(Status.INTERRUPTED, r.status());
        assertEquals(3, r.finalStep());
        assertEquals(ends.get(3), r.finalTime(), 0.0);
        assertTrue(r.finalTime() < 5.0 && r.reason().contains("interrupted at t = "), r.reason());
        assertEquals(new Backprop(ARCH, data()).loss(r.finalTheta()), r.finalLoss(), 0.0);
        assertEquals(2, r.stats().metricEvaluations(), "t = 0, then the final state's loss");
    }

    /** A stop requested at the final step end does not turn a completed run into an interrupted one. */
    @Test
    void stopRequestedAtTheEndStillCompletes() {
        double T = 0.5;
        double[] lastT = {0};
        TrainingResult r = new Trainer(new Backprop(ARCH, data()), TrainSpec.adaptive(Method.DP54, T, 1e-6, 1e-8, 100_000, Double.NaN))
                .observe(new TrajectoryObserver() {
                    @Override public void step(long step, double t, double[] theta) { lastT[0] = t; }
                    @Override public void sample(int index, double t, long step, double[] theta, double loss, double[] grad) {}
                }).stopWhen(() -> lastT[0] >= T).run(theta0());
        assertEquals(Status.COMPLETED, r.status(), r.reason());
        assertEquals(T, r.finalTime(), 0.0);
    }

    /**
     * A run that exhausts its budget: every attempt before the failure is an accepted or a rejected step, so the
     * evaluations left over after 2 + per-attempt × (accepted + rejected) are one unfinished attempt (< per-attempt).
     */
    @Test
    void budgetExceededRunCountsItsAttempts() {
        for (Method m : new Method[]{Method.DP54, Method.DP853}) {
            // evaluations of a whole accepted attempt: dp54 (Hipparchus, FSAL) 6; dp853 (FlatDormandPrince853) 12, no
            // sample inside the run's stretch so no dense-output stages; the budget cuts the last attempt short
            long per = m == Method.DP853 ? 12 : 6, perRejected = m == Method.DP853 ? 11 : 6;
            TrainingResult r = new Trainer(new Backprop(ARCH, data()), TrainSpec.adaptive(m, 50.0, 1e-12, 1e-14, 200, Double.NaN)).run(theta0());
            assertEquals(Status.BUDGET_EXCEEDED, r.status(), r.reason());
            SolverStats s = r.stats();
            assertTrue(s.acceptedSteps() > 0 && s.rejectedSteps() >= 0, s.toString());
            long rest = s.rhsEvaluations() - 2 - per * s.acceptedSteps() - perRejected * s.rejectedSteps();
            assertTrue(rest >= 0 && rest < per, m + ": " + s + ", remainder " + rest);
        }
    }

    /**
     * The budget is a number of gradient evaluations, exactly: a run that needed E evaluations completes with a budget
     * of E, with the same final state, and one fewer stops it (BUDGET_EXCEEDED), for the flat dp853 and Hipparchus'
     * dp54 alike.
     */
    @Test
    void theBudgetIsExactlyTheNumberOfEvaluations() {
        for (Method m : new Method[]{Method.DP853, Method.DP54}) {
            TrainingResult full = new Trainer(new Backprop(ARCH, data()), TrainSpec.adaptive(m, 2.0, 1e-9, 1e-11, 100_000, Double.NaN)).run(theta0());
            assertTrue(full.completed(), full.reason());
            int e = (int) full.stats().rhsEvaluations();
            TrainingResult exact = new Trainer(new Backprop(ARCH, data()), TrainSpec.adaptive(m, 2.0, 1e-9, 1e-11, e, Double.NaN)).run(theta0());
            assertEquals(Status.COMPLETED, exact.status(), m + " with a budget of " + e + ": " + exact.reason());
            assertArrayEquals(full.finalTheta(), exact.finalTheta(), 0.0);
            TrainingResult less = new Trainer(new Backprop(ARCH, data()), TrainSpec.adaptive(m, 2.0, 1e-9, 1e-11, e - 1, Double.NaN)).run(theta0());
            assertEquals(Status.BUDGET_EXCEEDED, less.status(), m + " with a budget of " + (e - 1));
        }
    }
}
