package depthlimit.flow;

import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import org.hipparchus.exception.Localizable;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.LocalizedODEFormats;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Runs one training: the gradient flow (4)/(5) from θ(0) to T by the chosen {@link Method}, feeding the observers.
 * One integrator instance per run (Hipparchus integrators are not thread-safe). Failures — divergence, budget,
 * step-size underflow — end the run with a status and reason; the observers keep the trajectory up to there.
 */
public final class Trainer {
    private final Backprop bp;
    private final TrainSpec spec;
    private final List<TrajectoryObserver> observers = new ArrayList<>();
    private DoubleConsumer progress = t -> {};
    private BooleanSupplier stop = () -> false;

    public Trainer(Backprop bp, TrainSpec spec) {
        this.bp = bp;
        this.spec = spec;
    }

    public Trainer observe(TrajectoryObserver o) {
        observers.add(o);
        return this;
    }

    /** Called with the current flow time after every accepted step. */
    public Trainer progress(DoubleConsumer p) {
        this.progress = p;
        return this;
    }

    /**
     * Polled after every accepted step (after its sample, if any, was recorded): when it answers true the run ends
     * there with {@link Status#INTERRUPTED}, its last state and loss reported as for any other ending.
     */
    public Trainer stopWhen(BooleanSupplier s) {
        this.stop = s;
        return this;
    }

    /** Thrown from the step handler to end an adaptive run on request. */
    private static final class Stop extends RuntimeException {
        Stop() { super("interrupted", null, false, false); }
    }

    /**
     * Whether dp853 runs on {@link FlatDormandPrince853} (the default) rather than Hipparchus'
     * DormandPrince853Integrator ({@code -Ddepthlimit.ode=hipparchus}, or {@code DEPTHLIMIT_ODE=hipparchus} through
     * the launcher): the same method and step control, equal to rounding; read once.
     */
    static final boolean FLAT_DP853 = !"hipparchus".equalsIgnoreCase(System.getProperty("depthlimit.ode", "flat"));

    /** The integrator that {@link #run} uses, in words (for reports). */
    public String integratorName() {
        return switch (spec.method()) {
            case DP853 -> FLAT_DP853 ? "depthlimit FlatDormandPrince853" : "Hipparchus DormandPrince853Integrator";
            case DP54 -> "Hipparchus DormandPrince54Integrator";
            default -> spec.method().specName();
        };
    }

    public TrainingResult run(double[] theta0) {
        if (spec.method() == Method.DP853 && FLAT_DP853) return runFlat(theta0);
        return spec.method().adaptive() ? runAdaptive(theta0) : runFixed(theta0.clone(), 0);
    }

    /**
     * {@link #run} for a caller that has no further use for θ(0): a fixed-step method (gd, euler, rk4) steps in
     * {@code theta} itself, which then holds the final state, instead of in a copy (one parameter vector less:
     * 134 MB at L = 16384). Same trajectory, same bits. Adaptive methods copy as {@link #run} does.
     */
    public TrainingResult runInPlace(double[] theta) {
        return spec.method().adaptive() ? run(theta) : runFixed(theta, 0);
    }

    /**
     * Continues a fixed-step run (gd, euler, rk4) from θ at step {@code fromStep}, whose step and sample observers
     * have already run (a checkpoint). The result is bit-identical to the uninterrupted run's: the step is a
     * deterministic function of θ alone.
     */
    public TrainingResult resume(double[] theta, long fromStep) {
        if (spec.method().adaptive()) throw new IllegalStateException("resume is for fixed-step methods");
        return runFixed(theta.clone(), fromStep);
    }

    private void sample(int index, double t, long step, double[] theta, double loss, double[] grad) {
        for (TrajectoryObserver o : observers) o.sample(index, t, step, theta, loss, grad);
    }

    private void step(long step, double t, double[] theta) {
        for (TrajectoryObserver o : observers) o.step(step, t, theta);
        progress.accept(t);
    }

    // ---------------------------------------------------------------- fixed step: gd, euler, rk4

    /** Steps in {@code theta} itself (the callers copy when theirs must stay). */
    private TrainingResult runFixed(double[] theta, long fromStep) {
        long start = System.nanoTime();
        Architecture a = bp.architecture();
        GradientFlow flow = new GradientFlow(bp, spec.clip());
        int p = a.size();
        double h = spec.h();
        // gradient descent steps with the gradient alone: no right-hand-side vector (134 MB at L = 16384)
        double[] f = spec.method() == Method.GD ? null : new double[p];
        double[][] k = spec.method() == Method.RK4 ? new double[][]{new double[p], new double[p], new double[p], new double[p]} : null;
        double[] tmp = k == null ? null : new double[p];
        long[] samples = spec.sampleSteps();
        int next = 0;
        while (fromStep > 0 && next < samples.length && samples[next] <= fromStep) next++;
        double loss = Double.NaN;
        long s = 0;
        double t = 0;
        Status status = Status.COMPLETED;
        String reason = "";
        try {
            for (s = fromStep; ; s++) {
                t = s * h;
                // ℓ, ∇ℓ and (not for gd, which reads ∇ℓ itself) the flow direction at θ_s
                loss = f == null ? flow.gradient(t, theta) : flow.rhs(t, theta, f);
                if (s > fromStep || fromStep == 0) step(s, t, theta); // a resumed step was observed before the checkpoint
                while (next < samples.length && samples[next] == s) sample(next++, t, s, theta, loss, flow.lastGradient());
                if (s == spec.steps()) break;
                if (stop.getAsBoolean()) {
                    status = Status.INTERRUPTED;
                    reason = "interrupted at step " + s + " of " + spec.steps();
                    break;
                }
                switch (spec.method()) {
                    case GD -> gradientDescentStep(a, theta, flow.lastGradient(), h);
                    case EULER -> { for (int i = 0; i < p; i++) theta[i] += h * f[i]; }
                    default -> rk4Step(flow, t, theta, f, k, tmp, h);
                }
            }
        } catch (GradientFlow.Divergence e) {
            status = Status.DIVERGED;
            reason = e.getMessage() + " (step " + s + ")";
        }
        SolverStats stats = new SolverStats(flow.evaluations(), 0, Math.min(s, spec.steps()), 0, h, h, flow.rhsSeconds(),
                (System.nanoTime() - start) / 1e9);
        return new TrainingResult(status, reason, t, s, theta, loss, stats);
    }

    /**
     * Full-batch gradient descent as the authors run it (Appendix E): A ← A − η ∂_Aℓ, Z_k ← Z_k − η (L ∂_{Z_k}ℓ),
     * B ← B − η ∂_Bℓ (learning rate η·L on the residual weights, frozen blocks untouched), with the same clipping π
     * as the flow. Written apart from Euler on purpose: the test that the two agree bit for bit checks the scaling.
     */
    private void gradientDescentStep(Architecture a, double[] theta, double[] g, double eta) {
        double c = spec.clip();
        boolean clip = spec.clipped();
        if (a.trainA())
            for (int i = a.offA(); i < a.offV(); i++) theta[i] -= eta * (clip ? clamp(g[i], c) : g[i]);
        double L = a.L();
        for (int i = a.offV(); i < a.offB(); i++) {
            double d = L * g[i];
            theta[i] -= eta * (clip ? clamp(d, c) : d);
        }
        if (a.trainB())
            for (int i = a.offB(); i < a.size(); i++) theta[i] -= eta * (clip ? clamp(g[i], c) : g[i]);
    }

    private static double clamp(double v, double c) {
        return Math.max(-c, Math.min(c, v));
    }

    /** Classical RK4; k[0] = f(θ_s) is already in {@code f}. */
    private static void rk4Step(GradientFlow flow, double t, double[] theta, double[] f, double[][] k, double[] tmp, double h) {
        int p = theta.length;
        System.arraycopy(f, 0, k[0], 0, p);
        for (int i = 0; i < p; i++) tmp[i] = theta[i] + 0.5 * h * k[0][i];
        flow.rhs(t + 0.5 * h, tmp, k[1]);
        for (int i = 0; i < p; i++) tmp[i] = theta[i] + 0.5 * h * k[1][i];
        flow.rhs(t + 0.5 * h, tmp, k[2]);
        for (int i = 0; i < p; i++) tmp[i] = theta[i] + h * k[2][i];
        flow.rhs(t + h, tmp, k[3]);
        for (int i = 0; i < p; i++) theta[i] += h / 6 * (k[0][i] + 2 * k[1][i] + 2 * k[2][i] + k[3][i]);
    }

    // ---------------------------------------------------------------- adaptive: Hipparchus Dormand–Prince

    private TrainingResult runAdaptive(double[] theta0) {
        long start = System.nanoTime();
        GradientFlow flow = new GradientFlow(bp, spec.clip());
        AdaptiveStepsizeIntegrator integ = spec.method() == Method.DP853
                ? new DormandPrince853Integrator(spec.minStep(), spec.maxStep(), spec.atol(), spec.rtol())
                : new DormandPrince54Integrator(spec.minStep(), spec.maxStep(), spec.atol(), spec.rtol());
        integ.setMaxEvaluations(spec.maxEvaluations());
        AcceptedSteps run = new AcceptedSteps(theta0);
        // Rejected steps, counted exactly per accepted step from the integrator's evaluations since the previous one.
        // Hipparchus 4 spends 6 evaluations per attempt for DP54 (first-same-as-last) and 15 for DP853 (its 12 stages
        // and the 3 dense-output stages, computed on every attempt), and 2 to start (initial derivative and step-size
        // guess); measured on Hipparchus 4.0.2: per-step deltas are exact multiples (15, 30, … and 6, 12, …). A delta
        // that is not a multiple makes the count unknown (reported in words), never a wrong number.
        long perAttempt = spec.method() == Method.DP853 ? 15 : 6;
        long evalsBefore = flow.evaluations();
        long[] accepted = {0};
        long[] evalsAtAccept = {evalsBefore + 2};
        long[] rejectedCount = {0};

        integ.addStepHandler(interp -> {
            double t0 = interp.getPreviousState().getTime(), t1 = interp.getCurrentState().getTime();
            accepted[0]++;
            long delta = flow.evaluations() - evalsAtAccept[0];
            evalsAtAccept[0] = flow.evaluations();
            if (rejectedCount[0] >= 0 && delta >= perAttempt && delta % perAttempt == 0) rejectedCount[0] += delta / perAttempt - 1;
            else rejectedCount[0] = -1;
            run.accept(accepted[0], t0, t1, interp.getCurrentState().getPrimaryState(),
                    ts -> interp.getInterpolatedState(ts).getPrimaryState());
        });
        try {
            ODEIntegrator integrator = integ;
            integrator.integrate(flow, new ODEState(0, theta0.clone()), spec.T());
        } catch (Stop | GradientFlow.Divergence e) {
            run.ended(e);
        } catch (MathRuntimeException e) {
            Localizable what = e.getSpecifier();
            if (what == LocalizedCoreFormats.MAX_COUNT_EXCEEDED) run.budgetExceeded();
            else if (what == LocalizedODEFormats.MINIMAL_STEPSIZE_REACHED_DURING_INTEGRATION) run.stepUnderflow(e.getMessage());
            else run.failed(Status.DIVERGED, "integrator failure at t ≈ " + run.lastTime + ": " + e.getMessage());
        }
        long evals = flow.evaluations();
        // attempts after the last accepted step (a failed ending) were all rejected; an attempt cut short by the
        // budget or a divergence inside its stages is neither, and leaves a remainder that is not counted
        long rejected = rejectedCount[0] < 0 ? -1 : rejectedCount[0] + Math.max(0, evals - evalsAtAccept[0]) / perAttempt;
        if (accepted[0] == 0 && rejected >= 0) rejected = Math.max(0, evals - evalsBefore - 2) / perAttempt;
        return run.result(evals, accepted[0], rejected, flow.rhsSeconds(), start);
    }

    // ---------------------------------------------------------------- adaptive: dp853 on flat buffers

    /** dp853 by {@link FlatDormandPrince853}, with the observers fed exactly as {@link #runAdaptive} feeds them. */
    private TrainingResult runFlat(double[] theta0) {
        long start = System.nanoTime();
        GradientFlow flow = new GradientFlow(bp, spec.clip());
        FlatDormandPrince853 dp = new FlatDormandPrince853(flow, spec.minStep(), spec.maxStep(), spec.atol(), spec.rtol(),
                spec.maxEvaluations());
        AcceptedSteps run = new AcceptedSteps(theta0);
        double[] at = new double[theta0.length];
        java.util.function.DoubleFunction<double[]> dense = ts -> { dp.interpolate(ts, at); return at; };
        try {
            dp.integrate(theta0, spec.T(), (t0, t1, y) -> run.accept(dp.acceptedSteps(), t0, t1, y, dense));
        } catch (Stop | GradientFlow.Divergence e) {
            run.ended(e);
        } catch (FlatDormandPrince853.BudgetExceeded e) {
            run.budgetExceeded();
        } catch (FlatDormandPrince853.StepUnderflow e) {
            run.stepUnderflow(e.getMessage());
        }
        return run.result(dp.evaluations(), dp.acceptedSteps(), dp.rejectedSteps(), flow.rhsSeconds(), start);
    }

    /**
     * What both adaptive integrators do with an accepted step, whichever integrator took it: the samples that fall
     * in it (at the step's end exactly, inside it through the integrator's dense output), the step observer, the
     * step-size range, the stop request; then the ending's status and the run's result.
     */
    private final class AcceptedSteps {
        private final double[] times = spec.sampleTimes(), grad, last;
        private long metricEvals;
        private double hMin = Double.POSITIVE_INFINITY, hMax, lastTime, lastLoss, lastLossTime;
        private int next;
        private Status status = Status.COMPLETED;
        private String reason = "";

        /** t = 0: the initial state is sampled directly. */
        AcceptedSteps(double[] theta0) {
            grad = new double[theta0.length];
            last = theta0.clone();
            lastLoss = bp.lossAndGradient(theta0, grad);
            metricEvals++;
            step(0, 0, theta0);
            while (next < times.length && times[next] == 0) sample(next++, 0, 0, theta0, lastLoss, grad);
        }

        /** The accepted step number {@code index} from t0 to t1 ending at y; {@code dense} gives the state inside it. */
        void accept(long index, double t0, double t1, double[] y, java.util.function.DoubleFunction<double[]> dense) {
            hMin = Math.min(hMin, t1 - t0);
            hMax = Math.max(hMax, t1 - t0);
            while (next < times.length && times[next] <= t1) {
                double ts = times[next];
                double[] th = ts == t1 ? y : dense.apply(ts);
                double l = bp.lossAndGradient(th, grad);
                metricEvals++;
                if (!Double.isFinite(l)) throw new GradientFlow.Divergence(ts, "non-finite loss " + l);
                lastLoss = l;
                lastLossTime = ts;
                sample(next++, ts, index, th, l, grad);
            }
            System.arraycopy(y, 0, last, 0, y.length);
            lastTime = t1;
            step(index, t1, y);
            if (t1 < spec.T() && stop.getAsBoolean()) throw new Stop();
        }

        /** A stop request or a divergence ended the run. */
        void ended(RuntimeException e) {
            if (e instanceof Stop) failed(Status.INTERRUPTED, "interrupted at t = " + lastTime + " of T = " + spec.T());
            else failed(Status.DIVERGED, e.getMessage());
        }

        void budgetExceeded() {
            failed(Status.BUDGET_EXCEEDED, "more than " + spec.maxEvaluations()
                    + " right-hand-side evaluations (train.maxEvaluations) before T = " + spec.T());
        }

        void stepUnderflow(String message) {
            failed(Status.STEP_UNDERFLOW, "step size fell below train.minStep = " + spec.minStep() + " at t ≈ " + lastTime + ": " + message);
        }

        void failed(Status s, String why) {
            status = s;
            reason = why;
        }

        /** The result at the last accepted step; its loss is the loss of the returned state, not of the last sample. */
        TrainingResult result(long evaluations, long accepted, long rejected, double rhsSeconds, long startNanos) {
            double finalLoss = lastLoss;
            if (lastLossTime != lastTime) {
                finalLoss = bp.lossAndGradient(last, grad);
                metricEvals++;
            }
            SolverStats stats = new SolverStats(evaluations, metricEvals, accepted, rejected,
                    accepted == 0 ? Double.NaN : hMin, accepted == 0 ? Double.NaN : hMax, rhsSeconds,
                    (System.nanoTime() - startNanos) / 1e9);
            return new TrainingResult(status, reason, lastTime, accepted, last, finalLoss, stats);
        }
    }
}
