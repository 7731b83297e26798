package depthlimit.falsify;

import depthlimit.InputError;
import depthlimit.symbolic.ExprCompiler;
import depthlimit.symbolic.Symja;
import depthlimit.symbolic.Tape;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Symja expression over named quantities (measures, space fields), compiled once to a {@link Tape} and then
 * evaluated without Symja. Names are replaced by neutral symbols before parsing, so a field may be called
 * {@code n} or {@code T} and a measure {@code lx_ratio} without clashing with Symja's built-ins ({@code N}) or
 * its pattern syntax ({@code _}). Comparisons and And/Or evaluate to 1 or 0. Evaluation is thread-safe.
 */
public final class Expr {
    private static final Pattern IDENT = Pattern.compile("(?<![A-Za-z0-9_$`])([A-Za-z][A-Za-z0-9_]*)(?![A-Za-z0-9_])(?!\\s*\\[)");

    private final String text;
    private final List<String> used;   // the names the expression reads, in tape-input order
    private final Tape tape;

    private Expr(String text, List<String> used, Tape tape) {
        this.text = text;
        this.used = used;
        this.tape = tape;
    }

    public String text() { return text; }

    /** The known names the expression reads. */
    public List<String> names() { return used; }

    /**
     * @param known every name the expression may use
     * @param field the JSON field, for error messages
     */
    public static Expr compile(String text, Set<String> known, String field) {
        if (text == null || text.isBlank()) throw new InputError(field, "expected a Symja expression, got an empty string");
        List<String> used = new ArrayList<>();
        StringBuilder rewritten = new StringBuilder();
        Matcher m = IDENT.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String repl = name;
            if (known.contains(name)) {
                int i = used.indexOf(name);
                if (i < 0) { used.add(name); i = used.size() - 1; }
                repl = "fvar" + i;
            }
            m.appendReplacement(rewritten, Matcher.quoteReplacement(repl));
        }
        m.appendTail(rewritten);
        String source = rewritten.toString();
        Tape.Builder b = new Tape.Builder();
        ExprCompiler c = new ExprCompiler(b);
        for (int i = 0; i < used.size(); i++) c.variable("fvar" + i);
        try {
            Symja.call(ev -> {
                IExpr e;
                try {
                    e = ev.eval(ev.parse(source));
                } catch (RuntimeException ex) {
                    throw new InputError(field, "cannot parse \"" + text + "\" as a Symja expression: " + firstLine(ex.getMessage()));
                }
                Set<String> unknown = new TreeSet<>();
                collectUnknown(e, unknown);
                if (!unknown.isEmpty())
                    throw new InputError(field, "\"" + text + "\" uses unknown name(s) " + String.join(", ", unknown)
                            + "; known: " + String.join(", ", new TreeSet<>(known)));
                b.output(c.compile(e));
                return null;
            });
        } catch (ExprCompiler.Unsupported e) {
            throw new InputError(field, "cannot evaluate \"" + text + "\" numerically: " + e.getMessage());
        }
        return new Expr(text, List.copyOf(used), b.build());
    }

    private static void collectUnknown(IExpr e, Set<String> out) {
        if (e.isSymbol()) {
            ISymbol s = (ISymbol) e;
            if (!s.isBuiltInSymbol() && !s.getSymbolName().startsWith("fvar")) out.add(s.getSymbolName());
            return;
        }
        if (!e.isAST()) return;
        IAST ast = (IAST) e;
        collectUnknown(ast.head(), out);
        for (int i = 1; i <= ast.argSize(); i++) collectUnknown(ast.get(i), out);
    }

    private static String firstLine(String s) {
        if (s == null) return "syntax error";
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    /** The value with {@code values[i]} bound to {@code names().get(i)}. */
    public double eval(double[] values) {
        return tape.evaluate(values)[0];
    }

    @Override
    public String toString() { return text; }
}
