package depthlimit.falsify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import depthlimit.InputError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A conjecture over configurations: a {@link Space}, a {@code measure} (a name from {@link Measures#LIBRARY} or a
 * Symja expression over measures and space fields), a {@code holds} comparison giving the signed {@link Margin},
 * and optionally {@code vacuous_if}, a Symja condition under which the property does not apply to a configuration
 * (counted and reported, never a silent pass). Evaluating a configuration is a pure function of it.
 */
public final class Property {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("name", "description", "space", "measure", "holds", "scale", "vacuous_if", "expect");

    private final String name;
    private final JsonNode source;
    private final Space space;
    private final Expr measure;
    private final Margin holds;
    private final Expr vacuousIf;

    private Property(String name, JsonNode source, Space space, Expr measure, Margin holds, Expr vacuousIf) {
        this.name = name;
        this.source = source;
        this.space = space;
        this.measure = measure;
        this.holds = holds;
        this.vacuousIf = vacuousIf;
    }

    public String name() { return name; }
    public JsonNode source() { return source; }
    public Space space() { return space; }
    public Expr measure() { return measure; }
    public Margin holds() { return holds; }

    public static Property read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputError("PROP", "cannot read " + file + ": " + e.getMessage());
        }
        return parse(text);
    }

    public static Property parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputError("", "not valid JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        }
        return parse(node);
    }

    public static Property parse(JsonNode node) {
        if (node == null || !node.isObject()) throw new InputError("", "a property is a JSON object with space, measure and holds");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TOP.contains(f)) throw new InputError(f, "unknown field; expected one of name, description, space, measure, holds, scale, vacuous_if");
        }
        Space space = Space.parse(node.get("space"));
        JsonNode m = node.get("measure");
        if (m == null || !m.isTextual())
            throw new InputError("measure", "expected a measure name (" + String.join(", ", Measures.LIBRARY.keySet()) + ") or a Symja expression over them");
        Set<String> known = new LinkedHashSet<>(Measures.LIBRARY.keySet());
        known.addAll(Space.fieldNames());
        Expr measure = Expr.compile(m.asText(), known, "measure");
        JsonNode h = node.get("holds");
        JsonNode sc = node.get("scale");
        if (sc != null && !sc.isNumber()) throw new InputError("scale", "expected a positive number");
        Margin holds = Margin.parse(h == null ? null : h.asText(), sc == null ? null : sc.asDouble());
        JsonNode v = node.get("vacuous_if");
        Expr vac = v == null ? null : Expr.compile(v.asText(), known, "vacuous_if");
        return new Property(node.path("name").asText("property"), node, space, measure, holds, vac);
    }

    /**
     * A space with no conjecture, for sweeps: {@link #evaluate(Config, int, String, List)} then only records
     * measures, and a trial that computes them all ends as HOLDS (there is nothing to violate).
     */
    public static Property recordOnly(String name, JsonNode source, Space space) {
        return new Property(name, source, space, null, null, null);
    }

    /** Evaluates one configuration (a pure function of it: same configuration, same bits). */
    public TrialResult evaluate(Config c, int index, String phase) {
        return evaluate(c, index, phase, List.of());
    }

    /**
     * Evaluates one configuration and also computes the measures named in {@code record} (names of
     * {@link Measures#LIBRARY}), sharing the trainings with the property's measure; a record measure that fails
     * makes the trial an error with its reason. A pure function of its arguments.
     */
    public TrialResult evaluate(Config c, int index, String phase, List<String> record) {
        long t0 = System.nanoTime();
        Measures.Context ctx = new Measures.Context(c);
        TrialResult.Status status;
        double value = Double.NaN, margin = Double.NaN;
        String reason = "";
        try {
            if (vacuousIf != null && eval(vacuousIf, ctx, c) != 0) {
                status = TrialResult.Status.VACUOUS;
                reason = "vacuous_if " + vacuousIf.text();
            } else if (measure == null) {
                status = TrialResult.Status.HOLDS;
            } else {
                value = eval(measure, ctx, c);
                margin = holds.of(value);
                if (Double.isNaN(margin)) {
                    status = TrialResult.Status.ERROR;
                    reason = "the measure is NaN";
                } else status = holds.violated(margin) ? TrialResult.Status.VIOLATED : TrialResult.Status.HOLDS;
            }
            if (status != TrialResult.Status.ERROR) for (String r : record) ctx.get(r);
        } catch (Measures.TrialError e) {
            status = TrialResult.Status.ERROR;
            reason = e.getMessage();
        } catch (InputError e) {
            status = TrialResult.Status.ERROR;
            reason = "configuration refused: " + e.getMessage();
        } catch (RuntimeException e) {
            // numerical libraries signal trouble by exceptions (Hipparchus MathIllegalStateException, ...)
            status = TrialResult.Status.ERROR;
            reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Map<String, Double> measured = new LinkedHashMap<>(ctx.values());
        return new TrialResult(index, phase, c, status, margin, value, measured, reason.replace('\n', ' '),
                (System.nanoTime() - t0) / 1e9);
    }

    private double eval(Expr e, Measures.Context ctx, Config c) {
        List<String> names = e.names();
        double[] v = new double[names.size()];
        for (int i = 0; i < v.length; i++) {
            String n = names.get(i);
            v[i] = Measures.LIBRARY.containsKey(n) ? ctx.get(n) : c.numeric(n, space);
        }
        return e.eval(v);
    }

    /** A configuration from its JSON object (as written in a witness), checked against the space. */
    public Config config(JsonNode node, String field) {
        if (node == null || !node.isObject()) throw new InputError(field, "expected an object of field values");
        Map<String, Object> m = new LinkedHashMap<>();
        for (Coordinate k : space.coordinates()) {
            JsonNode v = node.get(k.name());
            if (v == null && k.fixed()) {   // a field added after the witness was written: its fixed value
                m.put(k.name(), k.kind() == Coordinate.Kind.CHOICE ? k.choices().get(0)
                        : k.kind() == Coordinate.Kind.INT ? (Object) (int) k.lo() : (Object) k.lo());
                continue;
            }
            if (v == null) throw new InputError(field + "." + k.name(), "missing");
            m.put(k.name(), switch (k.kind()) {
                case INT -> {
                    if (!v.canConvertToInt()) throw new InputError(field + "." + k.name(), "expected an integer");
                    yield v.intValue();
                }
                case REAL -> {
                    if (!v.isNumber()) throw new InputError(field + "." + k.name(), "expected a number");
                    yield v.doubleValue();
                }
                case CHOICE -> v.asText();
            });
        }
        return new Config(m);
    }
}
