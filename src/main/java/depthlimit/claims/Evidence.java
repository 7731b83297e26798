package depthlimit.claims;

import depthlimit.flow.SolverStats;
import depthlimit.limit.CauchyRatios;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;
import depthlimit.plot.Plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind a verdict: named values, tables (columns + rows), fitted rates, convergence studies and Cauchy
 * ratios ({@link #toMap()}, written to claims.json), plus typed plots and solver statistics for the HTML report (not in
 * the map). Typed results plot themselves: a {@link ConvergenceStudy} gives its rate plot with fit and 95% band.
 */
public final class Evidence {
    private final Map<String, Object> map = new LinkedHashMap<>();
    private final List<Plot> plots = new ArrayList<>();
    private final Map<String, SolverStats> solver = new LinkedHashMap<>();

    public Evidence put(String key, Object value) {
        map.put(key, value);
        return this;
    }

    public Evidence table(String name, List<String> columns, List<List<Object>> rows) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("columns", columns);
        t.put("rows", rows);
        map.put(name, t);
        return this;
    }

    /** A table built row by row. */
    public static final class Table {
        final List<String> columns;
        final List<List<Object>> rows = new ArrayList<>();

        public Table(String... columns) { this.columns = List.of(columns); }

        /** The rows so far (a read-only view). */
        public List<List<Object>> rows() { return java.util.Collections.unmodifiableList(rows); }

        public Table row(Object... values) {
            rows.add(Arrays.asList(values));
            return this;
        }
    }

    public Evidence table(String name, Table t) {
        return table(name, t.columns, t.rows);
    }

    public Evidence fit(String name, RateFit f) {
        map.put(name, f.toMap());
        return this;
    }

    /** Attaches the log–log rate plot of the studies, each with its fit and 95% band ({@link ConvergenceStudy#figure}). */
    public Evidence plot(String name, String title, String caption, String yLabel, ConvergenceStudy... studies) {
        return plot(ConvergenceStudy.figure(name, title, caption, yLabel, List.of(studies)));
    }

    public Evidence cauchy(String name, CauchyRatios c) {
        map.put(name, c.toMap());
        return this;
    }

    /** Attaches a plot of (some of) the numbers above; its name must be new within this evidence. */
    public Evidence plot(Plot p) {
        for (Plot q : plots)
            if (q.name().equals(p.name())) throw new IllegalArgumentException("two plots named " + p.name());
        plots.add(p);
        return this;
    }

    public List<Plot> plots() { return List.copyOf(plots); }

    /** Records the solver statistics of one integration (label: e.g. "L = 64"). */
    public Evidence solver(String label, SolverStats s) {
        solver.put(label, s);
        return this;
    }

    public Map<String, SolverStats> solverStats() { return java.util.Collections.unmodifiableMap(solver); }

    public Map<String, Object> toMap() { return map; }
}
