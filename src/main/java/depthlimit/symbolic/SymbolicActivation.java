package depthlimit.symbolic;

import depthlimit.InputError;
import depthlimit.model.Activation;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;
import org.matheclipse.parser.client.SyntaxError;

import java.util.Set;
import java.util.TreeSet;

/**
 * A user-defined activation: any Symja expression in x (Section 2 lists what the paper assumes of σ; nothing is
 * enforced here, {@link ActivationReport} checks and reports each hypothesis). Symja derives σ′ = D[σ, x] and
 * σ″ = D[σ′, x]; the three are compiled together ({@link ExprCompiler}, {@link JavaKernels}) into Java the engine
 * calls like a built-in. {@link #name()} is the expression exactly as written, so a resolved spec round-trips.
 */
public final class SymbolicActivation implements Activation {
    /** Where an activation is checked for finiteness at construction: σ and σ′ must be finite on this grid. */
    static final double CHECK_RANGE = 10, CHECK_STEP = 1.0 / 64;

    private final String name;
    private final IExpr sigma, sigma1, sigma2;
    private final Tape tape;
    private final ActivationKernel kernel;
    private volatile Boolean c2;

    private SymbolicActivation(String name, IExpr sigma, IExpr sigma1, IExpr sigma2, Tape tape, ActivationKernel kernel) {
        this.name = name;
        this.sigma = sigma;
        this.sigma1 = sigma1;
        this.sigma2 = sigma2;
        this.tape = tape;
        this.kernel = kernel;
    }

    /**
     * Parses {@code text} as a Symja expression in x. Every problem is an {@link InputError} on {@code field}: a
     * syntax error, a symbol other than x, a function the compiler does not know, or σ, σ′ not finite on
     * [−10, 10] (an activation must be a real function on ℝ).
     */
    public static SymbolicActivation parse(String text, String field) {
        if (text == null || text.isBlank()) throw new InputError(field, "expected an activation name or a Symja expression in x, got an empty string");
        IExpr[] exprs = Symja.call(ev -> derive(ev, text, field));
        Tape tape = compile(exprs[0], exprs[1], exprs[2], text, field);
        SymbolicActivation act = new SymbolicActivation(text, exprs[0], exprs[1], exprs[2], tape,
                JavaKernels.activation(tape, text));
        act.checkFinite(field);
        return act;
    }

    private static IExpr[] derive(ExprEvaluator ev, String text, String field) {
        IExpr parsed;
        try {
            parsed = ev.parse(text);
        } catch (SyntaxError e) {
            throw new InputError(field, "cannot parse \"" + text + "\" as a Symja expression in x: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw new InputError(field, "cannot parse \"" + text + "\" as a Symja expression in x: " + firstLine(String.valueOf(e.getMessage())));
        }
        IExpr x = variable(ev);
        IExpr sigma = ev.eval(parsed);
        Set<String> unknown = new TreeSet<>();
        Set<String> functions = new TreeSet<>();
        collectUnknown(sigma, x, unknown, functions);
        if (!functions.isEmpty())
            throw new InputError(field, "\"" + text + "\" uses unknown function(s) " + String.join(", ", functions)
                    + " (Symja names are capitalised, e.g. Tanh[x], Exp[x], Erf[x])");
        if (!unknown.isEmpty())
            throw new InputError(field, "\"" + text + "\" contains symbol(s) " + String.join(", ", unknown)
                    + " other than x (an activation is an expression in x only)");
        IExpr d1 = ev.eval(F.D(sigma, x));
        IExpr d2 = ev.eval(F.D(d1, x));   // nested D: D[f, {x, 2}] returns Hold(...) for Tanh in Symja 3.0.0
        return new IExpr[]{sigma, d1, d2};
    }

    /** The Symja symbol x as this evaluator's parser reads it. */
    static IExpr variable(ExprEvaluator ev) {
        return ev.parse("x");
    }

    /** The name of the activation's variable. */
    static final String X = "x";

    private static void collectUnknown(IExpr e, IExpr x, Set<String> symbols, Set<String> functions) {
        if (e.isSymbol()) {
            ISymbol s = (ISymbol) e;
            if (!s.isBuiltInSymbol() && !s.getSymbolName().equals(((ISymbol) x).getSymbolName())) symbols.add(s.getSymbolName());
            return;
        }
        if (!e.isAST()) return;
        IAST ast = (IAST) e;
        IExpr head = ast.head();
        if (head.isSymbol() && !((ISymbol) head).isBuiltInSymbol()) functions.add(((ISymbol) head).getSymbolName());
        else collectUnknown(head, x, symbols, functions);
        for (int i = 1; i <= ast.argSize(); i++) collectUnknown(ast.get(i), x, symbols, functions);
    }

    static Tape compile(IExpr sigma, IExpr d1, IExpr d2, String text, String field) {
        Tape.Builder b = new Tape.Builder();
        ExprCompiler c = new ExprCompiler(b);
        c.variable(X);
        try {
            Symja.call(ev -> {
                b.output(c.compile(sigma));
                b.output(c.compile(d1));
                b.output(c.compile(d2));
                return null;
            });
        } catch (ExprCompiler.Unsupported e) {
            throw new InputError(field, "cannot use \"" + text + "\" as an activation: " + e.getMessage());
        }
        return b.build();
    }

    private void checkFinite(String field) {
        int n = (int) Math.round(2 * CHECK_RANGE / CHECK_STEP);
        for (int i = 0; i <= n; i++) {
            double x = -CHECK_RANGE + i * CHECK_STEP;
            double v = kernel.value(x), d = kernel.d1(x);
            if (!Double.isFinite(v))
                throw new InputError(field, "σ(x) = " + name + " is not finite (" + v + ") at x = " + x + ": an activation must be a real function on ℝ");
            if (!Double.isFinite(d))
                throw new InputError(field, "σ′(x) = " + SymjaUtil.show(sigma1, 120) + " is not finite (" + d + ") at x = " + x + ": an activation must be differentiable on ℝ");
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "syntax error";
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    /** The expression as written by the user. */
    public String name() { return name; }

    public IExpr expression() { return sigma; }
    public IExpr derivative1() { return sigma1; }
    public IExpr derivative2() { return sigma2; }

    /** The compiled program for (σ, σ′, σ″). */
    public Tape tape() { return tape; }

    public ActivationKernel kernel() { return kernel; }

    public double value(double x) { return kernel.value(x); }
    public double d1(double x) { return kernel.d1(x); }
    public double d2(double x) { return kernel.d2(x); }

    /** True when {@link Smoothness} establishes C² (symbolically, or numerically at the breakpoints). */
    public boolean isC2() {
        Boolean r = c2;
        if (r == null) {
            r = Smoothness.analyze(sigma, sigma1, sigma2, tape).isC2();
            c2 = r;
        }
        return r;
    }

    @Override
    public void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len) {
        kernel.eval(u, uOff, s, ds, off, len);
    }

    @Override
    public String toString() { return name; }
}
