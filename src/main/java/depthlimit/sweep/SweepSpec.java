package depthlimit.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import depthlimit.InputError;
import depthlimit.falsify.Config;
import depthlimit.falsify.Coordinate;
import depthlimit.falsify.Measures;
import depthlimit.falsify.Property;
import depthlimit.falsify.Space;
import depthlimit.random.Rng;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep: for each field of the falsifier's configuration space ({@link Space#FIELDS}) a fixed value, a list of
 * values, or a range; the trials are their cartesian product ({@code "sample": "grid"}, the default) or a seeded
 * random sample ({@code "sample": {"random": N, "seed": S}}); each trial records the measures named in
 * {@code record} (from {@link Measures#LIBRARY}) and, optionally, checks a property ({@code "check": {"measure",
 * "holds", "scale", "vacuous_if"}}, as in a property file). Trials outside the space's constraints are left out.
 *
 * <p>Field forms: {@code 8} or {@code "tanh"} (fixed); {@code [4, 8, 16]} or {@code {"values": [...]}} (a list);
 * {@code {"range": [lo, hi], "steps": k, "log": true}} (k points from lo to hi, evenly or log-evenly spaced; in a
 * random sample a range without steps is drawn uniformly, log-uniformly with log). The seed field defaults to 1.
 *
 * <p>Each trial is keyed by {@link #key}: a hash of its resolved configuration and of what it measures, so a
 * rerun recognizes finished trials whatever their position. Parsing and trial generation are pure functions of
 * the text; evaluation ({@link #evaluate}) is a pure function of the configuration.
 */
public final class SweepSpec {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("name", "description", "space", "sample", "record", "check");

    private final String text;
    private final String name;
    private final Property property;
    private final List<String> record;
    private final String checkText;
    private final List<Config> trials;
    private final int skipped;

    private SweepSpec(String text, String name, Property property, List<String> record, String checkText,
                      List<Config> trials, int skipped) {
        this.text = text;
        this.name = name;
        this.property = property;
        this.record = record;
        this.checkText = checkText;
        this.trials = trials;
        this.skipped = skipped;
    }

    /** The spec's JSON text (what a Spark executor re-parses). */
    public String text() { return text; }
    public String name() { return name; }
    public Space space() { return property.space(); }
    public List<String> record() { return record; }
    /** True when the sweep checks a property (statuses holds/violated/vacuous), false when it only records. */
    public boolean checks() { return checkText != null; }
    /** The trials in order (trial index = position). */
    public List<Config> trials() { return trials; }
    /** Grid points or draws refused by the constraints. */
    public int skipped() { return skipped; }

    public static SweepSpec read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new InputError("SWEEP", "cannot read " + file + ": " + e.getMessage());
        }
    }

    public static SweepSpec parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputError("", "not valid JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        }
        if (node == null || !node.isObject()) throw new InputError("", "a sweep is a JSON object with space, sample and record");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TOP.contains(f)) throw new InputError(f, "unknown field; expected one of name, description, space, sample, record, check");
        }
        JsonNode sp = node.get("space");
        if (sp == null || !sp.isObject()) throw new InputError("space", "expected an object of fields (values, lists or ranges)");
        ObjectNode spaceNode = JsonNodeFactory.instance.objectNode();
        Map<String, JsonNode> given = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sp.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("constraints")) { spaceNode.set("constraints", e.getValue()); continue; }
            if (!Space.FIELDS.containsKey(e.getKey()))
                throw new InputError("space." + e.getKey(), "unknown field; expected one of " + String.join(", ", Space.FIELDS.keySet()) + ", constraints");
            given.put(e.getKey(), e.getValue());
            spaceNode.set(e.getKey(), asSpaceField(e.getKey(), e.getValue()));
        }
        if (!given.containsKey("seed")) {
            given.put("seed", JsonNodeFactory.instance.numberNode(1));
            spaceNode.put("seed", 1);
        }
        String name = node.path("name").asText("sweep");
        JsonNode check = node.get("check");
        Property property;
        String checkText = null;
        if (check != null) {
            if (!check.isObject()) throw new InputError("check", "expected {\"measure\": ..., \"holds\": ...}");
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            p.put("name", name);
            p.set("space", spaceNode);
            for (Iterator<Map.Entry<String, JsonNode>> it = check.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!Set.of("measure", "holds", "scale", "vacuous_if").contains(e.getKey()))
                    throw new InputError("check." + e.getKey(), "unknown field; expected one of measure, holds, scale, vacuous_if");
                p.set(e.getKey(), e.getValue());
            }
            try {
                property = Property.parse(p);
            } catch (InputError e) {
                boolean inCheck = !e.field().startsWith("space");
                throw inCheck ? new InputError("check." + e.field(), strip(e)) : e;
            }
            checkText = check.toString();
        } else {
            property = Property.recordOnly(name, node, Space.parse(spaceNode));
        }
        List<String> record = new ArrayList<>();
        JsonNode r = node.get("record");
        if (r == null && check == null) throw new InputError("record", "missing: expected a list of measures (" + String.join(", ", Measures.LIBRARY.keySet()) + ")");
        if (r != null) {
            if (!r.isArray()) throw new InputError("record", "expected a list of measure names");
            for (int i = 0; i < r.size(); i++) {
                String m = r.get(i).asText();
                if (!Measures.LIBRARY.containsKey(m))
                    throw new InputError("record[" + i + "]", "unknown measure \"" + m + "\"; expected one of " + String.join(", ", Measures.LIBRARY.keySet()));
                if (!record.contains(m)) record.add(m);
            }
        }
        Space space = property.space();
        Map<String, Axis> axes = new LinkedHashMap<>();
        for (Coordinate c : space.coordinates()) axes.put(c.name(), axis(c, given.get(c.name())));
        JsonNode sample = node.get("sample");
        List<Config> trials = new ArrayList<>();
        int skipped = 0;
        if (sample == null || (sample.isTextual() && sample.asText().equals("grid"))) {
            for (Map.Entry<String, Axis> e : axes.entrySet())
                if (e.getValue().values == null)
                    throw new InputError("space." + e.getKey(), "a range in a grid sweep needs \"steps\" (or use \"sample\": {\"random\": N})");
            long size = 1;
            for (Axis a : axes.values()) {
                size *= a.values.size();
                if (size > 10_000_000) throw new InputError("space", "the grid has more than 10^7 points; sample it with \"sample\": {\"random\": N}");
            }
            List<String> names = new ArrayList<>(axes.keySet());
            int[] at = new int[names.size()];
            for (long g = 0; g < size; g++) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) m.put(names.get(i), axes.get(names.get(i)).values.get(at[i]));
                Config c = new Config(m);
                if (space.admits(c)) trials.add(c); else skipped++;
                for (int i = names.size() - 1; i >= 0; i--) {   // last field fastest
                    if (++at[i] < axes.get(names.get(i)).values.size()) break;
                    at[i] = 0;
                }
            }
            if (trials.isEmpty()) throw new InputError("space.constraints", "no grid point satisfies the constraints (with hidden ≥ max(input, output))");
        } else if (sample.isObject() && sample.has("random")) {
            JsonNode n = sample.get("random");
            if (!n.canConvertToInt() || n.asInt() < 1) throw new InputError("sample.random", "expected a positive number of trials, got " + n);
            JsonNode s = sample.path("seed");
            if (!s.isMissingNode() && !s.canConvertToLong()) throw new InputError("sample.seed", "expected an integer, got " + s);
            long seed = s.asLong(1);
            for (int i = 0; i < n.asInt(); i++) {
                Rng rng = Rng.stream(seed, "sweep.random." + i);
                Config c = null;
                for (int t = 0; t < 10_000 && c == null; t++) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (Map.Entry<String, Axis> e : axes.entrySet()) m.put(e.getKey(), e.getValue().draw(rng));
                    Config d = new Config(m);
                    if (space.admits(d)) c = d; else skipped++;
                }
                if (c == null) throw new InputError("space.constraints", "no admissible configuration in 10000 draws for trial " + i);
                trials.add(c);
            }
        } else {
            throw new InputError("sample", "expected \"grid\" or {\"random\": N, \"seed\": S}, got " + sample);
        }
        return new SweepSpec(text, name, property, List.copyOf(record), checkText, List.copyOf(trials), skipped);
    }

    private static String strip(InputError e) {
        String m = e.getMessage(), p = e.field() + ": ";
        return m.startsWith(p) ? m.substring(p.length()) : m;
    }

    /** The sweep form of a field as the property space's form (which validates names, bounds and choices). */
    private static JsonNode asSpaceField(String name, JsonNode v) {
        String field = "space." + name;
        boolean choice = Space.FIELDS.get(name)[0] == Coordinate.Kind.CHOICE;
        JsonNode list = v.isArray() ? v : v.isObject() && v.has("values") ? v.get("values") : null;
        if (v.isObject() && v.has("values") && (list == null || !list.isArray())) throw new InputError(field + ".values", "expected a list");
        if (list != null) {
            if (list.isEmpty()) throw new InputError(field, "empty list of values");
            if (choice) return JsonNodeFactory.instance.objectNode().set("choice", list);
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (JsonNode x : list) {
                if (!x.isNumber()) throw new InputError(field, "expected a list of numbers, got " + x);
                lo = Math.min(lo, x.asDouble());
                hi = Math.max(hi, x.asDouble());
            }
            ArrayNode r = JsonNodeFactory.instance.arrayNode().add(lo).add(hi);
            if (Space.FIELDS.get(name)[0] == Coordinate.Kind.INT)
                for (JsonNode x : list) if (x.asDouble() != Math.rint(x.asDouble())) throw new InputError(field, "expected integers, got " + x);
            return r;
        }
        if (v.isObject()) {
            for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!Set.of("range", "log", "steps").contains(k)) throw new InputError(field + "." + k, "unknown key; expected values, or range with steps and log");
            }
            if (!v.has("range")) throw new InputError(field, "expected a value, a list [..], {\"values\": [..]} or {\"range\": [lo, hi], \"steps\": k}");
            if (choice) throw new InputError(field, "a choice field takes a name or a list of names, not a range");
            if (v.has("steps") && (!v.get("steps").canConvertToInt() || v.get("steps").asInt() < 1))
                throw new InputError(field + ".steps", "expected a positive integer, got " + v.get("steps"));
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.set("range", v.get("range"));
            if (v.has("log")) o.set("log", v.get("log"));
            return o;
        }
        return v;
    }

    /** The values of one field: a finite list, or (values == null) a range drawn at random. */
    private record Axis(Coordinate c, List<Object> values) {
        Object draw(Rng rng) {
            double u = rng.nextDouble();
            if (values != null) return values.get(Math.min(values.size() - 1, (int) (u * values.size())));
            if (c.kind() == Coordinate.Kind.INT) return (int) Math.min(c.hi(), Math.floor(c.lo() + u * (c.hi() - c.lo() + 1)));
            return c.denormalize(u);
        }
    }

    private static Axis axis(Coordinate c, JsonNode v) {
        if (c.kind() == Coordinate.Kind.CHOICE) return new Axis(c, c.choices());
        if (c.fixed()) return new Axis(c, List.of(typed(c, c.lo())));
        JsonNode list = v.isArray() ? v : v.get("values");
        List<Object> vals = new ArrayList<>();
        if (list != null) {
            for (JsonNode x : list) vals.add(typed(c, x.asDouble()));
            return new Axis(c, List.copyOf(vals));
        }
        if (!v.has("steps")) return new Axis(c, null);
        int k = v.get("steps").asInt();
        for (int i = 0; i < k; i++) {
            double u = k == 1 ? 0 : (double) i / (k - 1);
            double x0 = c.log() ? c.denormalize(u) : k == 1 ? c.lo() : (c.lo() * (k - 1 - i) + c.hi() * i) / (k - 1);
            Object x = typed(c, i == k - 1 ? c.hi() : Math.max(c.lo(), Math.min(c.hi(), x0)));
            if (!vals.contains(x)) vals.add(x);
        }
        return new Axis(c, List.copyOf(vals));
    }

    private static Object typed(Coordinate c, double x) {
        return c.kind() == Coordinate.Kind.INT ? (Object) (int) Math.round(x) : (Object) x;
    }

    /**
     * The trial's key: the first 16 hex digits of a name-based UUID of its resolved configuration (every field, in field
     * order, doubles in their shortest round-trip form) and what it measures (record and check).
     */
    public String key(Config c) {
        StringBuilder b = new StringBuilder("sweep-v1");
        for (Map.Entry<String, Object> e : c.values().entrySet()) b.append('|').append(e.getKey()).append('=').append(e.getValue());
        b.append("|record=").append(record).append("|check=").append(checkText);
        // a name-based (MD5) UUID of the canonical text: a stable key, not a security measure
        return java.util.UUID.nameUUIDFromBytes(b.toString().getBytes(StandardCharsets.UTF_8)).toString().replace("-", "").substring(0, 16);
    }

    /** Evaluates trial {@code index} (the falsifier's evaluation, with the record measures). */
    public SweepRow evaluate(int index) {
        Config c = trials.get(index);
        var t = property.evaluate(c, index, "sweep", record);
        Map<String, Double> m = new LinkedHashMap<>();
        for (String r : record) m.put(r, t.measured().getOrDefault(r, Double.NaN));
        if (checkText != null) {
            m.put("value", t.value());
            m.put("margin", t.margin());
        }
        String status = checkText == null && t.status() == depthlimit.falsify.TrialResult.Status.HOLDS ? "ok" : t.status().label();
        return new SweepRow(index, key(c), status, t.reason(), m, t.seconds());
    }
}
