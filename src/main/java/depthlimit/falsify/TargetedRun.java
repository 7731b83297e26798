package depthlimit.falsify;

import depthlimit.random.Rng;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.hipparchus.random.Well19937c;

import java.util.ArrayList;
import java.util.List;

/**
 * One targeted run around an elite — CMA-ES ({@link CMAESOptimizer}, Hipparchus) over the continuous coordinates,
 * or discrete mutations only when there are none — driven in batches so that its trials can be evaluated
 * elsewhere ({@link Evaluator}) while the optimizer stays here.
 *
 * <p>Hipparchus' CMA-ES asks for values one at a time, but the λ points of a generation are drawn before any of
 * their values is used (the initial guess's value is only recorded), so a generation is a batch. The optimizer is
 * re-run from its seed on every {@link #pending} call: points already evaluated get their recorded values (and must
 * come out the same, which is checked), new points of the current generation are collected, and the run is cut at
 * the generation's end. Replaying costs only the optimizer's own arithmetic (a few generations of a small
 * dimension); the trials are exactly those of the sequential run.
 */
final class TargetedRun {
    private final Property p;
    private final Space space;
    private final Config base;
    private final int evals;
    private final boolean keepGoing;
    /** Discrete-only runs: every mutation, drawn at once (a mutation does not depend on a trial's value). */
    private final List<Config> mutations;
    private final long cmaSeed;
    private final double step;
    private final List<TrialResult> done = new ArrayList<>();
    private boolean finished;

    /**
     * @param step initial CMA-ES step in normalized units
     */
    TargetedRun(Property p, Config elite, Rng rng, int evals, double step, boolean keepGoing) {
        this.p = p;
        this.space = p.space();
        this.evals = evals;
        this.step = step;
        this.keepGoing = keepGoing;
        this.base = Search.mutateDiscrete(space, elite, rng);
        if (space.continuous().isEmpty()) {
            mutations = new ArrayList<>();
            for (int i = 0; i < evals; i++) mutations.add(i == 0 ? base : Search.mutateDiscrete(space, elite, rng));
            cmaSeed = 0;
        } else {
            mutations = null;
            cmaSeed = rng.nextLong();
        }
    }

    /** The next configurations to evaluate, in order (empty once the run is over). */
    List<Evaluator.Task> pending() {
        if (finished) return List.of();
        List<Config> next = mutations != null ? mutations : replay();
        if (next.isEmpty()) finished = true;
        List<Evaluator.Task> out = new ArrayList<>();
        String phase = mutations != null ? "mutate" : "cmaes";
        for (Config c : next) out.add(new Evaluator.Task(c, done.size() + out.size(), phase));
        return out;
    }

    /** The results of the last {@link #pending} batch, in its order. */
    void feed(List<TrialResult> results) {
        if (mutations == null) {
            done.addAll(results);
            return;
        }
        for (TrialResult t : results) {    // the sequential run stops at its first violation
            done.add(t);
            if (t.violated() && !keepGoing) break;
        }
        finished = true;
    }

    boolean finished() { return finished; }

    /** The run's trials in the order they were made (indices local to the run). */
    List<TrialResult> trials() { return done; }

    /** Cuts a replay at the end of a generation with new points. */
    private static final class Suspend extends RuntimeException {
        Suspend() { super(null, null, false, false); }
    }

    private List<Config> replay() {
        List<Coordinate> cont = space.continuous();
        int dim = cont.size();
        double[] x0 = new double[dim], lo = new double[dim], hi = new double[dim], sigma = new double[dim];
        for (int i = 0; i < dim; i++) {
            x0[i] = cont.get(i).normalize(base.real(cont.get(i).name()));
            hi[i] = 1;
            sigma[i] = step;
        }
        int population = 4 + (int) (3 * Math.log(dim));
        List<Config> fresh = new ArrayList<>();
        int[] calls = {0}, slot = {0};
        ObjectiveFunction f = new ObjectiveFunction(x -> {
            calls[0]++;
            double v;
            if (slot[0] >= evals) v = Search.PENALTY;
            else {
                Config c = base;
                for (int i = 0; i < dim; i++) c = c.with(cont.get(i).name(), cont.get(i).denormalize(x[i]));
                if (!space.admits(c)) v = Search.PENALTY;
                else {
                    int j = slot[0]++;
                    if (j < done.size()) {
                        if (!done.get(j).config().equals(c))
                            throw new IllegalStateException("CMA-ES replay diverged at trial " + j + " of a targeted run");
                        v = Math.min(Search.PENALTY, done.get(j).objective());
                    } else {
                        fresh.add(c);
                        v = 0;     // never used: the replay is cut before this generation's values are read
                    }
                }
            }
            // call 1 is the initial guess, then generations of λ calls
            if (!fresh.isEmpty() && calls[0] > 1 && (calls[0] - 1) % population == 0) throw new Suspend();
            return v;
        });
        CMAESOptimizer cma = new CMAESOptimizer(evals, keepGoing ? 0 : -Double.MIN_VALUE, true, 0, 0,
                new Well19937c(cmaSeed), false, null);
        try {
            cma.optimize(new MaxEval(evals + 4 * population), f, GoalType.MINIMIZE, new InitialGuess(x0),
                    new SimpleBounds(lo, hi), new CMAESOptimizer.Sigma(sigma), new CMAESOptimizer.PopulationSize(population));
        } catch (Suspend cut) {
            return fresh;
        } catch (MathIllegalStateException budgetReached) {
            // the evaluation budget of this run is spent (its last points, if new, are still to be evaluated)
        }
        return fresh;
    }
}
