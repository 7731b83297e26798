package depthlimit.symbolic;

import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Is σ of class C² (the hypothesis of Propositions 3, 7 and Theorem 4)? Decided on σ, σ′ = D[σ, x] and
 * σ″ = D[σ′, x] after {@code Simplify[·, Element[x, Reals]]}:
 * <ul>
 *   <li>{@link Status#YES}: no non-smooth head and no possibly singular one remains: σ is a composition of
 *       functions analytic on ℝ (polynomials, exp, sin, cos, sinh, cosh, tanh, sech, arctan, erf, ...), hence C^∞.</li>
 *   <li>Otherwise the breakpoints are located numerically: the zeros on [−{@value #RANGE}, {@value #RANGE}] of each
 *       switching quantity (the argument of Abs, Sign, UnitStep, Ramp, the difference of Max/Min arguments, each
 *       side of a Piecewise condition, the base of a negative or fractional power, the argument of Log, ...). If σ,
 *       σ′ or σ″ jumps (relative difference above 10⁻³ across c ± 10⁻⁵ and c ± 10⁻⁷) or is not finite there:
 *       {@link Status#NO}; if all three are continuous at every breakpoint found: {@link Status#YES_NUMERIC};
 *       a breakpoint that cannot be analysed gives {@link Status#UNKNOWN}.</li>
 * </ul>
 */
public final class Smoothness {
    /** Half-width of the interval searched for breakpoints. */
    public static final double RANGE = 20;
    private static final double STEP = 1.0 / 128;

    public enum Status { YES, YES_NUMERIC, NO, UNKNOWN }

    /** The verdict, the reason in words, and the simplified σ, σ′, σ″. */
    public record Result(Status status, String reason, IExpr sigma, IExpr sigma1, IExpr sigma2) {
        public boolean isC2() { return status == Status.YES || status == Status.YES_NUMERIC; }
    }

    private Smoothness() {}

    public static Result analyze(IExpr sigma, IExpr d1, IExpr d2, Tape tape) {
        return Symja.call(ev -> {
            IExpr x = SymbolicActivation.variable(ev);
            IExpr s0 = SymjaUtil.simplifyReal(ev, sigma, x, 5);
            IExpr s1 = SymjaUtil.simplifyReal(ev, d1, x, 5);
            IExpr s2 = SymjaUtil.simplifyReal(ev, d2, x, 5);
            Set<String> heads = new LinkedHashSet<>();
            List<IExpr> switches = new ArrayList<>();
            for (IExpr e : List.of(s0, s1, s2)) scan(e, heads, switches);
            if (heads.isEmpty())
                return new Result(Status.YES, "σ, σ′, σ″ only involve functions analytic on ℝ (symbolic)", s0, s1, s2);
            String which = String.join(", ", heads);
            Tape.Builder b = new Tape.Builder();
            ExprCompiler c = new ExprCompiler(b);
            c.variable(SymbolicActivation.X);
            try {
                for (IExpr sw : switches) b.output(c.compile(ev.eval(sw)));
            } catch (ExprCompiler.Unsupported ex) {
                return new Result(Status.UNKNOWN, "contains " + which + "; its breakpoints could not be located ("
                        + ex.getMessage() + ")", s0, s1, s2);
            }
            Tape sw = b.build();
            return verdict(which, sw, tape, s0, s1, s2);
        });
    }

    private static Result verdict(String which, Tape switches, Tape sigma, IExpr s0, IExpr s1, IExpr s2) {
        List<Double> breaks = new ArrayList<>();
        int n = (int) Math.round(2 * RANGE / STEP);
        double[] prev = null;
        for (int i = 0; i <= n; i++) {
            double x = -RANGE + i * STEP;
            double[] v = switches.evaluate(x);
            for (int k = 0; k < v.length; k++) {
                if (v[k] == 0) addBreak(breaks, x);
                else if (prev != null && Double.isFinite(v[k]) && Double.isFinite(prev[k]) && prev[k] != 0
                        && Math.signum(v[k]) != Math.signum(prev[k]))
                    addBreak(breaks, bisect(switches, k, x - STEP, x));
            }
            prev = v;
        }
        if (breaks.isEmpty())
            return new Result(Status.YES_NUMERIC, "contains " + which + ", which never switches on [−" + (int) RANGE
                    + ", " + (int) RANGE + "] (numeric)", s0, s1, s2);
        String[] names = {"σ", "σ′", "σ″"};
        for (double c : breaks) {
            for (int k = 0; k < 3; k++) {
                boolean jump = true;
                for (double eps : new double[]{1e-5, 1e-7}) {
                    double l = sigma.evaluate(c - eps)[k], r = sigma.evaluate(c + eps)[k];
                    if (!Double.isFinite(l) || !Double.isFinite(r))
                        return new Result(Status.NO, names[k] + " is not finite near x = " + fmt(c) + " (" + which + ")", s0, s1, s2);
                    if (Math.abs(r - l) <= 1e-3 * (1 + Math.abs(l) + Math.abs(r))) jump = false;
                }
                if (jump) {
                    double l = sigma.evaluate(c - 1e-7)[k], r = sigma.evaluate(c + 1e-7)[k];
                    return new Result(Status.NO, names[k] + " jumps at x = " + fmt(c) + " (from " + fmt(l) + " to " + fmt(r)
                            + "; " + which + ")", s0, s1, s2);
                }
            }
        }
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < Math.min(5, breaks.size()); i++) at.append(i == 0 ? "" : ", ").append(fmt(breaks.get(i)));
        if (breaks.size() > 5) at.append(", …");
        return new Result(Status.YES_NUMERIC, "contains " + which + "; σ, σ′, σ″ are continuous at its breakpoints x = "
                + at + " (numeric)", s0, s1, s2);
    }

    private static void addBreak(List<Double> breaks, double c) {
        for (double b : breaks) if (Math.abs(b - c) < 1e-9) return;
        breaks.add(c);
    }

    private static double bisect(Tape t, int k, double lo, double hi) {
        double flo = t.evaluate(lo)[k];
        for (int it = 0; it < 100 && hi - lo > 1e-15 * (1 + Math.abs(lo)); it++) {
            double mid = 0.5 * (lo + hi);
            double fm = t.evaluate(mid)[k];
            if (fm == 0) return mid;
            if (Math.signum(fm) == Math.signum(flo)) { lo = mid; flo = fm; } else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    private static String fmt(double v) {
        if (Math.abs(v) < 1e-12) return "0";
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Collects non-smooth / possibly singular heads and their switching quantities. */
    private static void scan(IExpr e, Set<String> heads, List<IExpr> switches) {
        if (!e.isAST()) return;
        IAST ast = (IAST) e;
        IExpr h = ast.head();
        int n = ast.argSize();
        if (h.isAST()) {                                    // unevaluated Derivative[k][f][u]
            heads.add("an unevaluated derivative " + h);
            for (int i = 1; i <= n; i++) switches.add(ast.get(i));
            if (n == 2) switches.add(F.Subtract(ast.arg1(), ast.arg2()));
        } else if (h.isSymbol()) {
            ISymbol s = (ISymbol) h;
            if ((s == S.Abs || s == S.Sign || s == S.UnitStep || s == S.HeavisideTheta || s == S.Ramp) && n == 1) {
                heads.add(s.toString());
                switches.add(ast.arg1());
            } else if ((s == S.Max || s == S.Min) && n >= 2) {
                heads.add(s.toString());
                for (int i = 1; i <= n; i++) for (int j = i + 1; j <= n; j++) switches.add(F.Subtract(ast.get(i), ast.get(j)));
            } else if (s == S.Floor || s == S.Ceiling || s == S.Round) {
                heads.add(s.toString());
                switches.add(F.Sin(F.Times(S.Pi, ast.arg1())));
            } else if (s == S.Clip) {
                heads.add(s.toString());
                switches.add(F.Plus(ast.arg1(), F.C1));
                switches.add(F.Subtract(ast.arg1(), F.C1));
            } else if (s == S.Greater || s == S.GreaterEqual || s == S.Less || s == S.LessEqual || s == S.Equal
                    || s == S.Unequal) {
                heads.add("a condition " + s);
                for (int i = 1; i < n; i++) switches.add(F.Subtract(ast.get(i), ast.get(i + 1)));
            } else if (s == S.Piecewise || s == S.If || s == S.Boole) {
                heads.add(s.toString());
            } else if (s == S.Power && n == 2 && !isSmoothPower(ast)) {
                heads.add("a power " + SymjaUtil.show(ast, 40));
                switches.add(ast.arg1());
            } else if ((s == S.Log) && n == 1) {
                heads.add("Log");
                switches.add(ast.arg1());
            } else if ((s == S.Tan || s == S.Sec) && n == 1) {
                heads.add(s.toString());
                switches.add(F.Cos(ast.arg1()));
            } else if ((s == S.Cot || s == S.Csc || s == S.Coth || s == S.Csch) && n == 1) {
                heads.add(s.toString());
                switches.add(s == S.Cot || s == S.Csc ? F.Sin(ast.arg1()) : ast.arg1());
            } else if ((s == S.ArcSin || s == S.ArcCos || s == S.ArcTanh) && n == 1) {
                heads.add(s.toString());
                switches.add(F.Subtract(F.C1, F.Sqr(ast.arg1())));
            } else if (s == S.ArcCosh && n == 1) {
                heads.add(s.toString());
                switches.add(F.Subtract(ast.arg1(), F.C1));
            }
        }
        for (int i = 1; i <= n; i++) scan(ast.get(i), heads, switches);
    }

    /** u^k with k a non-negative integer, or c^u with a positive constant base c (e.g. E^u): analytic. */
    private static boolean isSmoothPower(IAST pow) {
        IExpr base = pow.arg1(), exp = pow.arg2();
        if (exp.isInteger() && !exp.isNegative()) return true;
        return base == S.E || (base.isReal() && base.isPositive()) || (base.isNumericFunction() && !base.isNegative()
                && base.isFree(S.I));
    }
}
