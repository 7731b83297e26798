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
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batched search against the sequential one: a CMA-ES run driven generation by generation ({@link TargetedRun})
 * makes exactly the trials of Hipparchus' optimizer calling the property directly, and the whole search and the
 * shrink do not depend on how many trials an evaluator takes at once.
 */
class BatchedSearchTest {
    /** A cheap property (no training): a ball of radius 0.04 in three continuous fields. */
    static final String PLANTED = """
            {"name": "planted", "space": {"labelScale": [0, 1], "lengthScale": [0.01, 1], "clip": [0, 1]},
             "measure": "(labelScale - 0.737)^2 + (lengthScale - 0.41)^2 + (clip - 0.23)^2", "holds": ">= 0.0016"}""";

    /** The oracle: one CMA-ES run evaluating each point as the optimizer asks for it (the search before batching). */
    static List<TrialResult> sequential(Property p, Config elite, Rng rng, int evals, double step, boolean keepGoing) {
        Space space = p.space();
        Config base = Search.mutateDiscrete(space, elite, rng);
        List<TrialResult> out = new ArrayList<>();
        List<Coordinate> cont = space.continuous();
        int dim = cont.size();
        double[] x0 = new double[dim], lo = new double[dim], hi = new double[dim], sigma = new double[dim];
        for (int i = 0; i < dim; i++) {
            x0[i] = cont.get(i).normalize(base.real(cont.get(i).name()));
            hi[i] = 1;
            sigma[i] = step;
        }
        int population = 4 + (int) (3 * Math.log(dim));
        ObjectiveFunction f = new ObjectiveFunction(x -> {
            if (out.size() >= evals) return Search.PENALTY;
            Config c = base;
            for (int i = 0; i < dim; i++) c = c.with(cont.get(i).name(), cont.get(i).denormalize(x[i]));
            if (!space.admits(c)) return Search.PENALTY;
            TrialResult t = p.evaluate(c, out.size(), "cmaes");
            out.add(t);
            return Math.min(Search.PENALTY, t.objective());
        });
        CMAESOptimizer cma = new CMAESOptimizer(evals, keepGoing ? 0 : -Double.MIN_VALUE, true, 0, 0,
                new Well19937c(rng.nextLong()), false, null);
        try {
            cma.optimize(new MaxEval(evals + 4 * population), f, GoalType.MINIMIZE, new InitialGuess(x0),
                    new SimpleBounds(lo, hi), new CMAESOptimizer.Sigma(sigma), new CMAESOptimizer.PopulationSize(population));
        } catch (MathIllegalStateException budgetReached) {
            // spent
        }
        return out;
    }

    static List<TrialResult> batched(Property p, Config elite, Rng rng, int evals, double step, boolean keepGoing, int[] calls) {
        TargetedRun r = new TargetedRun(p, elite, rng, evals, step, keepGoing);
        for (List<Evaluator.Task> next = r.pending(); !next.isEmpty(); next = r.pending()) {
            calls[0]++;
            List<TrialResult> res = new ArrayList<>();
            for (Evaluator.Task t : next) res.add(p.evaluate(t.config(), t.index(), t.phase()));
            r.feed(res);
        }
        return r.trials();
    }

    @Test
    void generationByGenerationEqualsTheSequentialRun() {
        Property p = Property.parse(PLANTED);
        int compared = 0, withViolation = 0, multiBatch = 0;
        for (int k = 0; k < 12; k++) {
            Config elite = p.space().sample(Rng.stream(k, "elite"), 100);
            if (k % 2 == 1)    // the runs that stop at a violation start 0.05 to 0.06 from the ball's centre, so that some find it
                elite = elite.with("labelScale", 0.737 + 0.05 + 0.005 * (k % 3)).with("lengthScale", 0.41).with("clip", 0.23);
            boolean keepGoing = k % 2 == 0;
            int evals = 10 + 7 * k;    // budgets that end inside a generation and on its boundary
            double step = k < 6 ? 0.15 : 0.4;
            List<TrialResult> a = sequential(p, elite, Rng.stream(99, "run." + k), evals, step, keepGoing);
            int[] calls = {0};
            List<TrialResult> b = batched(p, elite, Rng.stream(99, "run." + k), evals, step, keepGoing, calls);
            assertEquals(a.size(), b.size(), "run " + k);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).config(), b.get(i).config(), "run " + k + ", trial " + i);
                assertEquals(Double.doubleToLongBits(a.get(i).margin()), Double.doubleToLongBits(b.get(i).margin()));
                assertEquals(a.get(i).index(), b.get(i).index());
            }
            compared += a.size();
            if (!keepGoing && a.stream().anyMatch(TrialResult::violated)) withViolation++;
            if (calls[0] > 2) multiBatch++;
        }
        System.out.printf("batched CMA-ES = sequential: %d trials in 12 runs, %d stopped at a violation, %d of several batches%n",
                compared, withViolation, multiBatch);
        // the comparison must have exercised generations fed back and runs stopped by a violation
        assertTrue(multiBatch >= 10, "too few multi-generation runs: " + multiBatch);
        assertTrue(withViolation >= 2, "too few runs stopped at a violation: " + withViolation);
    }

    /** An evaluator that runs in this thread but reports a chosen parallelism (which only sets batch sizes). */
    record Inline(int parallelism, int[] calls) implements Evaluator {
        public List<TrialResult> evaluate(Property p, List<Task> batch) {
            calls[0]++;
            List<TrialResult> out = new ArrayList<>();
            for (Task t : batch) out.add(p.evaluate(t.config(), t.index(), t.phase()));
            return out;
        }
        public String describe() { return "inline"; }
        public void close() {}
    }

    @Test
    void searchAndShrinkDoNotDependOnTheBatchSize() {
        Property p = Property.parse(PLANTED);
        List<List<TrialResult>> runs = new ArrayList<>();
        int[] callsFew = {0}, callsMany = {0};
        for (Inline ev : List.of(new Inline(1, callsFew), new Inline(13, callsMany))) {
            Search.Outcome o = Search.run(p, Search.Options.of(200, 1, 1), ev, t -> {});
            TrialResult v = o.firstViolation();
            assertNotNull(v, "the planted ball was not found (seed 1)");
            List<TrialResult> all = new ArrayList<>(o.trials());
            Shrinker.Result s = Shrinker.shrink(p, v, 40, all.size(), ev);
            all.addAll(s.tried());
            all.add(s.witness());
            runs.add(all);
        }
        assertTrue(callsMany[0] < callsFew[0], "the larger parallelism did not batch more: " + callsMany[0] + " vs " + callsFew[0]);
        List<TrialResult> a = runs.get(0), b = runs.get(1);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).config(), b.get(i).config(), "trial " + i);
            assertEquals(a.get(i).index(), b.get(i).index(), "trial " + i);
            assertEquals(a.get(i).phase(), b.get(i).phase(), "trial " + i);
            assertEquals(Double.doubleToLongBits(a.get(i).margin()), Double.doubleToLongBits(b.get(i).margin()), "trial " + i);
        }
    }
}
