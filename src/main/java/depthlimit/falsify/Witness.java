package depthlimit.falsify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import depthlimit.InputError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A counterexample as a file: the complete property, the configuration (shrunk), its margin, value and every
 * measurement, the unshrunk original with its own, the search seed and trial, and the replay command. Doubles are
 * written in Java's shortest round-trip form, so {@link #replay} evaluates exactly the same configuration.
 * {@code expect} ("violated" or "holds") is what a regression test requires of a replay.
 */
public record Witness(Property property, Config config, TrialResult.Status status, double margin, double value,
                      Map<String, Double> measured, String expect, JsonNode json) {

    public static ObjectNode toJson(Property p, TrialResult shrunk, TrialResult original, int shrinkSteps, long seed, String replayCommand) {
        ObjectNode w = Property.JSON.createObjectNode();
        w.put("replay", replayCommand);
        w.put("expect", "violated");
        w.set("property", p.source());
        w.set("config", configJson(shrunk.config()));
        w.put("status", shrunk.status().label());
        w.put("margin", shrunk.margin());
        w.put("value", shrunk.value());
        w.set("measured", Property.JSON.valueToTree(shrunk.measured()));
        w.put("seed", seed);
        w.put("shrink_steps", shrinkSteps);
        ObjectNode o = w.putObject("original");
        o.put("trial", original.index());
        o.put("phase", original.phase());
        o.set("config", configJson(original.config()));
        o.put("margin", original.margin());
        o.put("value", original.value());
        o.set("measured", Property.JSON.valueToTree(original.measured()));
        return w;
    }

    static ObjectNode configJson(Config c) {
        ObjectNode n = Property.JSON.createObjectNode();
        for (Map.Entry<String, Object> e : c.values().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Integer i) n.put(e.getKey(), i);
            else if (v instanceof Double d) n.put(e.getKey(), d);
            else n.put(e.getKey(), String.valueOf(v));
        }
        return n;
    }

    public static void write(Path file, JsonNode w) throws IOException {
        Files.writeString(file, Property.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(w) + "\n");
    }

    public static Witness read(Path file) {
        JsonNode n;
        try {
            n = Property.JSON.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputError("WITNESS", "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputError("WITNESS", "cannot read " + file + ": " + e.getMessage());
        }
        if (!n.isObject() || !n.has("property")) throw new InputError("property", "a witness holds the property it refutes");
        Property p = Property.parse(n.get("property"));
        Config c = p.config(n.get("config"), "config");
        TrialResult.Status st = TrialResult.Status.of(n.path("status").asText());
        if (st == null) throw new InputError("status", "expected holds, violated, error or vacuous");
        String expect = n.path("expect").asText("violated");
        if (!expect.equals("violated") && !expect.equals("holds")) throw new InputError("expect", "expected \"violated\" or \"holds\"");
        Map<String, Double> measured = new java.util.LinkedHashMap<>();
        n.path("measured").fields().forEachRemaining(e -> measured.put(e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
        return new Witness(p, c, st, n.path("margin").asDouble(Double.NaN), n.path("value").asDouble(Double.NaN), measured, expect, n);
    }

    /** Re-evaluates the configuration. */
    public TrialResult replay() {
        return property.evaluate(config, 0, "replay");
    }

    /** True when the replay gives the recorded status, margin and measurements bit for bit. */
    public boolean identical(TrialResult r) {
        if (r.status() != status || Double.doubleToLongBits(r.margin()) != Double.doubleToLongBits(margin)) return false;
        for (Map.Entry<String, Double> e : measured.entrySet()) {
            Double v = r.measured().get(e.getKey());
            if (v == null || Double.doubleToLongBits(v) != Double.doubleToLongBits(e.getValue())) return false;
        }
        return true;
    }
}
