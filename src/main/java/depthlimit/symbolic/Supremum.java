package depthlimit.symbolic;

import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * sup_{x∈ℝ} |f(x)| for f = σ (giving M_σ) or f = σ′ (giving the Lipschitz constant K_σ), computed honestly:
 * <ol>
 *   <li>numerically: a scan of [−{@value #RANGE}, {@value #RANGE}] with step 1/{@value #PER_UNIT}, every local
 *       maximum of |f| refined by golden-section search (to 1e-11 in x), and the tails at x = ±2^j, j = 6..40;</li>
 *   <li>symbolically: Symja's Limit[f, x → ±∞] for the tails (accepted only if the numeric tail agrees: Symja 3.0.0
 *       answers Indeterminate for some finite limits), Solve[f′ = 0, x] for candidate critical points (Symja's Solve
 *       may miss roots, so it only names the maximiser the scan found, never replaces the scan).</li>
 * </ol>
 * The value is exact (a Symja expression) when the supremum is a verified Symja limit or f at a verified Symja
 * critical point; otherwise it is the numeric value, with the method stated.
 */
public final class Supremum {
    static final int RANGE = 64, PER_UNIT = 256;

    public enum Status { FINITE, INFINITE, UNKNOWN }

    /**
     * @param value  the supremum (∞ when INFINITE; a lower bound when UNKNOWN)
     * @param exact  Symja form of the value, or null
     * @param at     a maximiser (±∞ for a tail supremum)
     */
    public record Result(Status status, double value, String exact, double at, String method) {
        public boolean finite() { return status == Status.FINITE; }

        public String describe() {
            String v = status == Status.INFINITE ? "∞" : fmt(value);
            if (exact != null && status == Status.FINITE) v += " = " + exact;
            if (status == Status.UNKNOWN) v = "≥ " + v + " (undetermined)";
            return v;
        }
    }

    private Supremum() {}

    /**
     * @param f      the numeric function (compiled from {@code fExpr})
     * @param fExpr  f as a Symja expression in x
     * @param fPrime f′ as a Symja expression (for critical points), or null
     */
    public static Result of(DoubleUnaryOperator f, IExpr fExpr, IExpr fPrime) {
        DoubleUnaryOperator af = x -> Math.abs(f.applyAsDouble(x));
        // 1. interior: scan and refine
        int n = 2 * RANGE * PER_UNIT;
        double h = 1.0 / PER_UNIT;
        double best = -1, arg = 0;
        double[] v = new double[n + 1];
        for (int i = 0; i <= n; i++) v[i] = af.applyAsDouble(-RANGE + i * h);
        for (int i = 0; i <= n; i++) {
            if (!Double.isFinite(v[i])) return new Result(Status.INFINITE, Double.POSITIVE_INFINITY, null, -RANGE + i * h,
                    "not finite at x = " + fmt(-RANGE + i * h));
            boolean localMax = (i == 0 || v[i] >= v[i - 1]) && (i == n || v[i] >= v[i + 1]);
            if (!localMax) continue;
            double x0 = -RANGE + i * h;
            double[] refined = i == 0 || i == n ? new double[]{x0, v[i]} : golden(af, x0 - h, x0 + h);
            if (v[i] > refined[1]) refined = new double[]{x0, v[i]};
            if (refined[1] > best) { best = refined[1]; arg = refined[0]; }
        }
        double interior = best, interiorArg = arg;
        // 2. tails
        Tail plus = tail(f, fExpr, +1), minus = tail(f, fExpr, -1);
        List<String> notes = new ArrayList<>();
        for (Tail t : List.of(minus, plus)) notes.add(t.note);
        String method = "scan of [−" + RANGE + ", " + RANGE + "] (step 1/" + PER_UNIT + ") with golden-section refinement; tails: "
                + String.join("; ", notes);
        if (plus.status == Status.INFINITE || minus.status == Status.INFINITE) {
            Tail t = plus.status == Status.INFINITE ? plus : minus;
            return new Result(Status.INFINITE, Double.POSITIVE_INFINITY, null, t.sign * Double.POSITIVE_INFINITY, method);
        }
        double value = interior, at = interiorArg;
        String exact = null;
        for (Tail t : List.of(minus, plus)) {
            double tol = 1e-12 * Math.max(1, Math.max(value, t.sup));
            if (t.sup > value + tol || (t.exact != null && exact == null && t.sup >= value - tol)) {
                value = Math.max(value, t.sup);
                exact = t.exact;
                at = t.sign * Double.POSITIVE_INFINITY;
            }
        }
        if (plus.status == Status.UNKNOWN || minus.status == Status.UNKNOWN)
            return new Result(Status.UNKNOWN, value, null, at, method);
        if (exact == null && Double.isFinite(at)) {
            String crit = criticalValue(fExpr, fPrime, at, value);
            if (crit != null) {
                exact = crit;
                method += "; maximiser identified by Symja's Solve[f′ = 0] (value agrees with the scan to 1e-12)";
            }
        }
        return new Result(Status.FINITE, value, exact, at, method);
    }

    private record Tail(int sign, Status status, double sup, String exact, String note) {}

    /** The behaviour of |f| as x → sign·∞. */
    private static Tail tail(DoubleUnaryOperator f, IExpr fExpr, int sign) {
        double[] vals = new double[35];
        double tailMax = 0;
        for (int j = 6; j <= 40; j++) {
            vals[j - 6] = f.applyAsDouble(sign * Math.scalb(1.0, j));
            tailMax = Math.max(tailMax, Math.abs(vals[j - 6]));
        }
        double far = Math.abs(vals[34]), mid = Math.abs(vals[24]), near = Math.abs(vals[0]);
        String side = sign > 0 ? "+∞" : "−∞";
        IExpr lim = Symja.call(ev -> SymjaUtil.evalWithin(ev, F.Limit(fExpr, F.Rule(SymbolicActivation.variable(ev),
                sign > 0 ? S.Infinity : F.Negate(S.Infinity))), 3));
        if (!Double.isFinite(far) || far > 1e9 * Math.max(1, near) && far > mid) {
            return new Tail(sign, Status.INFINITE, Double.POSITIVE_INFINITY, null,
                    "|f| → ∞ as x → " + side + " (|f(" + (sign > 0 ? "" : "−") + "2^40)| = " + fmt(far) + ")"
                            + (isInfinite(lim) ? ", Symja Limit agrees" : ""));
        }
        if (lim != null && isInfinite(lim)) {
            boolean growing = true;
            for (int j = 1; j < vals.length; j++) growing &= Math.abs(vals[j]) > Math.abs(vals[j - 1]);
            if (growing)
                return new Tail(sign, Status.INFINITE, Double.POSITIVE_INFINITY, null, "Symja's Limit at " + side + " is "
                        + lim + " and |f(±2^j)| increases for j = 6..40 (|f(2^40)| = " + fmt(far) + ")");
            return new Tail(sign, Status.UNKNOWN, tailMax, null, "Symja's Limit at " + side + " is " + lim
                    + " but |f(±2^j)| does not increase steadily");
        }
        if (lim != null && lim.isAST(S.Interval)) {
            double bound = Symja.call(ev -> {
                double m = 0;
                for (IExpr iv : SymjaUtil.args(lim)) {
                    if (!iv.isList()) return Double.NaN;
                    for (IExpr end : SymjaUtil.args(iv)) m = Math.max(m, Math.abs(ev.evalf(end)));
                }
                return m;
            });
            if (Double.isFinite(bound) && tailMax <= bound * (1 + 1e-12))
                return new Tail(sign, Status.FINITE, bound, Symja.call(ev -> ev.eval(F.Max(F.Abs(F.Min(lim)), F.Abs(F.Max(lim)))).toString()),
                        "oscillates in " + lim + " as x → " + side + " (Symja Limit)");
        }
        if (lim != null && isRealNumber(lim)) {
            double c = Symja.call(ev -> ev.evalf(lim));
            if (Math.abs(Math.abs(vals[34]) - Math.abs(c)) <= 1e-6 * (1 + Math.abs(c)))
                return new Tail(sign, Status.FINITE, Math.max(Math.abs(c), tailMax),
                        Math.abs(c) >= tailMax ? Symja.call(ev -> ev.eval(F.Abs(lim)).toString()) : null,
                        "Limit[f, x → " + side + "] = " + lim + " (Symja; numeric tail agrees)");
        }
        String symja = lim == null ? "no answer" : lim.toString();
        boolean settled = Math.abs(far - mid) <= 1e-9 * (1 + far);
        if (settled)
            return new Tail(sign, Status.FINITE, tailMax, null, "|f| settles to " + fmt(far) + " as x → " + side
                    + " (numeric, |x| up to 2^40; Symja's Limit: " + symja + ")");
        return new Tail(sign, Status.UNKNOWN, tailMax, null, "|f| still changing at |x| = 2^40 (" + fmt(far)
                + "); Symja's Limit: " + symja);
    }

    private static boolean isInfinite(IExpr e) {
        return e != null && (e.isInfinity() || e.isNegativeInfinity() || e.isDirectedInfinity() || e.isComplexInfinity());
    }

    private static boolean isRealNumber(IExpr e) {
        return Symja.call(ev -> {
            if (!e.isNumericFunction() || !e.isFree(S.I)) return false;
            double v = ev.evalf(e);
            return Double.isFinite(v);
        });
    }

    /** f at a Symja critical point equal to the scan's maximiser, as an exact expression; null if none. */
    private static String criticalValue(IExpr fExpr, IExpr fPrime, double at, double value) {
        if (fPrime == null) return null;
        return Symja.call(ev -> {
            IExpr x = SymbolicActivation.variable(ev);
            List<IExpr> candidates = new ArrayList<>();
            if (Math.abs(at) < 1e-9) candidates.add(F.C0);
            IExpr sol = SymjaUtil.evalWithin(ev, F.Solve(F.Equal(fPrime, F.C0), x), 3);
            if (sol != null && sol.isList())
                for (IExpr s : SymjaUtil.args(sol))
                    if (s.isList() && ((IAST) s).argSize() == 1 && ((IAST) s).arg1().isRuleAST())
                        candidates.add(((IAST) ((IAST) s).arg1()).arg2());
            for (IExpr c : candidates) {
                try {
                    if (!c.isNumericFunction() || !c.isFree(S.I)) continue;
                    double xc = ev.evalf(c);
                    if (Math.abs(xc - at) > 1e-6 * (1 + Math.abs(at))) continue;
                    IExpr val = ev.eval(F.Simplify(F.Abs(fExpr.replaceAll(F.Rule(x, c)).orElse(fExpr))));
                    double vc = ev.evalf(val);
                    if (Math.abs(vc - value) <= 1e-12 * Math.max(1, value)) return val.toString();
                } catch (RuntimeException ignored) {
                    // not a real number: not a candidate
                }
            }
            return null;
        });
    }

    /** Golden-section maximisation of g on [a, b]: {argmax, max}. */
    static double[] golden(DoubleUnaryOperator g, double a, double b) {
        double r = (Math.sqrt(5) - 1) / 2;
        double c = b - r * (b - a), d = a + r * (b - a);
        double fc = g.applyAsDouble(c), fd = g.applyAsDouble(d);
        while (b - a > 1e-11 * (1 + Math.abs(a))) {
            if (fc >= fd) { b = d; d = c; fd = fc; c = b - r * (b - a); fc = g.applyAsDouble(c); }
            else { a = c; c = d; fc = fd; d = a + r * (b - a); fd = g.applyAsDouble(d); }
        }
        double xm = 0.5 * (a + b), fm = g.applyAsDouble(xm);
        return fm >= Math.max(fc, fd) ? new double[]{xm, fm} : fc >= fd ? new double[]{c, fc} : new double[]{d, fd};
    }

    static String fmt(double v) {
        if (v == Double.POSITIVE_INFINITY) return "∞";
        return String.format(Locale.ROOT, "%.10g", v);
    }
}
