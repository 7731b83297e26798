package depthlimit.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finished trial of a sweep: its index, key ({@link SweepSpec#key}), status ("ok", "error", or with a check
 * "holds", "violated", "error", "vacuous"), reason, measurements (NaN when not computed) and wall time. One JSON
 * line in the trial journal; doubles are written in their shortest round-trip form, so a row read back is the
 * row written, bit for bit.
 */
public record SweepRow(int index, String key, String status, String reason, Map<String, Double> measured, double seconds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A finished trial that a rerun keeps (an error is evaluated again). */
    public boolean finished() { return !status.equals("error"); }

    public String toJsonLine() {
        ObjectNode o = JSON.createObjectNode();
        o.put("index", index).put("key", key).put("status", status).put("reason", reason).put("seconds", seconds);
        ObjectNode m = o.putObject("measured");
        // JSON has no NaN or infinities: those are written as strings
        for (Map.Entry<String, Double> e : measured.entrySet()) {
            double v = e.getValue();
            if (Double.isFinite(v)) m.put(e.getKey(), v); else m.put(e.getKey(), Double.toString(v));
        }
        return o.toString();
    }

    /** The row of one journal line; null for a line that is not a whole row (a write cut short by a kill). */
    public static SweepRow fromJsonLine(String line) {
        try {
            JsonNode o = JSON.readTree(line);
            if (o == null || !o.has("index") || !o.has("key") || !o.has("status") || !o.has("measured") || !o.has("seconds")) return null;
            Map<String, Double> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.get("measured").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), e.getValue().isTextual() ? Double.parseDouble(e.getValue().asText()) : e.getValue().asDouble());
            }
            return new SweepRow(o.get("index").asInt(), o.get("key").asText(), o.get("status").asText(), o.path("reason").asText(""),
                    m, o.get("seconds").asDouble());
        } catch (Exception e) {
            return null;
        }
    }
}
