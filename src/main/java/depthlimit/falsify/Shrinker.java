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
 * violates or the budget of evaluations is spent. Sequential, hence deterministic.
 */
public final class Shrinker {
    private Shrinker() {}

    /** The shrunk witness, every evaluation made, and how many shrink steps succeeded. */
    public record Result(TrialResult witness, List<TrialResult> tried, int steps) {}

    private static final List<String> SIZES = List.of("depth", "hidden", "width", "n", "input", "output", "steps");

    public static Result shrink(Property p, TrialResult violation, int budget, int firstIndex) {
        TrialResult cur = violation;
        List<TrialResult> tried = new ArrayList<>();
        int steps = 0;
        boolean progress = true;
        while (progress && tried.size() < budget) {
            progress = false;
            for (Config cand : candidates(p.space(), cur.config())) {
                if (tried.size() >= budget) break;
                TrialResult t = p.evaluate(cand, firstIndex + tried.size(), "shrink");
                tried.add(t);
                if (t.violated()) {
                    cur = t;
                    steps++;
                    progress = true;
                    break;
                }
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
