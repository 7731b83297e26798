package depthlimit.falsify;

import depthlimit.random.Rng;
import org.hipparchus.optim.nonlinear.scalar.noderiv.CMAESOptimizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The search for a counterexample: seeded random sampling of the space, then a targeted search that drives the
 * smallest margins further down — rounds of CMA-ES ({@link CMAESOptimizer}, Hipparchus) over the continuous
 * coordinates (normalized to [0, 1], log scale where asked), each run started at one of the best trials so far
 * (the elite archive, kept between rounds as in the cross-entropy method) with its discrete coordinates mutated
 * around the elite's.
 *
 * <p>Determinism: trial i of the random phase draws from {@code Rng.stream(seed, "falsify.random.i")}; each
 * CMA-ES run draws from its own stream named by round and elite. The search runs here and hands batches of
 * configurations to an {@link Evaluator} (threads, or one Spark job per batch), whose results come back in the
 * batch's order; no decision depends on completion order or timing. The whole run is therefore a function of the
 * property, the seed and the budget, whatever the engine and the thread or executor count. A {@code time} limit
 * is checked only between evaluator calls (whole random batches, whole targeted rounds), so a round that started
 * before the limit finishes; which round was the last depends on the clock, so a time-limited run is reproducible
 * only through its witness (or as the budget-limited run of the same number of trials).
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

    /** {@link #run(Property, Options, Evaluator, Consumer)} on {@code o.threads()} threads of this JVM. */
    public static Outcome run(Property p, Options o, Consumer<List<TrialResult>> progress) {
        try (ThreadEvaluator ev = new ThreadEvaluator(o.threads())) {
            return run(p, o, ev, progress);
        }
    }

    /**
     * Runs the search, handing every batch of trials to {@code ev}: random batches (several of {@link #BATCH} per
     * call when {@code ev} has room, cut after the first batch with a violation as if they had run one by one),
     * then one call per CMA-ES generation of all the round's runs together. The trials do not depend on {@code ev}.
     * The time limit is checked only between calls (whole random batches, whole targeted rounds), never inside one.
     */
    public static Outcome run(Property p, Options o, Evaluator ev, Consumer<List<TrialResult>> progress) {
        long start = System.nanoTime();
        List<TrialResult> trials = new ArrayList<>();
        boolean timedOut = false;
        int randomBudget = o.targeted() ? Math.max(Math.min(o.budget(), BATCH), (int) Math.round(o.budget() * o.randomFraction())) : o.budget();
        double randomTime = o.targeted() ? o.timeSeconds() * o.randomFraction() : o.timeSeconds();
        // batches per call: enough for two trials per worker; never changes which trials are kept
        int perCall = Math.max(1, (2 * ev.parallelism() + BATCH - 1) / BATCH);
        while (trials.size() < randomBudget && !stop(trials, o)) {
            if (elapsed(start) > randomTime) { timedOut = !o.targeted(); break; }
            int from = trials.size(), to = Math.min(randomBudget, from + perCall * BATCH);
            addRandom(p, o, ev, from, to, trials);
            progress.accept(trials);
        }
        int round = 0;
        while (o.targeted() && trials.size() < o.budget() && !stop(trials, o)) {
            if (elapsed(start) > o.timeSeconds()) { timedOut = true; break; }
            List<TrialResult> elites = trials.stream().filter(t -> Double.isFinite(t.objective()))
                    .sorted(Comparator.comparingDouble(TrialResult::objective).thenComparingInt(TrialResult::index))
                    .limit(o.elites()).toList();
            int remaining = o.budget() - trials.size();
            if (elites.isEmpty()) {     // nothing to refine yet: one more random batch
                int from = trials.size();
                addRandom(p, o, ev, from, from + Math.min(BATCH, remaining), trials);
            } else {
                int perRun = Math.max(1, Math.min(o.evalsPerRun(), remaining / elites.size()));
                List<TargetedRun> runs = new ArrayList<>();
                for (int e = 0; e < elites.size(); e++) {
                    Rng rng = Rng.stream(o.seed(), "falsify.cmaes." + round + "." + e);
                    double sigma = Math.max(0.02, 0.15 * Math.pow(0.6, round));
                    runs.add(new TargetedRun(p, elites.get(e).config(), rng, perRun, sigma, o.keepGoing()));
                }
                advance(p, ev, runs);
                for (TargetedRun r : runs)
                    for (TrialResult t : r.trials())
                        if (trials.size() < o.budget()) trials.add(t.renumber(trials.size(), t.phase()));
            }
            round++;
            progress.accept(trials);
        }
        if (trials.size() >= o.budget() || stop(trials, o)) timedOut = false;
        return new Outcome(List.copyOf(trials), timedOut);
    }

    /** Random trials {@code from}..{@code to}−1 in one call, kept up to the end of the first batch of {@link #BATCH} with a violation. */
    private static void addRandom(Property p, Options o, Evaluator ev, int from, int to, List<TrialResult> trials) {
        TrialResult[] got = new TrialResult[to - from];
        List<Evaluator.Task> tasks = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Config c = p.space().sample(Rng.stream(o.seed(), "falsify.random." + i), 10_000);
            if (c == null) got[i - from] = new TrialResult(i, "random", p.space().draw(Rng.stream(o.seed(), "falsify.random." + i)),
                    TrialResult.Status.ERROR, Double.NaN, Double.NaN, java.util.Map.of(), "no admissible configuration in 10000 draws", 0);
            else {
                tasks.add(new Evaluator.Task(c, i, "random"));
                at.add(i - from);
            }
        }
        List<TrialResult> res = tasks.isEmpty() ? List.of() : ev.evaluate(p, tasks);
        for (int k = 0; k < res.size(); k++) got[at.get(k)] = res.get(k);
        for (int b = 0; b < got.length; b += BATCH) {
            for (int i = b; i < Math.min(got.length, b + BATCH); i++) trials.add(got[i]);
            if (stop(trials, o)) return;
        }
    }

    /** Drives the round's runs to their ends: one evaluator call per step, all runs' next points together, in run order. */
    private static void advance(Property p, Evaluator ev, List<TargetedRun> runs) {
        while (true) {
            List<Evaluator.Task> batch = new ArrayList<>();
            List<int[]> owner = new ArrayList<>();    // {run, count}
            for (int r = 0; r < runs.size(); r++) {
                List<Evaluator.Task> next = runs.get(r).pending();
                if (next.isEmpty()) continue;
                batch.addAll(next);
                owner.add(new int[]{r, next.size()});
            }
            if (batch.isEmpty()) return;
            List<TrialResult> res = ev.evaluate(p, batch);
            int k = 0;
            for (int[] w : owner) {
                runs.get(w[0]).feed(res.subList(k, k + w[1]));
                k += w[1];
            }
        }
    }

    private static boolean stop(List<TrialResult> trials, Options o) {
        return !o.keepGoing() && trials.stream().anyMatch(TrialResult::violated);
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
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
}
