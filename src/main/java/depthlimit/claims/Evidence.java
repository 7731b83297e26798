package depthlimit.claims;

import depthlimit.flow.SolverStats;
import depthlimit.flow.WorkPrecision;
import depthlimit.limit.CauchyRatios;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;
import depthlimit.plot.Figure;
import depthlimit.plot.Plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind a verdict: named values, tables (columns + rows), fitted rates and Cauchy ratios ({@link #toMap()},
 * shown by the reports), plus typed plots and solver statistics for the HTML report (not in the map). Typed results
 * plot themselves: a {@link ConvergenceStudy} gives its rate plot with fit and 95% band, a {@link WorkPrecision} its
 * diagram. The data of the typed results a plot draws is kept by plot name ({@link #studies()}) and written to
 * claims.json with the map ({@link #toJsonMap()}), so that the file holds the numbers of every such plot.
 */
public final class Evidence {
    /** The key of {@link #toJsonMap()} under which the plotted studies are written; no other entry may take it. */
    public static final String STUDIES = "studies";

    private final Map<String, Object> map = new LinkedHashMap<>();
    private final List<Plot> plots = new ArrayList<>();
    private final Map<String, Map<String, Object>> studies = new LinkedHashMap<>();
    private final Map<String, SolverStats> solver = new LinkedHashMap<>();

    public Evidence put(String key, Object value) {
        map.put(key(key), value);
        return this;
    }

    private static String key(String name) {
        if (STUDIES.equals(name)) throw new IllegalArgumentException("evidence key \"" + STUDIES + "\" is reserved for the plotted studies");
        return name;
    }

    public Evidence table(String name, List<String> columns, List<List<Object>> rows) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("columns", columns);
        t.put("rows", rows);
        map.put(key(name), t);
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
        map.put(key(name), f.toMap());
        return this;
    }

    /**
     * Attaches the log–log rate plot of the studies, each with its fit and 95% band ({@link ConvergenceStudy#figure}),
     * and records the studies' data under the plot's name.
     */
    public Evidence plot(String name, String title, String caption, String yLabel, ConvergenceStudy... studies) {
        return plot(ConvergenceStudy.figure(name, title, caption, yLabel, List.of(studies)), studies);
    }

    /**
     * Attaches a figure that draws the given studies (for a study figure with added reference lines, {@link
     * Figure#with}) and records the studies' data under its name, by label. Each study must be drawn in the figure:
     * a series named by its label with its depths and values.
     */
    public Evidence plot(Figure f, ConvergenceStudy... drawn) {
        Map<String, Object> byLabel = new LinkedHashMap<>();
        for (ConvergenceStudy s : drawn) {
            boolean shown = f.series().stream().anyMatch(x -> x.name().equals(s.label()) && Arrays.equals(x.x(), s.depths())
                    && Arrays.equals(x.y(), s.values()));
            if (!shown) throw new IllegalArgumentException("figure " + f.name() + " does not draw the study " + s.label());
            if (byLabel.put(s.label(), s.toMap()) != null)
                throw new IllegalArgumentException("figure " + f.name() + ": two studies labelled " + s.label());
        }
        plot(f);
        if (!byLabel.isEmpty()) studies.put(f.name(), byLabel);
        return this;
    }

    /**
     * Attaches the work–precision diagram ({@link WorkPrecision#figure}) and records its data under the plot's name,
     * by method ({@link WorkPrecision#toMap()}).
     */
    public Evidence plot(WorkPrecision wp, String setting) {
        Figure f = wp.figure(setting);
        plot(f);
        studies.put(f.name(), wp.toMap());
        return this;
    }

    public Evidence cauchy(String name, CauchyRatios c) {
        map.put(key(name), c.toMap());
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

    /** The named values (what the reports show); the plotted studies are not in it, see {@link #toJsonMap()}. */
    public Map<String, Object> toMap() { return map; }

    /** The data of the typed results the plots draw: plot name → study label (or method) → its map, in plot order. */
    public Map<String, Map<String, Object>> studies() { return java.util.Collections.unmodifiableMap(studies); }

    /**
     * Records studies of a plot that is not attached here: a result rebuilt from its claims.json entry (check
     * --resume), whose plots are not redrawn but whose numbers must be written back as they were.
     */
    public Evidence studies(String plot, Map<String, Object> byLabel) {
        studies.put(plot, new LinkedHashMap<>(byLabel));
        return this;
    }

    /**
     * What claims.json holds as the evidence: {@link #toMap()}'s entries, in order, then (when a plot draws studies)
     * {@value #STUDIES}: plot name → label → {@link ConvergenceStudy#toMap()} (or the {@link WorkPrecision#toMap()}
     * of a work–precision plot).
     */
    public Map<String, Object> toJsonMap() {
        if (studies.isEmpty()) return map;
        Map<String, Object> m = new LinkedHashMap<>(map);
        m.put(STUDIES, studies);
        return m;
    }
}
