package depthlimit.spec;

import depthlimit.InputError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of a spec with its dotted path ("model", "train.sampleTimes"), read key by key. Every read
 * marks the key as known; {@link #rejectUnknown()} then refuses anything left over, naming it.
 */
public final class Section {
    private final String path;
    private final Map<String, Object> map;
    private final Path baseDir;
    private final Set<String> read = new LinkedHashSet<>();

    public Section(String path, Map<String, Object> map, Path baseDir) {
        this.path = path;
        this.map = map;
        this.baseDir = baseDir;
    }

    @SuppressWarnings("unchecked")
    public static Section of(String path, Object value, Path baseDir) {
        if (!(value instanceof Map)) throw new InputError(path, "expected a JSON object, got " + describe(value));
        return new Section(path, (Map<String, Object>) value, baseDir);
    }

    public String path() { return path; }

    public String field(String key) { return path.isEmpty() ? key : path + "." + key; }

    public boolean has(String key) { return map.containsKey(key); }

    public Path baseDir() { return baseDir; }

    private Object get(String key) {
        read.add(key);
        return map.get(key);
    }

    private Object required(String key, String expected) {
        if (!map.containsKey(key)) throw new InputError(field(key), "missing (expected " + expected + ")");
        return get(key);
    }

    static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return "\"" + s + "\"";
        if (v instanceof Map) return "an object";
        if (v instanceof List) return "an array";
        return v.toString();
    }

    public String string(String key) {
        Object v = required(key, "a string");
        if (!(v instanceof String s)) throw new InputError(field(key), "expected a string, got " + describe(v));
        return s;
    }

    public String string(String key, String dflt) {
        return has(key) ? string(key) : markDefault(key, dflt);
    }

    private <T> T markDefault(String key, T v) {
        read.add(key);
        return v;
    }

    public String choice(String key, List<String> options) {
        String s = string(key);
        if (!options.contains(s)) throw new InputError(field(key), "expected one of " + String.join(", ", options) + ", got \"" + s + "\"");
        return s;
    }

    public double number(String key) {
        Object v = required(key, "a number");
        if (!(v instanceof Double d)) throw new InputError(field(key), "expected a number, got " + describe(v));
        if (!Double.isFinite(d)) throw new InputError(field(key), "expected a finite number, got " + d);
        return d;
    }

    public double number(String key, double dflt) {
        return has(key) ? number(key) : markDefault(key, dflt);
    }

    public double positive(String key) {
        double d = number(key);
        if (!(d > 0)) throw new InputError(field(key), "expected a positive number, got " + fmt(d));
        return d;
    }

    public double positive(String key, double dflt) {
        return has(key) ? positive(key) : markDefault(key, dflt);
    }

    public double nonNegative(String key, double dflt) {
        if (!has(key)) return markDefault(key, dflt);
        double d = number(key);
        if (d < 0) throw new InputError(field(key), "expected a number ≥ 0, got " + fmt(d));
        return d;
    }

    public double inRange(String key, double lo, boolean loOpen, double hi, boolean hiOpen) {
        double d = number(key);
        boolean ok = (loOpen ? d > lo : d >= lo) && (hiOpen ? d < hi : d <= hi);
        if (!ok) throw new InputError(field(key), "expected a number in " + (loOpen ? "(" : "[") + fmt(lo) + ", "
                + fmt(hi) + (hiOpen ? ")" : "]") + ", got " + fmt(d));
        return d;
    }

    public int positiveInt(String key) {
        Object v = required(key, "a positive integer");
        return positiveInt(key, v);
    }

    public int positiveInt(String key, int dflt) {
        return has(key) ? positiveInt(key) : markDefault(key, dflt);
    }

    private int positiveInt(String key, Object v) {
        if (v instanceof Double d && d == Math.rint(d) && d > Integer.MAX_VALUE)
            throw new InputError(field(key), "expected a positive integer at most 2147483647 (2^31 − 1), got " + fmt(d));
        if (!(v instanceof Double d) || d != Math.rint(d) || d < 1)
            throw new InputError(field(key), "expected a positive integer, got " + describe(v));
        return (int) (double) d;
    }

    public long seed(String key) {
        Object v = required(key, "an integer seed");
        if (!(v instanceof Double d) || d != Math.rint(d) || Math.abs(d) > 9.007199254740992E15)
            throw new InputError(field(key), "expected an integer seed (|seed| ≤ 2^53), got " + describe(v));
        return (long) (double) d;
    }

    /** The raw JSON value of a key, marking it read (null when absent). */
    public Object raw(String key) {
        return get(key);
    }

    public void markRead(String key) {
        read.add(key);
    }

    public boolean bool(String key, boolean dflt) {
        if (!has(key)) return markDefault(key, dflt);
        Object v = get(key);
        if (!(v instanceof Boolean b)) throw new InputError(field(key), "expected true or false, got " + describe(v));
        return b;
    }

    /** A file path, relative to the spec's directory; it must exist. */
    public Path file(String key) {
        String s = string(key);
        Path p;
        try {
            p = baseDir.resolve(s).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new InputError(field(key), "not a valid path: " + e.getMessage());
        }
        return regularFile(field(key), p);
    }

    /** {@code p} if it is a readable regular file; otherwise an {@link InputError} saying which of the three it is not. */
    public static Path regularFile(String field, Path p) {
        if (!java.nio.file.Files.exists(p)) throw new InputError(field, "file not found: " + p);
        if (java.nio.file.Files.isDirectory(p)) throw new InputError(field, "not a regular file (a directory): " + p);
        if (!java.nio.file.Files.isRegularFile(p)) throw new InputError(field, "not a regular file (a device, pipe or socket): " + p);
        if (!java.nio.file.Files.isReadable(p)) throw new InputError(field, "not readable (permission denied): " + p);
        return p;
    }

    public Section section(String key) {
        return of(field(key), required(key, "an object"), baseDir);
    }

    public List<Double> numbers(String key) {
        Object v = required(key, "an array of numbers");
        if (!(v instanceof List<?> l)) throw new InputError(field(key), "expected an array of numbers, got " + describe(v));
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            if (!(l.get(i) instanceof Double d) || !Double.isFinite(d))
                throw new InputError(field(key) + "[" + i + "]", "expected a finite number, got " + describe(l.get(i)));
            out.add(d);
        }
        return out;
    }

    /**
     * Refuses, before anything is read, every key outside {@code allowed}, so a misspelt optional key is reported
     * as what it is rather than as a missing required one.
     */
    public Section allowOnly(String... allowed) {
        List<String> ok = List.of(allowed);
        for (String k : map.keySet())
            if (!ok.contains(k))
                throw new InputError(field(k), "unknown key (allowed here: " + String.join(", ", ok) + ")");
        return this;
    }

    /** Refuses keys that no reader asked for (typos must not be silently ignored). */
    public void rejectUnknown() {
        for (String k : map.keySet())
            if (!read.contains(k)) {
                List<String> known = new ArrayList<>(read);
                throw new InputError(field(k), "unknown key" + (known.isEmpty() ? "" : " (known here: " + String.join(", ", known) + ")"));
            }
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
