package depthlimit.symbolic;

import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.IReal;
import org.matheclipse.core.interfaces.ISymbol;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Walks an evaluated Symja expression tree into {@link Tape} instructions. Supported: numbers, the constants Pi, E,
 * EulerGamma, GoldenRatio, Catalan, Degree, True, False, ±Infinity; Plus, Times, Power, Exp, Log (1 or 2 args), the
 * trigonometric, hyperbolic and inverse functions, Erf, Erfc, LogisticSigmoid, Abs, Sign, UnitStep, HeavisideTheta,
 * Ramp, Clip, Floor, Ceiling, Round, Max, Min, Piecewise, If, Boole, comparisons and And/Or/Not; functions bound by
 * {@link #bind} (the activation σ inside the loss) and their derivatives bound by {@link #bindDerivative}.
 *
 * <p>Derivatives of non-smooth heads that Symja leaves unevaluated (Abs′, UnitStep′, Ramp′, Max's partials, ...)
 * compile to their values almost everywhere: Abs′ = Sign, Ramp′ = [x > 0], Max^{(1,0)}(a, b) = [a > b], and
 * 0 for every higher derivative and for step functions. That is the convention of the engine's ReLU (σ′(0) = 0).
 */
public final class ExprCompiler {
    /** An expression the compiler cannot turn into numbers (unknown head or symbol, complex constant, ...). */
    public static final class Unsupported extends RuntimeException {
        Unsupported(String message) { super(message); }
    }

    private record Binding(String param, IExpr body) {}

    private final Tape.Builder tape;
    private final Map<String, Integer> variables = new HashMap<>();
    private final Map<String, Binding> functions = new HashMap<>();
    private final Map<String, Binding> derivatives = new HashMap<>();
    private final Map<ISymbol, Binding> standIns = new IdentityHashMap<>();
    private final Map<IExpr, Integer> memo = new IdentityHashMap<>();

    public ExprCompiler(Tape.Builder tape) {
        this.tape = tape;
    }

    /** Declares an input of the tape named like the Symja symbol. */
    public int variable(String name) {
        int reg = tape.input(name);
        variables.put(name, reg);
        return reg;
    }

    /** f[u] compiles as {@code body} with {@code param} := u. */
    public void bind(String function, String param, IExpr body) {
        functions.put(function, new Binding(param, body));
    }

    /** Derivative[order][f][u] compiles as {@code body} with {@code param} := u. */
    public void bindDerivative(String function, int order, String param, IExpr body) {
        derivatives.put(function + "#" + order, new Binding(param, body));
    }

    /**
     * Every call of the built-in unary function {@code head} compiles as {@code body} with {@code param} := its
     * argument (used by {@link SymbolicOracle}: Sinh stands in for σ and Cosh for σ′).
     */
    public void standIn(ISymbol head, String param, IExpr body) {
        standIns.put(head, new Binding(param, body));
    }

    public Tape.Builder builder() {
        return tape;
    }

    /** Compiles {@code e} and returns its register. */
    public int compile(IExpr e) {
        return compile(e, variables, true);
    }

    private int compile(IExpr e, Map<String, Integer> env, boolean top) {
        if (top) {
            Integer r = memo.get(e);
            if (r != null) return r;
        }
        int r = compileNode(e, env, top);
        if (top) memo.put(e, r);
        return r;
    }

    private int compileNode(IExpr e, Map<String, Integer> env, boolean top) {
        if (e.isReal()) return tape.constant(((IReal) e).doubleValue());
        if (e.isNumber()) throw new Unsupported("the expression is complex-valued (contains " + e + ")");
        if (e.isSymbol()) return symbol((ISymbol) e, env);
        if (!e.isAST()) throw new Unsupported("cannot compile " + e + " (not a real number, symbol or function)");
        IAST ast = (IAST) e;
        IExpr head = ast.head();
        if (head.isAST() && head.head().isAST() && head.head().head() == S.Derivative)
            return derivative(ast, env, top);
        if (!head.isSymbol()) throw new Unsupported("cannot compile " + e);
        ISymbol h = (ISymbol) head;
        int n = ast.argSize();
        Binding stand = standIns.get(h);
        if (stand != null) {
            if (n != 1) throw new Unsupported("stand-in " + h + " with " + n + " arguments in " + e);
            return apply(stand, compile(ast.arg1(), env, top));
        }
        if (!h.isBuiltInSymbol()) {
            Binding b = functions.get(h.getSymbolName());
            if (b == null || n != 1) throw new Unsupported("unknown function " + h + " in " + e);
            return apply(b, compile(ast.arg1(), env, top));
        }
        if (h == S.Plus) return fold(Tape.ADD, ast, env, top);
        if (h == S.Times) {
            if (n >= 2 && ast.arg1().isMinusOne()) {
                int rest = n == 2 ? compile(ast.arg2(), env, top) : foldFrom(Tape.MUL, ast, 2, env, top);
                return tape.op(Tape.NEG, rest);
            }
            return fold(Tape.MUL, ast, env, top);
        }
        if (h == S.Power && n == 2) return power(ast.arg1(), ast.arg2(), env, top);
        if (h == S.Max && n >= 1) return fold(Tape.MAX, ast, env, top);
        if (h == S.Min && n >= 1) return fold(Tape.MIN, ast, env, top);
        if (h == S.And && n >= 1) return fold(Tape.AND, ast, env, top);
        if (h == S.Or && n >= 1) return fold(Tape.OR, ast, env, top);
        if (h == S.Greater || h == S.GreaterEqual || h == S.Less || h == S.LessEqual || h == S.Equal || h == S.Unequal)
            return comparison(h, ast, env, top);
        if (h == S.Piecewise) return piecewise(ast, env, top);
        if (h == S.If && (n == 2 || n == 3))
            return tape.op(Tape.SELECT, compile(ast.arg1(), env, top), compile(ast.arg2(), env, top),
                    n == 3 ? compile(ast.arg3(), env, top) : tape.constant(Double.NaN));
        if (h == S.DirectedInfinity && n == 1 && ast.arg1().isReal()) {
            double s = ((IReal) ast.arg1()).doubleValue();
            return tape.constant(s > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
        }
        if (h == S.Log && n == 2) {
            int base = tape.op(Tape.LOG, compile(ast.arg1(), env, top));
            return tape.op(Tape.DIV, tape.op(Tape.LOG, compile(ast.arg2(), env, top)), base);
        }
        if (h == S.ArcTan && n == 2)   // Mathematica's ArcTan[x, y] is the angle of (x, y)
            return tape.op(Tape.ATAN2, compile(ast.arg2(), env, top), compile(ast.arg1(), env, top));
        if (h == S.Clip && (n == 1 || n == 2)) return clip(ast, env, top);
        if (n == 1) {
            int x = compile(ast.arg1(), env, top);
            if (h == S.Not) return tape.op(Tape.NOT, x);
            if (h == S.Boole) return x;
            if (h == S.Sqrt) return tape.op(Tape.SQRT, x);
            if (h == S.Exp) return tape.op(Tape.EXP, x);
            if (h == S.UnitStep) return tape.op(Tape.GE, x, tape.constant(0));
            if (h == S.HeavisideTheta) return tape.op(Tape.GT, x, tape.constant(0));
            if (h == S.Ramp) return tape.op(Tape.MAX, x, tape.constant(0));
            Integer op = UNARY.get(h);
            if (op != null) return tape.op(op, x);
        }
        throw new Unsupported("unsupported function " + h + " (with " + n + " argument" + (n == 1 ? "" : "s") + ") in " + e);
    }

    private static final Map<ISymbol, Integer> UNARY = new IdentityHashMap<>();

    static {
        UNARY.put(S.Log, Tape.LOG);
        UNARY.put(S.Sin, Tape.SIN);
        UNARY.put(S.Cos, Tape.COS);
        UNARY.put(S.Tan, Tape.TAN);
        UNARY.put(S.Sinh, Tape.SINH);
        UNARY.put(S.Cosh, Tape.COSH);
        UNARY.put(S.Tanh, Tape.TANH);
        UNARY.put(S.Sech, Tape.SECH);
        UNARY.put(S.Csch, Tape.CSCH);
        UNARY.put(S.Coth, Tape.COTH);
        UNARY.put(S.Sec, Tape.SEC);
        UNARY.put(S.Csc, Tape.CSC);
        UNARY.put(S.Cot, Tape.COT);
        UNARY.put(S.ArcSin, Tape.ASIN);
        UNARY.put(S.ArcCos, Tape.ACOS);
        UNARY.put(S.ArcTan, Tape.ATAN);
        UNARY.put(S.ArcSinh, Tape.ASINH);
        UNARY.put(S.ArcCosh, Tape.ACOSH);
        UNARY.put(S.ArcTanh, Tape.ATANH);
        UNARY.put(S.Erf, Tape.ERF);
        UNARY.put(S.Erfc, Tape.ERFC);
        UNARY.put(S.Abs, Tape.ABS);
        UNARY.put(S.Sign, Tape.SIGN);
        UNARY.put(S.LogisticSigmoid, Tape.LOGISTIC);
        UNARY.put(S.Floor, Tape.FLOOR);
        UNARY.put(S.Ceiling, Tape.CEIL);
        UNARY.put(S.Round, Tape.ROUND);
    }

    private int symbol(ISymbol s, Map<String, Integer> env) {
        Integer reg = env.get(s.getSymbolName());
        if (reg != null && !s.isBuiltInSymbol()) return reg;
        if (s == S.Pi) return tape.constant(Math.PI);
        if (s == S.E) return tape.constant(Math.E);
        if (s == S.EulerGamma) return tape.constant(0.57721566490153286061);
        if (s == S.GoldenRatio) return tape.constant(1.6180339887498948482);
        if (s == S.Catalan) return tape.constant(0.91596559417721901505);
        if (s == S.Degree) return tape.constant(Math.PI / 180);
        if (s == S.True) return tape.constant(1);
        if (s == S.False) return tape.constant(0);
        if (s == S.Infinity) return tape.constant(Double.POSITIVE_INFINITY);
        if (s == S.Indeterminate) return tape.constant(Double.NaN);
        if (s == S.I) throw new Unsupported("the expression is complex-valued (contains I)");
        throw new Unsupported("unknown symbol " + s.getSymbolName());
    }

    private int apply(Binding b, int arg) {
        Map<String, Integer> env = new HashMap<>();
        env.put(b.param(), arg);
        return compile(b.body(), env, false);
    }

    private int fold(int op, IAST ast, Map<String, Integer> env, boolean top) {
        return foldFrom(op, ast, 1, env, top);
    }

    private int foldFrom(int op, IAST ast, int from, Map<String, Integer> env, boolean top) {
        int acc = compile(ast.get(from), env, top);
        for (int i = from + 1; i <= ast.argSize(); i++) acc = tape.op(op, acc, compile(ast.get(i), env, top));
        return acc;
    }

    private int power(IExpr base, IExpr exponent, Map<String, Integer> env, boolean top) {
        if (base == S.E) return tape.op(Tape.EXP, compile(exponent, env, top));
        if (exponent.isInteger()) {
            int k = exponent.toIntDefault(Integer.MIN_VALUE);
            if (k != Integer.MIN_VALUE && Math.abs(k) <= 1 << 20) {
                int x = compile(base, env, top);
                if (k == 1) return x;
                if (k == -1) return tape.op(Tape.RECIP, x);
                return tape.op(Tape.POWI, x, -1, k);
            }
        }
        if (exponent.isRational() && !exponent.isInteger()) {
            double v = ((IReal) exponent).doubleValue();
            if (v == 0.5) return tape.op(Tape.SQRT, compile(base, env, top));
            if (v == -0.5) return tape.op(Tape.RECIP, tape.op(Tape.SQRT, compile(base, env, top)));
        }
        return tape.op(Tape.POW, compile(base, env, top), compile(exponent, env, top));
    }

    private int comparison(ISymbol h, IAST ast, Map<String, Integer> env, boolean top) {
        int op = h == S.Greater ? Tape.GT : h == S.GreaterEqual ? Tape.GE : h == S.Less ? Tape.LT
                : h == S.LessEqual ? Tape.LE : h == S.Equal ? Tape.EQ : Tape.NE;
        if (ast.argSize() < 2) throw new Unsupported("cannot compile " + ast);
        int result = -1;
        int prev = compile(ast.arg1(), env, top);
        for (int i = 2; i <= ast.argSize(); i++) {
            int next = compile(ast.get(i), env, top);
            int c = tape.op(op, prev, next);
            result = result < 0 ? c : tape.op(Tape.AND, result, c);
            prev = next;
        }
        return result;
    }

    /** Piecewise[{{v1, c1}, {v2, c2}, ...}, default]: the first true condition wins. */
    private int piecewise(IAST ast, Map<String, Integer> env, boolean top) {
        if (ast.argSize() < 1 || !ast.arg1().isList()) throw new Unsupported("cannot compile " + ast);
        IAST cases = (IAST) ast.arg1();
        int acc = ast.argSize() >= 2 ? compile(ast.arg2(), env, top) : tape.constant(0);
        for (int i = cases.argSize(); i >= 1; i--) {
            IExpr c = cases.get(i);
            if (!c.isList() || ((IAST) c).argSize() != 2) throw new Unsupported("cannot compile " + ast);
            IAST pair = (IAST) c;
            acc = tape.op(Tape.SELECT, compile(pair.arg2(), env, top), compile(pair.arg1(), env, top), acc);
        }
        return acc;
    }

    private int clip(IAST ast, Map<String, Integer> env, boolean top) {
        int x = compile(ast.arg1(), env, top);
        int lo, hi;
        if (ast.argSize() == 1) {
            lo = tape.constant(-1);
            hi = tape.constant(1);
        } else {
            if (!ast.arg2().isList() || ((IAST) ast.arg2()).argSize() != 2) throw new Unsupported("cannot compile " + ast);
            IAST bounds = (IAST) ast.arg2();
            lo = compile(bounds.arg1(), env, top);
            hi = compile(bounds.arg2(), env, top);
        }
        return tape.op(Tape.MIN, tape.op(Tape.MAX, x, lo), hi);
    }

    /** Derivative[n1, n2, ...][f][args]: bound σ^{(n)}, or the almost-everywhere value for non-smooth heads. */
    private int derivative(IAST ast, Map<String, Integer> env, boolean top) {
        IAST fOf = (IAST) ast.head();            // Derivative[orders][f]
        IAST orders = (IAST) fOf.head();         // Derivative[orders]
        IExpr f = fOf.arg1();
        int[] k = new int[orders.argSize()];
        int total = 0;
        for (int i = 0; i < k.length; i++) {
            k[i] = orders.get(i + 1).toIntDefault(-1);
            if (k[i] < 0) throw new Unsupported("cannot compile " + ast);
            total += k[i];
        }
        if (!f.isSymbol()) throw new Unsupported("cannot compile " + ast);
        ISymbol fs = (ISymbol) f;
        if (!fs.isBuiltInSymbol()) {
            Binding b = derivatives.get(fs.getSymbolName() + "#" + total);
            if (b == null || k.length != 1 || ast.argSize() != 1)
                throw new Unsupported("unknown derivative of " + fs + " in " + ast);
            return apply(b, compile(ast.arg1(), env, top));
        }
        if (k.length == 1 && ast.argSize() == 1) {
            int x = compile(ast.arg1(), env, top);
            if (fs == S.Abs) return total == 1 ? tape.op(Tape.SIGN, x) : tape.constant(0);
            if (fs == S.Ramp) return total == 1 ? tape.op(Tape.GT, x, tape.constant(0)) : tape.constant(0);
            if (fs == S.Sign || fs == S.UnitStep || fs == S.HeavisideTheta || fs == S.Floor || fs == S.Ceiling
                    || fs == S.Round)
                return tape.constant(0);
        }
        if ((fs == S.Max || fs == S.Min) && k.length == 2 && ast.argSize() == 2) {
            if (total != 1) return tape.constant(0);
            int a = compile(ast.arg1(), env, top), b = compile(ast.arg2(), env, top);
            boolean first = k[0] == 1;
            int op = fs == S.Max ? Tape.GT : Tape.LT;
            return first ? tape.op(op, a, b) : tape.op(op, b, a);
        }
        throw new Unsupported("cannot compile the derivative " + ast);
    }
}
