package depthlimit.symbolic;

import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;

/** Small helpers around the shared evaluator: time limits, simplification over the reals, printing. */
final class SymjaUtil {
    private SymjaUtil() {}

    /**
     * {@code e} evaluated with a time limit ({@code Double.POSITIVE_INFINITY}: none, and then the result does not
     * depend on the machine's load); null when Symja gave up ($Aborted) or threw.
     */
    static IExpr evalWithin(ExprEvaluator ev, IExpr e, double seconds) {
        try {
            IExpr r = ev.eval(seconds == Double.POSITIVE_INFINITY ? e : F.TimeConstrained(e, F.num(seconds)));
            return r == S.$Aborted || r.isAST(S.TimeConstrained) ? null : r;
        } catch (RuntimeException | StackOverflowError ex) {
            return null;
        }
    }

    /** Simplify[e, Element[x, Reals]] within {@code seconds}, or {@code e} itself. */
    static IExpr simplifyReal(ExprEvaluator ev, IExpr e, IExpr x, double seconds) {
        IExpr r = evalWithin(ev, F.Simplify(e, F.Element(x, S.Reals)), seconds);
        return r == null ? e : r;
    }

    /** The arguments of an AST (1-based in Symja) as a list. */
    static java.util.List<IExpr> args(IExpr e) {
        java.util.List<IExpr> out = new java.util.ArrayList<>();
        if (!e.isAST()) return out;
        org.matheclipse.core.interfaces.IAST a = (org.matheclipse.core.interfaces.IAST) e;
        for (int i = 1; i <= a.argSize(); i++) out.add(a.get(i));
        return out;
    }

    /** One-line input form, shortened to {@code max} characters. */
    static String show(IExpr e, int max) {
        String s = e.toString().replace("\n", "");
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
