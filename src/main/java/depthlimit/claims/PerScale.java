package depthlimit.claims;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A claim's problem sizes at each {@link Scale}, as data: {@code T} is a small record of the claim's own (widths,
 * depths, samples, horizon, …), one instance for {@code ci} and one for {@code paper}. The check reads
 * {@link #at(Scale)}; the documentation prints {@link #describe()} from the same two instances.
 */
public record PerScale<T extends Record>(T ci, T paper) {
    public PerScale {
        if (ci == null || paper == null) throw new IllegalArgumentException("sizes for both scales are required");
    }

    /** The sizes of this scale. */
    public T at(Scale s) { return s.pick(ci, paper); }

    /**
     * "ci: n = 20, depths = {8, 16, 32}; paper: n = 100, depths = {16, 32, 64}": components in declaration order, the
     * components of a nested record listed flat in its place.
     */
    public String describe() {
        return "ci: " + describe(ci) + "; paper: " + describe(paper);
    }

    static String describe(Record r) {
        List<String> parts = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                c.getAccessor().setAccessible(true);
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("sizes record " + r.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
            // a nested record (a shared setting and the claim's own sizes) is listed flat
            parts.add(v instanceof Record nested ? describe(nested) : c.getName() + " = " + value(v));
        }
        return String.join(", ", parts);
    }

    private static String value(Object v) {
        if (v == null) return "—";
        if (v.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) items.add(value(Array.get(v, i)));
            return "{" + String.join(", ", items) + "}";
        }
        if (v instanceof Double || v instanceof Float) return Tolerance.number(((Number) v).doubleValue());
        if (v instanceof depthlimit.model.Activation a) return a.name();
        return String.format(Locale.ROOT, "%s", v);
    }
}
