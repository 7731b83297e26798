package depthlimit.falsify;

import depthlimit.InputError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code holds} comparison of a property, e.g. {@code "<= 1.1"}: the signed margin of a measured value,
 * (bound − value)/scale for ≤ and (value − bound)/scale for ≥, negative exactly when the comparison fails. The
 * scale defaults to max(|bound|, 1), so margins of different properties read as relative distances.
 */
public record Margin(String op, double bound, double scale) {
    private static final Pattern FORM = Pattern.compile("\\s*(<=|>=|<|>)\\s*([-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?)\\s*");

    public static Margin parse(String text, Double scale) {
        if (text == null) throw new InputError("holds", "missing; expected a comparison such as \"<= 1.1\"");
        Matcher m = FORM.matcher(text);
        if (!m.matches()) throw new InputError("holds", "expected a comparison \"<= b\", \"< b\", \">= b\" or \"> b\", got \"" + text + "\"");
        double b;
        try {
            b = Double.parseDouble(m.group(2));
        } catch (NumberFormatException e) {
            throw new InputError("holds", "bad number \"" + m.group(2) + "\"");
        }
        double s = scale == null ? (b == 0 ? 1 : Math.abs(b)) : scale;
        if (!(s > 0) || !Double.isFinite(s)) throw new InputError("scale", "expected a positive number, got " + s);
        return new Margin(m.group(1), b, s);
    }

    /** The signed margin; NaN for a NaN value. */
    public double of(double value) {
        double d = op.startsWith("<") ? bound - value : value - bound;
        return d / scale;
    }

    /** True when the comparison fails (a strict comparison fails at margin 0). */
    public boolean violated(double margin) {
        return op.length() == 1 ? margin <= 0 : margin < 0;
    }

    @Override
    public String toString() { return op + " " + bound; }
}
