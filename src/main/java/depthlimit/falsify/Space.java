package depthlimit.falsify;

import com.fasterxml.jackson.databind.JsonNode;
import depthlimit.InputError;
import depthlimit.random.Rng;
import depthlimit.symbolic.SymbolicActivations;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code space} of a property: for each field of a configuration (architecture, activation, init family and
 * its parameters, data, training, seed) a fixed value, a range or a list of choices, plus constraints between
 * fields written as Symja conditions ({@code "hidden >= input + output"}). Fields left out take their defaults
 * ({@link #FIELDS}). hidden ≥ max(input, output) is always required (A = (I;0), B = (0,I), Section 3).
 *
 * <p>JSON forms of a field: a number or string (fixed); {@code [lo, hi]} (range; integer fields draw integers);
 * {@code {"range": [lo, hi], "log": true}} (log-uniform); {@code {"choice": [..]}} (simplest first).
 */
public final class Space {
    /** Every field, its kind and its default. */
    public static final Map<String, Object[]> FIELDS = new LinkedHashMap<>();

    static {
        def("depth", Coordinate.Kind.INT, 8);
        def("width", Coordinate.Kind.INT, 8);
        def("hidden", Coordinate.Kind.INT, 4);
        def("input", Coordinate.Kind.INT, 2);
        def("output", Coordinate.Kind.INT, 1);
        def("n", Coordinate.Kind.INT, 8);
        def("activation", Coordinate.Kind.CHOICE, "tanh");
        def("convention", Coordinate.Kind.CHOICE, "paper");
        def("init", Coordinate.Kind.CHOICE, "gp");
        def("lengthScale", Coordinate.Kind.REAL, 0.5);
        def("hurst", Coordinate.Kind.REAL, 0.95);
        def("iidScale", Coordinate.Kind.REAL, 1.0);
        def("data", Coordinate.Kind.CHOICE, "gaussian");
        def("labelScale", Coordinate.Kind.REAL, 1.0);
        def("method", Coordinate.Kind.CHOICE, "dp853");
        def("T", Coordinate.Kind.REAL, 1.0);
        def("eta", Coordinate.Kind.REAL, 0.01);
        def("steps", Coordinate.Kind.INT, 100);
        def("clip", Coordinate.Kind.REAL, 0.0);
        def("rtol", Coordinate.Kind.REAL, 1e-8);
        def("atol", Coordinate.Kind.REAL, 1e-10);
        def("maxEvaluations", Coordinate.Kind.INT, 200_000);
        def("radius", Coordinate.Kind.REAL, 1.0);
        def("seed", Coordinate.Kind.INT, new double[]{0, 999_999});
    }

    static final List<String> INITS = List.of("weight-tied", "gp", "fbm", "iid");
    static final List<String> DATA = List.of("gaussian", "sphere", "teacher");
    static final List<String> METHODS = List.of("dp853", "dp54", "gd", "euler", "rk4");
    static final List<String> CONVENTIONS = List.of("paper", "authors-code");

    private static void def(String name, Coordinate.Kind kind, Object dflt) {
        FIELDS.put(name, new Object[]{kind, dflt});
    }

    private final Map<String, Coordinate> coords;
    private final List<Expr> constraints;

    private Space(Map<String, Coordinate> coords, List<Expr> constraints) {
        this.coords = coords;
        this.constraints = constraints;
    }

    public List<Coordinate> coordinates() { return List.copyOf(coords.values()); }

    public Coordinate coordinate(String name) { return coords.get(name); }

    public List<Expr> constraints() { return constraints; }

    /** The continuous coordinates, in field order (what CMA-ES moves). */
    public List<Coordinate> continuous() {
        return coords.values().stream().filter(Coordinate::continuous).toList();
    }

    public static Space parse(JsonNode node) {
        if (node == null || !node.isObject()) throw new InputError("space", "expected an object of fields");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.containsKey(f) && !f.equals("constraints"))
                throw new InputError("space." + f, "unknown field; expected one of " + String.join(", ", FIELDS.keySet()) + ", constraints");
        }
        Map<String, Coordinate> coords = new LinkedHashMap<>();
        for (Map.Entry<String, Object[]> e : FIELDS.entrySet()) {
            String name = e.getKey();
            Coordinate.Kind kind = (Coordinate.Kind) e.getValue()[0];
            coords.put(name, coordinate(name, kind, e.getValue()[1], node.get(name)));
        }
        List<Expr> cons = new ArrayList<>();
        JsonNode c = node.get("constraints");
        if (c != null) {
            if (!c.isArray()) throw new InputError("space.constraints", "expected a list of Symja conditions such as \"hidden >= input + output\"");
            for (int i = 0; i < c.size(); i++) {
                if (!c.get(i).isTextual()) throw new InputError("space.constraints[" + i + "]", "expected a string");
                cons.add(Expr.compile(c.get(i).asText(), FIELDS.keySet(), "space.constraints[" + i + "]"));
            }
        }
        Space s = new Space(coords, List.copyOf(cons));
        s.checkSatisfiable();
        return s;
    }

    private static Coordinate coordinate(String name, Coordinate.Kind kind, Object dflt, JsonNode v) {
        String field = "space." + name;
        if (v == null) v = defaultNode(dflt);
        if (kind == Coordinate.Kind.CHOICE) {
            List<Object> choices = new ArrayList<>();
            JsonNode list = v.isObject() ? v.get("choice") : v.isArray() ? v : null;
            if (v.isObject() && list == null) throw new InputError(field, "expected a name, a list of names or {\"choice\": [...]}");
            if (list == null) choices.add(v.asText());
            else for (JsonNode x : list) choices.add(x.asText());
            if (choices.isEmpty()) throw new InputError(field, "empty list of choices");
            for (Object o : choices) checkChoice(name, field, (String) o);
            return new Coordinate(name, kind, 0, 0, false, List.copyOf(choices));
        }
        double lo, hi;
        boolean log = false;
        if (v.isNumber()) {
            lo = hi = v.asDouble();
        } else if (v.isArray() || (v.isObject() && v.has("range"))) {
            JsonNode r = v.isArray() ? v : v.get("range");
            if (r.size() != 2 || !r.get(0).isNumber() || !r.get(1).isNumber())
                throw new InputError(field, "expected a range [lo, hi] of two numbers");
            lo = r.get(0).asDouble();
            hi = r.get(1).asDouble();
            log = v.isObject() && v.path("log").asBoolean(false);
        } else if (v.isObject() && v.has("choice")) {
            throw new InputError(field, "a numeric field takes a number or a range [lo, hi], not a choice");
        } else {
            throw new InputError(field, "expected a number or a range [lo, hi], got " + v);
        }
        if (!(lo <= hi)) throw new InputError(field, "empty or inverted range [" + lo + ", " + hi + "]");
        if (kind == Coordinate.Kind.INT && (lo != Math.rint(lo) || hi != Math.rint(hi)))
            throw new InputError(field, "expected integers, got [" + lo + ", " + hi + "]");
        if (log && !(lo > 0)) throw new InputError(field, "a log-scale range needs lo > 0");
        checkBounds(name, field, lo, hi);
        return new Coordinate(name, kind, lo, hi, log, List.of());
    }

    private static JsonNode defaultNode(Object dflt) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        if (dflt instanceof String str) return f.textNode(str);
        if (dflt instanceof double[] r) return f.arrayNode().add(r[0]).add(r[1]);
        return f.numberNode(((Number) dflt).doubleValue());
    }

    private static void checkBounds(String name, String field, double lo, double hi) {
        double min = switch (name) {
            case "depth", "width", "hidden", "input", "output", "n", "steps", "maxEvaluations" -> 1;
            case "T", "eta", "rtol", "atol", "lengthScale", "iidScale", "radius" -> Double.MIN_NORMAL;
            case "hurst" -> Double.MIN_NORMAL;
            default -> 0;
        };
        if (lo < min) throw new InputError(field, "must be " + (min == 1 ? "≥ 1" : min == 0 ? "≥ 0" : "> 0") + ", got " + lo);
        if (name.equals("hurst") && hi >= 1) throw new InputError(field, "the Hurst index must lie in (0, 1), got " + hi);
        if (!Double.isFinite(hi)) throw new InputError(field, "must be finite");
    }

    private static void checkChoice(String name, String field, String v) {
        switch (name) {
            case "init" -> { if (!INITS.contains(v)) throw new InputError(field, "unknown init \"" + v + "\"; expected one of " + INITS); }
            case "data" -> { if (!DATA.contains(v)) throw new InputError(field, "unknown data generator \"" + v + "\"; expected one of " + DATA); }
            case "method" -> { if (!METHODS.contains(v)) throw new InputError(field, "unknown method \"" + v + "\"; expected one of " + METHODS); }
            case "convention" -> { if (!CONVENTIONS.contains(v)) throw new InputError(field, "unknown convention \"" + v + "\"; expected one of " + CONVENTIONS); }
            case "activation" -> SymbolicActivations.resolve(v, field);
            default -> throw new IllegalStateException(name);
        }
    }

    /** Draws one value per coordinate from {@code rng} (no constraint check). */
    Config draw(Rng rng) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Coordinate c : coords.values()) {
            double u = rng.nextDouble();
            m.put(c.name(), switch (c.kind()) {
                case CHOICE -> c.choices().get(Math.min(c.choices().size() - 1, (int) (u * c.choices().size())));
                case INT -> (int) Math.min(c.hi(), Math.floor(c.lo() + u * (c.hi() - c.lo() + 1)));
                case REAL -> c.lo() == c.hi() ? c.lo() : c.log() ? c.denormalize(u) : c.lo() + u * (c.hi() - c.lo());
            });
        }
        return new Config(m);
    }

    /** Rejection sampling: the first draw that lies in the space; null after {@code tries} draws. */
    public Config sample(Rng rng, int tries) {
        for (int i = 0; i < tries; i++) {
            Config c = draw(rng);
            if (admits(c)) return c;
        }
        return null;
    }

    /** True when every value is in its coordinate and every constraint holds. */
    public boolean admits(Config c) {
        for (Coordinate k : coords.values()) if (!k.contains(c.get(k.name()))) return false;
        if (c.integer("hidden") < Math.max(c.integer("input"), c.integer("output"))) return false;
        for (Expr e : constraints) {
            double[] v = new double[e.names().size()];
            for (int i = 0; i < v.length; i++) v[i] = c.numeric(e.names().get(i), this);
            double r = e.eval(v);
            if (!(r != 0) || Double.isNaN(r)) return false;
        }
        return true;
    }

    private void checkSatisfiable() {
        Rng rng = Rng.stream(0, "falsify.space.check");
        if (sample(rng, 20_000) == null)
            throw new InputError(constraints.isEmpty() ? "space" : "space.constraints",
                    "no configuration satisfies the constraints (with hidden ≥ max(input, output)) in 20000 random draws");
    }

    /** Names usable in expressions: every field. */
    public static Set<String> fieldNames() { return FIELDS.keySet(); }
}
