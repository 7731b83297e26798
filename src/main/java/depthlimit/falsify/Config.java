package depthlimit.falsify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a property's space: a value for every field (Integer, Double or String), in the space's field
 * order. Immutable; {@link #with} returns a modified copy.
 */
public final class Config implements java.io.Serializable {
    private final Map<String, Object> values;

    public Config(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Map<String, Object> values() { return values; }

    public Object get(String name) { return values.get(name); }

    public int integer(String name) { return (Integer) values.get(name); }

    public double real(String name) { return (Double) values.get(name); }

    public String text(String name) { return (String) values.get(name); }

    /** The value as a number for expressions: integers and reals as such, a choice as its index in its list. */
    public double numeric(String name, Space space) {
        Object v = values.get(name);
        if (v instanceof Number n) return n.doubleValue();
        return space.coordinate(name).choices().indexOf(v);
    }

    public Config with(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(values);
        m.put(name, value);
        return new Config(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && c.values.equals(values);
    }

    @Override
    public int hashCode() { return values.hashCode(); }

    @Override
    public String toString() { return values.toString(); }
}
