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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The search for a counterexample: seeded random sampling of the space, then a targeted search that drives the
 * smallest margins further down — rounds of CMA-ES ({@link CMAESOptimizer}, Hipparchus) over the continuous
 * coordinates (normalized to [0, 1], log scale where asked), each run started at one of the best trials so far
 * (the elite archive, kept between rounds as in the cross-entropy method) with its discrete coordinates mutated
 * around the elite's.
 *
 * <p>Determinism: trial i of the random phase draws from {@code Rng.stream(seed, "falsify.random.i")}; each
 * CMA-ES run draws from its own stream named by round and elite; trials run in parallel in fixed batches (random)
 * or one run per task (targeted) and are collected in a fixed order. The whole run is therefore a function of
 * the property, the seed and the budget, whatever the thread count. A {@code time} limit is checked between
 * batches, so a time-limited run is reproducible only through its witness.
 */
public final class Search {
    private Search() {}

    /** Trials per random batch; fixed (never derived from the thread count) so results do not depend on it. */
    static final int BATCH = 8;
    /** Objective given to CMA-ES for an error, a vacuous trial or a point outside the constraints. */
    static final double PENALTY = 1e3;

    /**
     * @param budget         maximum number of trials (search phases; shrinking has its own budget)
     * @param timeSeconds    wall-time limit, or +∞
     * @param targeted       run CMA-ES rounds after the random phase
     * @param randomFraction fraction of the budget (or time) spent on random sampling when targeted
     * @param elites         size of the elite archive: CMA-ES runs per round
     * @param evalsPerRun    evaluations per CMA-ES run
     * @param keepGoing      spend the whole budget even after a violation (otherwise stop after the batch or
     *                       round that found one)
     */
    public record Options(int budget, double timeSeconds, long seed, int threads, boolean targeted, double randomFraction,
                          int elites, int evalsPerRun, boolean keepGoing) {
        public static Options of(int budget, long seed, int threads) {
            return new Options(budget, Double.POSITIVE_INFINITY, seed, threads, true, 0.3, 3, 40, false);
        }

        public Options randomOnly() {
            return new Options(budget, timeSeconds, seed, threads, false, randomFraction, elites, evalsPerRun, keepGoing);
        }

        public Options withTime(double seconds) {
            return new Options(budget, seconds, seed, threads, targeted, randomFraction, elites, evalsPerRun, keepGoing);
        }

        public Options keepGoing(boolean k) {
            return new Options(budget, timeSeconds, seed, threads, targeted, randomFraction, elites, evalsPerRun, k);
        }
    }

    /** Every trial in order, and whether the time limit stopped the search. */
    public record Outcome(List<TrialResult> trials, boolean timedOut) {
        public TrialResult best() {
            return trials.stream().filter(t -> Double.isFinite(t.objective()))
                    .min(Comparator.comparingDouble(TrialResult::objective).thenComparingInt(TrialResult::index)).orElse(null);
        }

        public TrialResult firstViolation() {
            return trials.stream().filter(TrialResult::violated).findFirst().orElse(null);
        }
    }

    public static Outcome run(Property p, Options o, Consumer<List<TrialResult>> progress) {
        long start = System.nanoTime();
        List<TrialResult> trials = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, o.threads()), r -> {
            Thread t = new Thread(r, "falsify-trial");
            t.setDaemon(true);
            return t;
        });
        boolean timedOut = false;
        try {
            int randomBudget = o.targeted() ? Math.max(Math.min(o.budget(), BATCH), (int) Math.round(o.budget() * o.randomFraction())) : o.budget();
            double randomTime = o.targeted() ? o.timeSeconds() * o.randomFraction() : o.timeSeconds();
            while (trials.size() < randomBudget && !stop(trials, o)) {
                if (elapsed(start) > randomTime) { timedOut = !o.targeted(); break; }
                int from = trials.size(), to = Math.min(randomBudget, from + BATCH);
                List<Future<TrialResult>> fs = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    final int idx = i;
                    fs.add(pool.submit(() -> randomTrial(p, o.seed(), idx)));
                }
                for (Future<TrialResult> f : fs) trials.add(get(f));
                progress.accept(trials);
            }
            int round = 0;
            while (o.targeted() && trials.size() < o.budget() && !stop(trials, o)) {
                if (elapsed(start) > o.timeSeconds()) { timedOut = true; break; }
                List<TrialResult> elites = trials.stream().filter(t -> Double.isFinite(t.objective()))
                        .sorted(Comparator.comparingDouble(TrialResult::objective).thenComparingInt(TrialResult::index))
                        .limit(o.elites()).toList();
                int remaining = o.budget() - trials.size();
                List<Future<List<TrialResult>>> fs = new ArrayList<>();
                if (elites.isEmpty()) {     // nothing to refine yet: one more random batch
                    int from = trials.size();
                    for (int i = from; i < from + Math.min(BATCH, remaining); i++) {
                        final int idx = i;
                        fs.add(pool.submit(() -> List.of(randomTrial(p, o.seed(), idx))));
                    }
                } else {
                    int perRun = Math.max(1, Math.min(o.evalsPerRun(), remaining / elites.size()));
                    for (int e = 0; e < elites.size(); e++) {
                        final TrialResult elite = elites.get(e);
                        final Rng rng = Rng.stream(o.seed(), "falsify.cmaes." + round + "." + e);
                        final double sigma = Math.max(0.02, 0.15 * Math.pow(0.6, round));
                        final long deadline = Double.isInfinite(o.timeSeconds()) ? Long.MAX_VALUE : start + (long) (o.timeSeconds() * 1e9);
                        fs.add(pool.submit(() -> targetedRun(p, elite.config(), rng, perRun, sigma, o.keepGoing(), deadline)));
                    }
                }
                for (Future<List<TrialResult>> f : fs)
                    for (TrialResult t : get(f))
                        if (trials.size() < o.budget()) trials.add(t.renumber(trials.size(), t.phase()));
                round++;
                progress.accept(trials);
            }
            if (trials.size() >= o.budget() || stop(trials, o)) timedOut = false;
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(List.copyOf(trials), timedOut);
    }

    private static boolean stop(List<TrialResult> trials, Options o) {
        return !o.keepGoing() && trials.stream().anyMatch(TrialResult::violated);
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    static TrialResult randomTrial(Property p, long seed, int index) {
        Config c = p.space().sample(Rng.stream(seed, "falsify.random." + index), 10_000);
        if (c == null)
            return new TrialResult(index, "random", p.space().draw(Rng.stream(seed, "falsify.random." + index)), TrialResult.Status.ERROR,
                    Double.NaN, Double.NaN, java.util.Map.of(), "no admissible configuration in 10000 draws", 0);
        return p.evaluate(c, index, "random");
    }

    /** Moves each non-fixed integer or choice coordinate with probability 0.3 (integers by a step of up to 10% of the range). */
    static Config mutateDiscrete(Space space, Config c, Rng rng) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Config m = c;
            for (Coordinate k : space.coordinates()) {
                if (k.fixed() || k.kind() == Coordinate.Kind.REAL) continue;
                if (rng.nextDouble() >= 0.3) continue;
                if (k.kind() == Coordinate.Kind.CHOICE) {
                    m = m.with(k.name(), k.choices().get((int) (rng.nextDouble() * k.choices().size()) % k.choices().size()));
                } else {
                    int span = (int) Math.max(1, Math.round(0.1 * (k.hi() - k.lo())));
                    int step = 1 + (int) (rng.nextDouble() * span);
                    int v = m.integer(k.name()) + (rng.nextDouble() < 0.5 ? -step : step);
                    m = m.with(k.name(), (int) Math.max(k.lo(), Math.min(k.hi(), v)));
                }
            }
            if (space.admits(m)) return m;
        }
        return c;
    }

    /**
     * One CMA-ES run around an elite (initial step {@code step} in normalized units: 0.15 in the first round, ×0.6 per
     * round down to 0.02, as the archive concentrates) (or, with no continuous coordinate, discrete mutations only).
     */
    static List<TrialResult> targetedRun(Property p, Config elite, Rng rng, int evals, double step, boolean keepGoing, long deadline) {
        Space space = p.space();
        Config base = mutateDiscrete(space, elite, rng);
        List<TrialResult> out = new ArrayList<>();
        List<Coordinate> cont = space.continuous();
        if (cont.isEmpty()) {
            for (int i = 0; i < evals && System.nanoTime() < deadline; i++) {
                TrialResult t = p.evaluate(i == 0 ? base : mutateDiscrete(space, elite, rng), out.size(), "mutate");
                out.add(t);
                if (t.violated() && !keepGoing) break;
            }
            return out;
        }
        int dim = cont.size();
        double[] x0 = new double[dim], lo = new double[dim], hi = new double[dim], sigma = new double[dim];
        for (int i = 0; i < dim; i++) {
            x0[i] = cont.get(i).normalize(base.real(cont.get(i).name()));
            hi[i] = 1;
            sigma[i] = step;
        }
        int population = 4 + (int) (3 * Math.log(dim));
        ObjectiveFunction f = new ObjectiveFunction(x -> {
            if (out.size() >= evals || System.nanoTime() >= deadline) return PENALTY;
            Config c = base;
            for (int i = 0; i < dim; i++) c = c.with(cont.get(i).name(), cont.get(i).denormalize(x[i]));
            if (!space.admits(c)) return PENALTY;
            TrialResult t = p.evaluate(c, out.size(), "cmaes");
            out.add(t);
            return Math.min(PENALTY, t.objective());
        });
        CMAESOptimizer cma = new CMAESOptimizer(evals, keepGoing ? 0 : -Double.MIN_VALUE, true, 0, 0,
                new Well19937c(rng.nextLong()), false, null);
        try {
            cma.optimize(new MaxEval(evals + 4 * population), f, GoalType.MINIMIZE, new InitialGuess(x0),
                    new SimpleBounds(lo, hi), new CMAESOptimizer.Sigma(sigma), new CMAESOptimizer.PopulationSize(population));
        } catch (MathIllegalStateException budgetReached) {
            // the evaluation budget of this run is spent: its trials are in out
        }
        return out;
    }
}
