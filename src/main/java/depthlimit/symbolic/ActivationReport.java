package depthlimit.symbolic;

import depthlimit.model.Activation;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The paper's hypotheses on σ (Section 2: σ(0) = 0, C², Lipschitz, bounded, non-constant) and the Hermite
 * coefficients η_r of Lemma 21 / Proposition 5 (claim 19), checked for any activation, built-in or
 * user-defined. Each item says how it was decided (symbolic, or numeric with its tolerance).
 *
 * @param sigma       σ simplified (Symja input form)
 * @param sigma1      σ′ simplified
 * @param sigma2      σ″ simplified
 * @param zeroAtOrigin σ(0) = 0, decided exactly by Symja
 * @param sigmaAt0    σ(0) as Symja computes it
 * @param c2          the C² verdict ({@link Smoothness})
 * @param nonConstant σ′ is not identically 0 (max |σ′| on the scan grid > 0)
 * @param bound       M_σ = sup|σ| (INFINITE for GELU, ReLU, identity)
 * @param lipschitz   K_σ = sup|σ′| (the Lipschitz constant)
 * @param parity      "odd", "even", "even + linear", "odd + constant" or "neither", decided by Symja
 * @param hermite     η_0..η_{rMax} with their error estimates
 * @param exactEta    per r: the Symja closed form of η_r when one was found (null otherwise)
 * @param zeroByParity per r: η_r = 0 exactly because of the symmetry of σ (parity)
 * @param rStar       the smallest r ≥ 2 with η_r ≠ 0 (−1 if none up to rMax)
 * @param engineAgreement for a built-in: max |engine − Symja form| / (1 + |Symja form|) over σ, σ′, σ″ on
 *                    [−8, 8] (NaN for user expressions, which are the Symja form)
 */
public record ActivationReport(String name, String sigma, String sigma1, String sigma2,
                               boolean zeroAtOrigin, String sigmaAt0, Smoothness.Result c2, boolean nonConstant,
                               Supremum.Result bound, Supremum.Result lipschitz, String parity,
                               Hermite.Coefficients hermite, String[] exactEta, boolean[] zeroByParity, int rStar,
                               double engineAgreement, List<String> exactNotes, double seconds) {

    /** Largest r for which η_r is computed. */
    public static final int R_MAX = 12;
    /** |η_r| at or below this (or below 100× its error estimate) does not count as non-zero for r*. */
    public static final double ZERO_THRESHOLD = 1e-10;

    /**
     * How much effort to spend on exact Hermite integrals (Symja's Integrate takes 0.5–10 s each, often fails), and
     * the time limit of each symbolic parity decision ({@code Double.POSITIVE_INFINITY}: none).
     *
     * <p>A wall-clock limit makes a result depend on the machine's load: a decision that times out is "not
     * decided", so the same activation can come out with different parity zeros (and r*) on a busy machine. The
     * verification claims therefore use {@link #DETERMINISTIC}: no exact integrals (Symja's Integrate also applies
     * its own internal time limit in its Rubi rules, so it cannot be made load-independent from outside) and parity
     * decided by Simplify without a time limit (it terminates for the built-in activations, in well under a second).
     * The limits remain for user-supplied expressions, where an unbounded Simplify could hang.
     */
    public record Options(int exactUpTo, double secondsPerIntegral, double secondsTotal, double paritySeconds) {
        /** Default time limit of one parity decision (Simplify) for user expressions. */
        public static final double PARITY_SECONDS = 3;
        public static final Options DEFAULT = new Options(4, 5, 15, PARITY_SECONDS);
        public static final Options NO_EXACT = new Options(-1, 0, 0, PARITY_SECONDS);
        /** No wall-clock limit anywhere in what the report's Hermite part depends on: bit-reproducible under any load. */
        public static final Options DETERMINISTIC = new Options(-1, 0, 0, Double.POSITIVE_INFINITY);

        public Options(int exactUpTo, double secondsPerIntegral, double secondsTotal) {
            this(exactUpTo, secondsPerIntegral, secondsTotal, PARITY_SECONDS);
        }

        /** True when no result of the Hermite part (η, parity zeros, exact forms, r*) depends on a time limit. */
        public boolean deterministic() {
            return exactUpTo < 0 && paritySeconds == Double.POSITIVE_INFINITY;
        }
    }

    public static ActivationReport of(Activation a) {
        return of(a, Options.DEFAULT);
    }

    /** The full report (Symja start-up on first use; about 1–3 s plus the exact integrals' budget). */
    public static ActivationReport of(Activation a, Options options) {
        long t0 = System.nanoTime();
        SymbolicActivation s = SymbolicActivations.symbolic(a);
        Smoothness.Result c2 = Smoothness.analyze(s.expression(), s.derivative1(), s.derivative2(), s.tape());
        String[] at0 = Symja.call(ev -> {
            IExpr x = SymbolicActivation.variable(ev);
            IExpr v = ev.eval(s.expression().replaceAll(F.Rule(x, F.C0)).orElse(s.expression()));
            if (v.isIndeterminate() || !v.isNumericFunction())
                v = SymjaUtil.evalWithin(ev, F.Limit(s.expression(), F.Rule(x, F.C0)), 3);
            if (v == null) return new String[]{"undetermined", "false"};
            IExpr zero = ev.eval(F.PossibleZeroQ(v));
            return new String[]{v.toString(), String.valueOf(zero == S.True)};
        });
        Tape tape = s.tape();
        Supremum.Result bound = Supremum.of(x -> tape.evaluate(x)[0], s.expression(), s.derivative1());
        Supremum.Result lip = Supremum.of(x -> tape.evaluate(x)[1], s.derivative1(), s.derivative2());
        boolean nonConstant = lip.value() > 0;
        String parity = Symja.call(ev -> parity(ev, s.expression(), options.paritySeconds()));
        Hermite.Coefficients h = Hermite.coefficients(s::value, R_MAX);
        boolean[] zeroByParity = new boolean[R_MAX + 1];
        for (int r = 0; r <= R_MAX; r++)
            zeroByParity[r] = zeroBySymmetry(parity, r);
        List<String> notes = new ArrayList<>();
        String[] exact = exactCoefficients(s, h, zeroByParity, c2.status() == Smoothness.Status.YES, options, notes);
        int rStar = -1;
        for (int r = 2; r <= R_MAX && rStar < 0; r++) {
            if (zeroByParity[r] || (exact[r] != null && isZeroForm(exact[r]))) continue;
            if (Math.abs(h.eta()[r]) > Math.max(ZERO_THRESHOLD, 100 * h.error()[r])) rStar = r;
        }
        double agreement = Double.NaN;
        if (!(a instanceof SymbolicActivation)) {
            agreement = 0;
            for (double x = -8; x <= 8; x += 1.0 / 64) {
                double[] ref = tape.evaluate(x);
                double[] eng = {a.value(x), a.d1(x), a.d2(x)};
                for (int k = 0; k < 3; k++) {
                    if (k == 2 && !c2.isC2() && Math.abs(x) < 1e-12) continue;  // σ″ undefined at a kink
                    agreement = Math.max(agreement, Math.abs(eng[k] - ref[k]) / (1 + Math.abs(ref[k])));
                }
            }
        }
        return new ActivationReport(a.name(), show(c2.sigma()), show(c2.sigma1()), show(c2.sigma2()),
                Boolean.parseBoolean(at0[1]), at0[0], c2, nonConstant, bound, lip, parity, h, exact, zeroByParity, rStar,
                agreement, notes, (System.nanoTime() - t0) / 1e9);
    }

    private static String show(IExpr e) {
        return SymjaUtil.show(e, 200);
    }

    private static boolean isZeroForm(String s) {
        return s.equals("0");
    }

    /**
     * "odd", "even", "even + linear" (σ(x) − σ(−x) = 2σ′(0)x, e.g. GELU: η_r = 0 for odd r ≥ 3), "odd + constant"
     * (σ(x) + σ(−x) = 2σ(0): η_r = 0 for even r ≥ 2) or "neither", each decided by Simplify[...] = 0.
     */
    private static String parity(ExprEvaluator ev, IExpr original, double seconds) {
        IExpr x = SymbolicActivation.variable(ev);
        // Simplify does not know LogisticSigmoid[-x] = 1 - LogisticSigmoid[x]; write it with Exp first
        IExpr sigma = ev.eval(F.ReplaceAll(original, ev.parse("LogisticSigmoid[u_] :> 1/(1 + Exp[-u])")));
        IExpr reflected = sigma.replaceAll(F.Rule(x, F.Negate(x))).orElse(sigma);
        if (isZero(ev, F.Plus(reflected, sigma), x, seconds)) return "odd";
        if (isZero(ev, F.Subtract(reflected, sigma), x, seconds)) return "even";
        IExpr d1 = ev.eval(F.D(sigma, x));
        IExpr slope = ev.eval(d1.replaceAll(F.Rule(x, F.C0)).orElse(d1));
        IExpr at0 = ev.eval(sigma.replaceAll(F.Rule(x, F.C0)).orElse(sigma));
        if (slope.isNumericFunction() && isZero(ev, F.Subtract(F.Subtract(sigma, reflected), F.Times(F.C2, slope, x)), x, seconds))
            return "even + linear";
        if (at0.isNumericFunction() && isZero(ev, F.Subtract(F.Plus(sigma, reflected), F.Times(F.C2, at0)), x, seconds))
            return "odd + constant";
        return "neither";
    }

    private static boolean isZero(ExprEvaluator ev, IExpr e, IExpr x, double seconds) {
        IExpr r = SymjaUtil.evalWithin(ev, F.Simplify(F.Together(e), F.Element(x, S.Reals)), seconds);
        return r != null && r.isZero();
    }

    /** η_r = 0 exactly by the symmetry of σ. */
    static boolean zeroBySymmetry(String parity, int r) {
        return switch (parity) {
            case "odd" -> r % 2 == 0;
            case "even" -> r % 2 == 1;
            case "even + linear" -> r % 2 == 1 && r >= 3;
            case "odd + constant" -> r % 2 == 0 && r >= 2;
            default -> false;
        };
    }

    /**
     * Symja's exact value of η_r for r ≤ exactUpTo, within the time budget, compared with the quadrature. For σ
     * analytic on ℝ (C² status YES) the integral asked for is E[σ^{(r)}(Z)]/√(r!) — equal to η_r by r Gaussian
     * integrations by parts (Rodrigues: h_r φ = (−1)^r φ^{(r)}/√(r!); boundary terms vanish for polynomially bounded
     * derivatives; proofs/09-hermite.m) and much easier for Symja (GELU: σ″ is a polynomial times e^{−x²/2}) —
     * otherwise the definition ∫σ h_r φ. Each integral has its own time limit, all of them a total budget.
     */
    private static String[] exactCoefficients(SymbolicActivation s, Hermite.Coefficients h, boolean[] zeroByParity,
                                              boolean analytic, Options o, List<String> notes) {
        String[] exact = new String[R_MAX + 1];
        for (int r = 0; r <= R_MAX; r++) if (zeroByParity[r]) exact[r] = "0";
        if (o.exactUpTo() < 0) return exact;
        Symja.awaitIntegrationRules();
        long start = System.nanoTime();
        for (int r = 0; r <= Math.min(o.exactUpTo(), R_MAX); r++) {
            if (zeroByParity[r]) continue;
            double left = o.secondsTotal() - (System.nanoTime() - start) / 1e9;
            if (left <= 0.5) {
                notes.add("η_" + r + ": exact integral not attempted (time budget of " + fmtS(o.secondsTotal()) + " s spent)");
                continue;
            }
            IExpr val = integral(s, r, analytic, Math.min(o.secondsPerIntegral(), left));
            String how = analytic ? "Symja Integrate of E[σ^(" + r + ")(Z)]/√" + r + "!" : "Symja Integrate of E[σ(Z) h_" + r + "(Z)]";
            if (val == null) {
                notes.add("η_" + r + ": Symja found no closed form within " + fmtS(Math.min(o.secondsPerIntegral(), left)) + " s");
                continue;
            }
            IExpr found = val;
            double v = Symja.call(ev -> ev.evalf(found));
            double diff = Math.abs(v - h.eta()[r]);
            exact[r] = val.toString();
            notes.add(String.format(Locale.ROOT, "η_%d = %s = %.15g (%s); quadrature differs by %.1e%s", r, val, v, how, diff,
                    diff <= Math.max(1e-12, 10 * h.error()[r]) ? "" : "  DISAGREES"));
        }
        return exact;
    }

    private static IExpr integral(SymbolicActivation s, int r, boolean stein, double seconds) {
        return Symja.call(ev -> {
            IExpr x = SymbolicActivation.variable(ev);
            IExpr gauss = F.Times(F.Exp(F.Times(F.CN1D2, F.Sqr(x))), F.Power(F.Sqrt(F.Times(F.C2, S.Pi)), F.CN1));
            IExpr norm = F.Power(F.Sqrt(F.Factorial(F.ZZ(r))), F.CN1);
            IExpr integrand;
            if (stein) {
                IExpr d = s.expression();
                for (int k = 0; k < r; k++) d = ev.eval(F.D(d, x));   // nested D (D[f, {x, r}] fails for Tanh)
                integrand = F.Times(norm, ev.eval(F.Simplify(d)), gauss);
            } else {
                IExpr hr = ev.eval(F.Times(norm, F.Expand(F.Times(F.Power(F.C2, F.QQ(-r, 2)),
                        F.HermiteH(F.ZZ(r), F.Times(x, F.Power(F.C2, F.CN1D2)))))));
                integrand = F.Times(s.expression(), hr, gauss);
            }
            IExpr res = SymjaUtil.evalWithin(ev, F.Integrate(integrand, F.list(x, F.CNInfinity, F.CInfinity)), seconds);
            if (res == null || !res.isFree(S.Integrate) || !res.isNumericFunction()) return null;
            double v = ev.evalf(res);
            if (!Double.isFinite(v)) return null;
            // A real constant: let PowerExpand split Sqrt(2*Pi) (it only does so for symbols), then check the value.
            IExpr tidy = ev.eval(ev.parse("Simplify[PowerExpand[(" + res + ") /. {Pi -> ppi, E -> eee}] /. {ppi -> Pi, eee -> E}]"));
            double t = ev.evalf(tidy);
            return Math.abs(t - v) <= 1e-14 * Math.max(1, Math.abs(v)) ? tidy : ev.eval(F.Simplify(res));
        });
    }

    private static String fmtS(double s) {
        return String.format(Locale.ROOT, "%.1f", s);
    }

    /** True when every exact Hermite value found agrees with the quadrature (tolerance max(1e-12, 10× error)). */
    public boolean exactAgrees() {
        return exactNotes.stream().noneMatch(n -> n.endsWith("DISAGREES"));
    }

    /** η_r for display: "0 (parity)", the exact form, or the quadrature value. */
    public String eta(int r) {
        double v = hermite.eta()[r];
        if (zeroByParity[r]) return String.format(Locale.ROOT, "0 exactly (σ is %s; quadrature gives %.1e)", parity, v);
        String num = Math.abs(v) < 1e-9 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.10f", v);
        if (exactEta[r] != null && isZeroForm(exactEta[r]))
            return String.format(Locale.ROOT, "0 exactly (Symja's integral; quadrature gives %.1e)", v);
        if (exactEta[r] != null) return num + " = " + exactEta[r];
        return num + String.format(Locale.ROOT, " (±%.0e)", Math.max(hermite.error()[r], 1e-16));
    }

    /** Human-readable lines. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("activation " + name + ":  σ = " + sigma);
        out.add("  σ′ = " + sigma1);
        out.add("  σ″ = " + sigma2);
        out.add("  σ(0) = 0 ............ " + (zeroAtOrigin ? "yes" : "NO") + " (σ(0) = " + sigmaAt0 + ", symbolic)");
        out.add("  C² .................. " + switch (c2.status()) {
            case YES -> "yes";
            case YES_NUMERIC -> "yes (numeric)";
            case NO -> "NO";
            case UNKNOWN -> "undetermined";
        } + " — " + c2.reason());
        out.add("  non-constant ........ " + (nonConstant ? "yes" : "NO") + " (sup|σ′| " + (nonConstant ? "> 0" : "= 0") + ")");
        out.add("  bounded, M_σ ........ " + (bound.status() == Supremum.Status.FINITE ? "yes, M_σ = " : bound.status() == Supremum.Status.INFINITE ? "NO, M_σ = " : "undetermined, M_σ ")
                + bound.describe());
        out.add("      (" + bound.method() + ")");
        out.add("  Lipschitz, K_σ ...... " + (lipschitz.status() == Supremum.Status.FINITE ? "yes, K_σ = " : lipschitz.status() == Supremum.Status.INFINITE ? "NO, K_σ = " : "undetermined, K_σ ")
                + lipschitz.describe());
        out.add("      (" + lipschitz.method() + ")");
        out.add("  parity .............. " + parity + " (symbolic)");
        out.add("  Hermite η_r (" + hermite.method() + "):");
        int show = Math.max(6, Math.min(R_MAX, rStar));
        for (int r = 0; r <= show; r++) out.add("    η_" + r + " = " + eta(r));
        for (String n : exactNotes) out.add("    " + n);
        out.add("  smallest r ≥ 2 with η_r ≠ 0: " + (rStar < 0 ? "none up to r = " + R_MAX : "r = " + rStar));
        if (!Double.isNaN(engineAgreement))
            out.add(String.format(Locale.ROOT, "  engine implementation vs Symja form: max relative difference %.1e on [−8, 8] (σ, σ′, σ″)", engineAgreement));
        return out;
    }

    /** Every hypothesis of the paper on σ holds (σ(0) = 0, C², bounded, Lipschitz, non-constant). */
    public boolean meetsPaperHypotheses() {
        return zeroAtOrigin && c2.isC2() && nonConstant && bound.finite() && lipschitz.finite();
    }
}
