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

    public TrainingResult run(double[] theta0) {
        return spec.method().adaptive() ? runAdaptive(theta0) : runFixed(theta0);
    }

    private void sample(int index, double t, long step, double[] theta, double loss, double[] grad) {
        for (TrajectoryObserver o : observers) o.sample(index, t, step, theta, loss, grad);
    }

    private void step(long step, double t, double[] theta) {
        for (TrajectoryObserver o : observers) o.step(step, t, theta);
        progress.accept(t);
    }

    // ---------------------------------------------------------------- fixed step: gd, euler, rk4

    private TrainingResult runFixed(double[] theta0) {
        long start = System.nanoTime();
        Architecture a = bp.architecture();
        GradientFlow flow = new GradientFlow(bp, spec.clip());
        int p = a.size();
        double h = spec.h();
        double[] theta = theta0.clone(), f = new double[p];
        double[][] k = spec.method() == Method.RK4 ? new double[][]{new double[p], new double[p], new double[p], new double[p]} : null;
        double[] tmp = k == null ? null : new double[p];
        long[] samples = spec.sampleSteps();
        int next = 0;
        double loss = Double.NaN;
        long s = 0;
        double t = 0;
        Status status = Status.COMPLETED;
        String reason = "";
        try {
            for (s = 0; ; s++) {
                t = s * h;
                loss = flow.rhs(t, theta, f);       // ℓ, ∇ℓ and the flow direction at θ_s
                step(s, t, theta);
                while (next < samples.length && samples[next] == s) sample(next++, t, s, theta, loss, flow.lastGradient());
                if (s == spec.steps()) break;
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
        Architecture a = bp.architecture();
        GradientFlow flow = new GradientFlow(bp, spec.clip());
        AdaptiveStepsizeIntegrator integ = spec.method() == Method.DP853
                ? new DormandPrince853Integrator(spec.minStep(), spec.maxStep(), spec.atol(), spec.rtol())
                : new DormandPrince54Integrator(spec.minStep(), spec.maxStep(), spec.atol(), spec.rtol());
        integ.setMaxEvaluations(spec.maxEvaluations());
        double[] times = spec.sampleTimes();
        double[] grad = new double[a.size()];
        long[] metricEvals = {0};
        long[] accepted = {0};
        double[] hRange = {Double.POSITIVE_INFINITY, 0};
        double[] last = theta0.clone();
        double[] lastTime = {0};
        int[] next = {0};

        // t = 0: the initial state is sampled directly
        double loss0 = bp.lossAndGradient(theta0, grad);
        metricEvals[0]++;
        step(0, 0, theta0);
        while (next[0] < times.length && times[next[0]] == 0) sample(next[0]++, 0, 0, theta0, loss0, grad);
        double[] lastLoss = {loss0};

        integ.addStepHandler(interp -> {
            double t0 = interp.getPreviousState().getTime(), t1 = interp.getCurrentState().getTime();
            accepted[0]++;
            double hh = t1 - t0;
            hRange[0] = Math.min(hRange[0], hh);
            hRange[1] = Math.max(hRange[1], hh);
            while (next[0] < times.length && times[next[0]] <= t1) {
                double ts = times[next[0]];
                ODEStateAndDerivative st = ts == t1 ? interp.getCurrentState() : interp.getInterpolatedState(ts);
                double[] th = st.getPrimaryState();
                double l = bp.lossAndGradient(th, grad);
                metricEvals[0]++;
                if (!Double.isFinite(l)) throw new GradientFlow.Divergence(ts, "non-finite loss " + l);
                lastLoss[0] = l;
                sample(next[0]++, ts, accepted[0], th, l, grad);
            }
            double[] y = interp.getCurrentState().getPrimaryState();
            System.arraycopy(y, 0, last, 0, y.length);
            lastTime[0] = t1;
            step(accepted[0], t1, y);
        });
        Status status = Status.COMPLETED;
        String reason = "";
        try {
            ODEIntegrator integrator = integ;
            integrator.integrate(flow, new ODEState(0, theta0.clone()), spec.T());
        } catch (GradientFlow.Divergence e) {
            status = Status.DIVERGED;
            reason = e.getMessage();
        } catch (MathRuntimeException e) {
            Localizable what = e.getSpecifier();
            if (what == LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                status = Status.BUDGET_EXCEEDED;
                reason = "more than " + spec.maxEvaluations() + " right-hand-side evaluations (train.maxEvaluations) before T = " + spec.T();
            } else if (what == LocalizedODEFormats.MINIMAL_STEPSIZE_REACHED_DURING_INTEGRATION) {
                status = Status.STEP_UNDERFLOW;
                reason = "step size fell below train.minStep = " + spec.minStep() + " at t ≈ " + lastTime[0] + ": " + e.getMessage();
            } else {
                status = Status.DIVERGED;
                reason = "integrator failure at t ≈ " + lastTime[0] + ": " + e.getMessage();
            }
        }
        long evals = flow.evaluations();
        long rejected = rejectedSteps(evals, accepted[0]);
        SolverStats stats = new SolverStats(evals, metricEvals[0], accepted[0], rejected,
                accepted[0] == 0 ? Double.NaN : hRange[0], accepted[0] == 0 ? Double.NaN : hRange[1], flow.rhsSeconds(),
                (System.nanoTime() - start) / 1e9);
        return new TrainingResult(status, reason, lastTime[0], accepted[0], last, lastLoss[0], stats);
    }

    /**
     * Hipparchus does not count rejected steps; they follow from the evaluation count: 2 evaluations to start
     * (initial derivative and initial step guess), then per attempt 6 (DP54, first-same-as-last) or 12 (DP853),
     * plus 3 per accepted DP853 step for its dense-output stages. −1 if the count does not fit (a failed run).
     */
    private long rejectedSteps(long evals, long accepted) {
        long perAttempt = spec.method() == Method.DP853 ? 12 : 6;
        long extra = spec.method() == Method.DP853 ? 3 * accepted : 0;
        long rest = evals - 2 - extra;
        if (rest < 0 || rest % perAttempt != 0) return -1;
        return rest / perAttempt - accepted;
    }
}
