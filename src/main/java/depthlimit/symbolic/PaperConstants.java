package depthlimit.symbolic;

import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IExpr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The constants of Proposition 5 and Theorem 6 (end of the proof in Appendix B.5, and B.6), built in Symja from the
 * proof's own intermediate constants C_1 = K e^{2√2K}, C_2 = 128 C_1 K, C_3 = e^{−2√2K}/8 (K = K_σ, η = |η_r|),
 * simplified, and evaluated for a configuration:
 * <ul>
 *   <li>c_1 = max(2^{10} C_1²/η², 1) (from C_1√n ≤ √m η/32, and m ≥ n), c_2 = C_2/η, c_3 = min(η/(32√2K), 1/2),
 *       c_4 = C_3²η³/(2C_2) (simplifies to η³/(2^{14}K²e^{6√2K}));</li>
 *   <li>the radius M = c_3/√(nq) (the proof's own radius min(η/(32K√(2nq)), 1/2) is never smaller);</li>
 *   <li>μ as stated, c_4/(n√n q), and as the proof gives it, c_4/(n√(nq)) = √q × stated (a known erratum of
 *       the statement);</li>
 *   <li>δ = e^{−qm/16} + n e^{−3mη²/(64M_σ²n)} + 2n² e^{−(d/(2v_x²))(3/(4n))^{2/r}} (v_x² the sub-Gaussian variance proxy
 *       of the columns of √(d/q)x; 1 for data uniform on the sphere of radius √q: P(|⟨θ, u⟩| ≥ t/√d) ≤ 2e^{−t²/2} for
 *       θ uniform on the unit sphere of ℝ^d);</li>
 *   <li>Theorem 6's label bound C = c_3²c_4²/(64n⁴q³ max(M_B K₈, M_B M_X, M_A M_X)² e^{2K₈}) with M_A = M_B = 1 + M
 *       (‖Ā‖₂ = ‖B̄‖₂ = 1), M_X = √q and K₈ = 2√2 K_σ, the bound on ‖∂₁f‖ in the ball from the estimates (47)–(51).
 *       Prop 8 defines K = max(K_1, K_2); K_2 is not derived in the paper, so this value of C is an upper bound on
 *       the paper's (C decreases in K).</li>
 * </ul>
 * The regime: q ≥ d + d′, m ≥ c_1 n, L ≥ c_2 √(nq).
 */
public record PaperConstants(Inputs inputs, List<Constant> constants, boolean qOk, boolean mOk, Boolean lOk,
                             long mMin, long lMin) {

    /** The configuration and the activation's numbers. L may be null (then only the L threshold is reported). */
    public record Inputs(double kSigma, double mSigma, double eta, int r, int n, int q, int d, int dOut, int m,
                         Integer L, double vx2) {}

    /** One constant: its symbol, the formula as simplified by Symja, its value, and where it comes from. */
    public record Constant(String name, String formula, double value, String source) {}

    /** From an activation report (K_σ, M_σ, |η_r| with r the smallest r ≥ 2 with η_r ≠ 0, or {@code rOverride}). */
    public static PaperConstants of(ActivationReport a, Integer rOverride, int n, int q, int d, int dOut, int m,
                                    Integer L, double vx2) {
        int r = rOverride != null ? rOverride : a.rStar();
        if (r < 0 || r > ActivationReport.R_MAX)
            throw new IllegalArgumentException("no r ≥ 2 with η_r ≠ 0 up to r = " + ActivationReport.R_MAX);
        double eta = Math.abs(a.hermite().eta()[r]);
        if (a.zeroByParity()[r]) eta = 0;
        double mSigma = a.bound().finite() ? a.bound().value() : Double.POSITIVE_INFINITY;
        double kSigma = a.lipschitz().finite() ? a.lipschitz().value() : Double.POSITIVE_INFINITY;
        return of(new Inputs(kSigma, mSigma, eta, r, n, q, d, dOut, m, L, vx2));
    }

    /** Symbolic formulas, simplified by Symja, evaluated at {@code in}. */
    public static PaperConstants of(Inputs in) {
        // Symja's default parser is case-insensitive (C1 and c1 are one symbol), so every symbol gets a distinct
        // lower-case name; DISPLAY maps them back. Inputs: ks = K_σ, ms = M_σ, eta = |η_r|, n, q, din = d, m, r, vx2.
        Map<String, String> defs = new LinkedHashMap<>();
        defs.put("cbig1", "ks*E^(2*Sqrt[2]*ks)");                       // B.5 intermediate constants
        defs.put("cbig2", "128*cbig1*ks");
        defs.put("cbig3", "E^(-2*Sqrt[2]*ks)/8");
        defs.put("c1", "Max[2^10*cbig1^2/eta^2, 1]");
        defs.put("c2", "cbig2/eta");
        defs.put("c3", "Min[eta/(32*Sqrt[2]*ks), 1/2]");
        defs.put("c4", "cbig3^2*eta^3/(2*cbig2)");
        defs.put("radius", "c3/Sqrt[n*q]");
        defs.put("radiusproof", "Min[eta/(32*ks*Sqrt[2*n*q]), 1/2]");
        defs.put("mustated", "c4/(n*Sqrt[n]*q)");
        defs.put("muproof", "c4/(n*Sqrt[n*q])");
        defs.put("delta", "E^(-q*m/16) + n*E^(-3*m*eta^2/(64*ms^2*n)) + 2*n^2*E^(-(din/(2*vx2))*(3/(4*n))^(2/r))");
        defs.put("kprop8", "2*Sqrt[2]*ks");
        defs.put("cthm6", "c3^2*c4^2/(64*n^4*q^3*Max[(1+radius)*kprop8, (1+radius)*Sqrt[q]]^2*E^(2*kprop8))"); // M_B M_X = M_A M_X
        Map<String, String> source = Map.ofEntries(
                Map.entry("cbig1", "B.5: C_1 = K_σ e^{2√2K_σ}"), Map.entry("cbig2", "B.5: C_2 = 128 C_1 K_σ"),
                Map.entry("cbig3", "B.5: C_3 = e^{−2√2K_σ}/8"), Map.entry("c1", "Prop 5: m ≥ c_1 n"),
                Map.entry("c2", "Prop 5: L ≥ c_2 √(nq)"), Map.entry("c3", "Prop 5: radius M = c_3/√(nq)"),
                Map.entry("c4", "Prop 5: μ = c_4/(n√n q); Thm 6: C′ = c_4"), Map.entry("radius", "Prop 5: PL radius M"),
                Map.entry("radiusproof", "B.5: radius used in the proof (≥ M)"),
                Map.entry("mustated", "Prop 5 as stated: c_4/(n√n q)"),
                Map.entry("muproof", "B.5 as proved: c_4/(n√(nq)) (a known erratum of the statement)"),
                Map.entry("delta", "Prop 5: failure probability (v_x² = " + in.vx2() + ")"),
                Map.entry("kprop8", "bound 2√2K_σ on ‖∂₁f‖ in the ball ((47)–(51)), used for Prop 8's K (UNCONFIRMED)"),
                Map.entry("cthm6", "Thm 6 / B.6: label bound (1/n)Σ‖y_i‖² ≤ C (an upper bound: K₈ ≤ K)"));
        List<Constant> out = Symja.call(ev -> evaluate(ev, defs, source, in));
        Map<String, Double> v = new LinkedHashMap<>();
        for (Constant c : out) v.put(c.name(), c.value());
        boolean qOk = in.q() >= in.d() + in.dOut();
        double c1n = v.get("c1") * in.n(), c2 = v.get("c2") * Math.sqrt((double) in.n() * in.q());
        // smallest integers above the thresholds (the 1e-14 keeps an exact integer threshold from rounding up)
        long mMin = Double.isFinite(c1n) ? (long) Math.ceil(c1n * (1 - 1e-14)) : Long.MAX_VALUE;
        long lMin = Double.isFinite(c2) ? (long) Math.ceil(c2 * (1 - 1e-14)) : Long.MAX_VALUE;
        boolean mOk = in.m() >= c1n;
        Boolean lOk = in.L() == null ? null : in.L() >= c2;
        return new PaperConstants(in, out, qOk, mOk, lOk, mMin, lMin);
    }

    private static List<Constant> evaluate(ExprEvaluator ev, Map<String, String> defs, Map<String, String> source, Inputs in) {
        // Build each constant in the symbols K, eta, Msigma, n, q, d, m, r, vx2 by substituting the earlier ones.
        Map<String, IExpr> symbolic = new LinkedHashMap<>();
        List<Constant> out = new ArrayList<>();
        org.matheclipse.core.interfaces.IAST values = (org.matheclipse.core.interfaces.IAST) ev.parse(String.format(Locale.ROOT,
                "{ks -> %s, eta -> %s, ms -> %s, n -> %d, q -> %d, din -> %d, m -> %d, r -> %d, vx2 -> %s}",
                num(in.kSigma()), num(in.eta()), num(in.mSigma()), in.n(), in.q(), in.d(), in.m(), in.r(), num(in.vx2())));
        for (Map.Entry<String, String> e : defs.entrySet()) {
            IExpr expr = ev.parse(e.getValue());
            for (Map.Entry<String, IExpr> prev : symbolic.entrySet())
                expr = expr.replaceAll(F.Rule(ev.parse(prev.getKey()), prev.getValue())).orElse(expr);
            // No time limit: the formulas are in symbols only (the configuration's numbers are substituted after), so
            // the work is the same for every call and terminates (`constants --activation tanh … --no-exact` used 36 s of CPU with or without the former 5 s limit); a limit made
            // the printed form depend on the machine's load (under load C's Simplify gave up at 5 s).
            IExpr simplified = SymjaUtil.evalWithin(ev, F.Simplify(expr, ev.parse(
                    "ks > 0 && eta > 0 && ms > 0 && n >= 1 && q >= 1 && din >= 1 && m >= 1 && r >= 2 && vx2 > 0")), Double.POSITIVE_INFINITY);
            if (simplified == null) simplified = ev.eval(expr);
            symbolic.put(e.getKey(), simplified);
            double value;
            try {
                value = ev.evalf(ev.eval(F.N(simplified.replaceAll(values).orElse(simplified))));
            } catch (RuntimeException ex) {
                value = Double.NaN;
            }
            if (Double.isNaN(value) && e.getKey().equals("delta") && Double.isInfinite(in.mSigma()))
                value = Double.POSITIVE_INFINITY;  // n·e^{0} + ... ≥ 1 anyway: the bound is vacuous
            out.add(new Constant(DISPLAY.get(e.getKey()), display(simplified.toString()), value, source.get(e.getKey())));
        }
        return out;
    }

    /** Paper names of the constants (the keys of {@link #value}). */
    static final Map<String, String> DISPLAY = Map.ofEntries(
            Map.entry("cbig1", "C1"), Map.entry("cbig2", "C2"), Map.entry("cbig3", "C3"), Map.entry("c1", "c1"),
            Map.entry("c2", "c2"), Map.entry("c3", "c3"), Map.entry("c4", "c4"), Map.entry("radius", "M"),
            Map.entry("radiusproof", "M_proof"), Map.entry("mustated", "mu_stated"), Map.entry("muproof", "mu_proof"),
            Map.entry("delta", "delta"), Map.entry("kprop8", "K8"), Map.entry("cthm6", "C"));

    /** A Symja formula with the paper's symbol names. */
    static String display(String formula) {
        return formula.replaceAll("\\bks\\b", "Kσ").replaceAll("\\bms\\b", "Mσ").replaceAll("\\bdin\\b", "d")
                .replaceAll("\\bvx2\\b", "vx²").replaceAll("\\beta\\b", "η").replace("\n", "");
    }

    private static String num(double v) {
        if (v == Double.POSITIVE_INFINITY) return "Infinity";
        return String.format(Locale.ROOT, "%.17g", v).replace("e", "*10^");
    }

    public double value(String name) {
        for (Constant c : constants) if (c.name().equals(name)) return c.value();
        throw new IllegalArgumentException("no constant " + name);
    }

    public Constant constant(String name) {
        for (Constant c : constants) if (c.name().equals(name)) return c;
        throw new IllegalArgumentException("no constant " + name);
    }

    /** The configuration satisfies every size condition of Proposition 5 (L only when given). */
    public boolean inRegime() {
        return qOk && mOk && (lOk == null || lOk);
    }
}
