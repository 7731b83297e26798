package depthlimit.report;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Evidence held in a map without an order of its own (Map.of, whose iteration order is salted per JVM run; HashMap)
 * is rendered by key, so report.md and index.html are the same bytes for the same spec and seed in every run.
 */
class MarkdownReportOrderTest {
    @Test
    void unorderedMapsRenderByKey() {
        Map<String, Object> unordered = new HashMap<>();
        for (String k : List.of("zeta", "alpha", "mu", "beta", "omega", "kappa")) unordered.put(k, k.length() * 0.5);
        Map<String, Object> nested = new HashMap<>(Map.of("inner", Map.of("y", 2.0, "x", 1.0, "w", 0.5)));
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("rate_window", unordered);
        ev.put("solver", nested);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", "x.order");
        r.put("number", 1);
        r.put("verdict", "CONFIRMED");
        r.put("key_figure", "k");
        r.put("wall_seconds", 0.0);
        r.put("evidence", ev);
        String md = MarkdownReport.render("t", List.of(r));
        assertTrue(md.contains("*rate_window*: alpha = 2.50000; beta = 2.00000; kappa = 2.50000; mu = 1.00000; omega = 2.50000; zeta = 2.00000"), md);
        assertTrue(md.contains("inner = {w=0.500000, x=1.00000, y=2.00000}"), md);
        assertEquals(md, MarkdownReport.render("t", List.of(r)));
    }
}
