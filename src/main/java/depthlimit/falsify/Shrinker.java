package depthlimit.falsify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a violating configuration to a smaller one that still violates: smaller depth, hidden q, width m, n,
 * input d, output d′, shorter T and fewer steps, an activation, init or data generator earlier in its choice list
 * (lists are written simplest first), and continuous parameters rounded to 1, then 2 significant digits — each
 * candidate staying in the space and its constraints. Greedy, first success wins, repeated until no candidate
 * violates or the budget of evaluations is spent. The decisions are those of a sequential shrink, hence
 * deterministic, even when candidates are evaluated several at a time.
 */
public final class Shrinker {
    private Shrinker() {}

    /** The shrunk witness, every evaluation made, and how many shrink steps succeeded. */
    public record Result(TrialResult witness, List<TrialResult> tried, int steps) {}

    private static final List<String> SIZES = List.of("depth", "hidden", "width", "n", "input", "output", "steps");

    /** {@link #shrink(Property, TrialResult, int, int, Evaluator)} one candidate at a time, in this thread. */
    public static Result shrink(Property p, TrialResult violation, int budget, int firstIndex) {
        try (ThreadEvaluator ev = new ThreadEvaluator(1)) {
            return shrink(p, violation, budget, firstIndex, ev);
        }
    }

    /**
     * Shrinks with the candidates of each step evaluated by {@code ev} in chunks of its parallelism; the decisions
     * stay here, and evaluations after the step's first success are dropped, so the result (witness, tried, steps)
     * is that of the sequential greedy shrink whatever the engine.
     */
    public static Result shrink(Property p, TrialResult violation, int budget, int firstIndex, Evaluator ev) {
        TrialResult cur = violation;
        List<TrialResult> tried = new ArrayList<>();
        int steps = 0;
        boolean progress = true;
        while (progress && tried.size() < budget) {
            progress = false;
            List<Config> cands = candidates(p.space(), cur.config());
            for (int from = 0; from < cands.size() && !progress && tried.size() < budget; ) {
                int to = Math.min(cands.size(), from + Math.min(Math.max(1, ev.parallelism()), budget - tried.size()));
                List<Evaluator.Task> chunk = new ArrayList<>();
                for (int i = from; i < to; i++) chunk.add(new Evaluator.Task(cands.get(i), firstIndex + tried.size() + i - from, "shrink"));
                for (TrialResult t : ev.evaluate(p, chunk)) {
                    tried.add(t);
                    if (t.violated()) {
                        cur = t;
                        steps++;
                        progress = true;
                        break;
                    }
                }
                from = to;
            }
        }
        return new Result(cur, tried, steps);
    }

    /** Simpler neighbours of c inside the space, most aggressive first. */
    static List<Config> candidates(Space space, Config c) {
        List<Config> out = new ArrayList<>();
        for (String s : SIZES) {
            Coordinate k = space.coordinate(s);
            if (k.fixed()) continue;
            int v = c.integer(s), lo = (int) k.lo();
            for (int w : new int[]{lo, Math.max(lo, v / 2), v - 1}) if (w >= lo && w < v) add(space, out, c.with(s, w));
        }
        Coordinate t = space.coordinate("T");
        if (!t.fixed()) {
            double v = c.real("T");
            for (double w : new double[]{t.lo(), v / 2}) if (w >= t.lo() && w < v) add(space, out, c.with("T", w));
        }
        for (String s : List.of("activation", "init", "data", "method", "convention")) {
            Coordinate k = space.coordinate(s);
            int i = k.choices().indexOf(c.text(s));
            for (int j = 0; j < i; j++) add(space, out, c.with(s, k.choices().get(j)));
        }
        for (Coordinate k : space.continuous()) {
            double v = c.real(k.name());
            for (int digits = 1; digits <= 2; digits++) {
                double r = new BigDecimal(v).round(new MathContext(digits)).doubleValue();
                if (r != v) add(space, out, c.with(k.name(), r));
            }
        }
        Coordinate seed = space.coordinate("seed");
        if (!seed.fixed() && c.integer("seed") != (int) seed.lo()) add(space, out, c.with("seed", (int) seed.lo()));
        return out;
    }

    private static void add(Space space, List<Config> out, Config c) {
        if (space.admits(c) && !out.contains(c)) out.add(c);
    }
}
