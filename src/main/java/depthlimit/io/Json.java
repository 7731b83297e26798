package depthlimit.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader and writer (RFC 8259). Objects become {@link LinkedHashMap} (key order kept,
 * duplicate keys rejected), arrays {@link List}, numbers {@link Double} (parsed by {@link Double#parseDouble}, so
 * every double written by {@link #write} reads back bit-identical), strings, booleans and null.
 */
public final class Json {
    private Json() {}

    /** A syntax error, with the 1-based line and column. */
    public static final class ParseException extends Exception {
        public ParseException(String msg) { super(msg); }
    }

    public static Object parse(String text) throws ParseException {
        Parser p = new Parser(text);
        p.skipWs();
        Object v = p.value();
        p.skipWs();
        if (p.pos < text.length()) throw p.error("unexpected text after the JSON value");
        return v;
    }

    /**
     * Deepest nesting of arrays and objects accepted. The parser is recursive; a bound keeps a hostile input
     * (100,000 '[') from overflowing the stack, and no spec or output of this tool comes near it.
     */
    public static final int MAX_DEPTH = 256;

    private static final class Parser {
        final String s;
        int pos;
        int depth;

        Parser(String s) { this.s = s; }

        ParseException error(String msg) {
            int line = 1, col = 1;
            for (int i = 0; i < Math.min(pos, s.length()); i++) {
                if (s.charAt(i) == '\n') { line++; col = 1; } else col++;
            }
            return new ParseException("invalid JSON at line " + line + ", column " + col + ": " + msg);
        }

        void skipWs() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') pos++;
                else break;
            }
        }

        Object value() throws ParseException {
            if (pos >= s.length()) throw error("unexpected end of input");
            char c = s.charAt(pos);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return number();
                    throw error("unexpected character '" + c + "'");
            }
        }

        Object literal(String word, Object v) throws ParseException {
            if (!s.startsWith(word, pos)) throw error("expected " + word);
            pos += word.length();
            return v;
        }

        void enter() throws ParseException {
            if (++depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH + " arrays/objects");
        }

        Map<String, Object> object() throws ParseException {
            enter();
            pos++;
            Map<String, Object> m = new LinkedHashMap<>();
            skipWs();
            if (pos < s.length() && s.charAt(pos) == '}') { pos++; depth--; return m; }
            while (true) {
                skipWs();
                if (pos >= s.length() || s.charAt(pos) != '"') throw error("expected a quoted key");
                int keyPos = pos;
                String k = string();
                if (m.containsKey(k)) { pos = keyPos; throw error("duplicate key \"" + k + "\""); }
                skipWs();
                if (pos >= s.length() || s.charAt(pos) != ':') throw error("expected ':' after key \"" + k + "\"");
                pos++;
                skipWs();
                m.put(k, value());
                skipWs();
                if (pos >= s.length()) throw error("unterminated object");
                char c = s.charAt(pos++);
                if (c == '}') { depth--; return m; }
                if (c != ',') { pos--; throw error("expected ',' or '}'"); }
            }
        }

        List<Object> array() throws ParseException {
            enter();
            pos++;
            List<Object> l = new ArrayList<>();
            skipWs();
            if (pos < s.length() && s.charAt(pos) == ']') { pos++; depth--; return l; }
            while (true) {
                skipWs();
                l.add(value());
                skipWs();
                if (pos >= s.length()) throw error("unterminated array");
                char c = s.charAt(pos++);
                if (c == ']') { depth--; return l; }
                if (c != ',') { pos--; throw error("expected ',' or ']'"); }
            }
        }

        String string() throws ParseException {
            pos++;
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length()) throw error("unterminated string");
                char c = s.charAt(pos++);
                if (c == '"') return b.toString();
                if (c < 0x20) { pos--; throw error("control character in string"); }
                if (c != '\\') { b.append(c); continue; }
                if (pos >= s.length()) throw error("unterminated escape");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"': b.append('"'); break;
                    case '\\': b.append('\\'); break;
                    case '/': b.append('/'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u':
                        if (pos + 4 > s.length()) throw error("bad \\u escape");
                        try {
                            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                        break;
                    default: pos--; throw error("bad escape \\" + e);
                }
            }
        }

        Double number() throws ParseException {
            int start = pos;
            if (s.charAt(pos) == '-') pos++;
            if (pos >= s.length()) throw error("bad number");
            if (s.charAt(pos) == '0') pos++;
            else if (Character.isDigit(s.charAt(pos))) while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            else throw error("bad number");
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                if (pos >= s.length() || !Character.isDigit(s.charAt(pos))) throw error("bad number: digit expected after '.'");
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
                if (pos >= s.length() || !Character.isDigit(s.charAt(pos))) throw error("bad number: digit expected in exponent");
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
            }
            return Double.parseDouble(s.substring(start, pos));
        }
    }

    /** Pretty-printed JSON (2-space indent). Non-finite doubles, which JSON cannot hold, are written as null. */
    public static String write(Object v) {
        StringBuilder b = new StringBuilder();
        write(b, v, 0);
        b.append('\n');
        return b.toString();
    }

    /**
     * The entries in a reproducible order: a map that keeps one (insertion or sorted) is written in it; any other (the
     * immutable {@code Map.of}, a HashMap) by key, since its iteration order can change from one JVM run to the next
     * ({@code Map.of} salts it per run) and outputs must be bit-identical for the same spec and seed.
     */
    public static Iterable<? extends Map.Entry<?, ?>> ordered(Map<?, ?> map) {
        if (map instanceof LinkedHashMap<?, ?> || map instanceof java.util.SortedMap<?, ?>) return map.entrySet();
        List<Map.Entry<?, ?>> es = new java.util.ArrayList<>(map.entrySet());
        es.sort(java.util.Comparator.comparing(e -> String.valueOf(e.getKey())));
        return es;
    }

    private static void write(StringBuilder b, Object v, int indent) {
        if (v == null) b.append("null");
        else if (v instanceof String str) quote(b, str);
        else if (v instanceof Boolean) b.append(v);
        else if (v instanceof Double x) number(b, x);
        else if (v instanceof Float x) number(b, x.doubleValue());
        else if (v instanceof Number num) b.append(num.longValue());
        else if (v instanceof double[] arr) {
            b.append('[');
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) b.append(", ");
                number(b, arr[i]);
            }
            b.append(']');
        } else if (v instanceof int[] arr) {
            b.append('[');
            for (int i = 0; i < arr.length; i++) {
                if (i > 0) b.append(", ");
                b.append(arr[i]);
            }
            b.append(']');
        } else if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) { b.append("{}"); return; }
            b.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : ordered(map)) {
                pad(b, indent + 2);
                quote(b, String.valueOf(e.getKey()));
                b.append(": ");
                write(b, e.getValue(), indent + 2);
                if (++i < map.size()) b.append(',');
                b.append('\n');
            }
            pad(b, indent);
            b.append('}');
        } else if (v instanceof List<?> list) {
            if (list.isEmpty()) { b.append("[]"); return; }
            boolean flat = list.stream().allMatch(x -> x == null || x instanceof Number || x instanceof Boolean
                    || (x instanceof String str && str.length() < 40));
            if (flat && list.size() <= 32) {
                b.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) b.append(", ");
                    write(b, list.get(i), indent);
                }
                b.append(']');
                return;
            }
            b.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                pad(b, indent + 2);
                write(b, list.get(i), indent + 2);
                if (i + 1 < list.size()) b.append(',');
                b.append('\n');
            }
            pad(b, indent);
            b.append(']');
        } else if (v instanceof Enum<?> e) quote(b, e.toString());
        else quote(b, v.toString());
    }

    private static void number(StringBuilder b, double x) {
        if (!Double.isFinite(x)) b.append("null");
        else if (x == Math.rint(x) && Math.abs(x) < 1e15) b.append((long) x == 0 && 1 / x < 0 ? "-0.0" : Long.toString((long) x));
        else b.append(x);
    }

    private static void pad(StringBuilder b, int n) {
        b.append(" ".repeat(n));
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        b.append('"');
    }
}
