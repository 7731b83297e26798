package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.model.Activation;
import depthlimit.symbolic.ActivationReport;
import depthlimit.symbolic.PaperConstants;
import depthlimit.symbolic.SymbolicActivations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code depthlimit constants}: the hypotheses on σ and the constants of Proposition 5 / Theorem 6 . */
@Command(name = "constants", mixinStandardHelpOptions = true,
        description = {"Check the paper's hypotheses on σ, compute its Hermite coefficients, and evaluate the constants of",
                "Proposition 5 / Theorem 6 (c1..c4, M, μ, δ, C) as Symja formulas; print the regime the theorem needs",
                "(q ≥ d + d′, m ≥ c1 n, L ≥ c2 √(nq)) and whether the configuration is inside it."})
public final class ConstantsCommand implements Callable<Integer> {
    @Option(names = "--activation", required = true, paramLabel = "A", description = "A built-in name or a Symja expression in x, e.g. \"x*Exp[-x^2/2]\".")
    String activation;

    @Option(names = "--n", required = true, description = "Number of samples.")
    int n;

    @Option(names = "--q", required = true, description = "Hidden dimension q.")
    int q;

    @Option(names = "--d", required = true, description = "Input dimension d.")
    int d;

    @Option(names = "--dout", description = "Output dimension d′ (default: d).")
    Integer dOut;

    @Option(names = "--m", required = true, description = "Residual width m.")
    int m;

    @Option(names = "--L", description = "Depth L (optional; the threshold c2 √(nq) is printed either way).")
    Integer depth;

    @Option(names = "--r", description = "Hermite index r ≥ 2 to use (default: the smallest r ≥ 2 with η_r ≠ 0).")
    Integer r;

    @Option(names = "--vx2", defaultValue = "1", description = "Sub-Gaussian variance proxy v_x² of the columns of √(d/q)x (default ${DEFAULT-VALUE}, data uniform on the sphere).")
    double vx2;

    @Option(names = "--no-exact", description = "Skip Symja's exact Hermite integrals (they take up to 15 s and often find no closed form).")
    boolean noExact;

    public Integer call() {
        positive("--n", n);
        positive("--q", q);
        positive("--d", d);
        positive("--m", m);
        int out = dOut == null ? d : dOut;
        positive("--dout", out);
        if (depth != null) positive("--L", depth);
        if (r != null && (r < 2 || r > ActivationReport.R_MAX))
            throw new InputError("--r", "expected an integer in [2, " + ActivationReport.R_MAX + "], got " + r);
        if (!(vx2 > 0) || Double.isInfinite(vx2)) throw new InputError("--vx2", "expected a positive number, got " + vx2);
        Activation act = SymbolicActivations.resolve(activation, "--activation");
        if (!noExact) {
            System.out.println("(trying Symja's exact Hermite integrals: up to 15 s; --no-exact skips them)");
            System.out.flush();
        }
        ActivationReport rep = ActivationReport.of(act, noExact ? ActivationReport.Options.NO_EXACT : ActivationReport.Options.DEFAULT);
        for (String line : rep.lines()) System.out.println(line);
        System.out.println("  paper's hypotheses on σ (C², Lipschitz, bounded, σ(0) = 0, non-constant): "
                + (rep.meetsPaperHypotheses() ? "all hold" : "NOT all hold — Proposition 5 / Theorem 6 do not apply as stated"));
        if (!rep.exactAgrees()) System.out.println("  WARNING: an exact Hermite value disagrees with the quadrature (see above)");
        int rr = r != null ? r : rep.rStar();
        if (rr < 0) {
            System.out.println("no r ≥ 2 with η_r ≠ 0 up to r = " + ActivationReport.R_MAX + ": the constants are undefined (σ polynomial of degree ≤ 1 on the Gaussian scale?)");
            return Main.EXIT_FAILED;
        }
        if (!rep.lipschitz().finite()) {
            System.out.println("K_σ is not finite: the constants are undefined");
            return Main.EXIT_FAILED;
        }
        PaperConstants pc = PaperConstants.of(rep, rr, n, q, d, out, m, depth, vx2);
        double eta = pc.inputs().eta();
        System.out.printf(Locale.ROOT, "%nconstants of Proposition 5 / Theorem 6 with K_σ = %.10g, M_σ = %s, r = %d, |η_r| = %.10g, v_x² = %s%n",
                pc.inputs().kSigma(), Double.isInfinite(pc.inputs().mSigma()) ? "∞" : String.format(Locale.ROOT, "%.10g", pc.inputs().mSigma()),
                rr, eta, vx2);
        if (eta == 0) System.out.println("  WARNING: η_r = 0, so every constant below is degenerate");
        for (PaperConstants.Constant c : pc.constants()) {
            System.out.printf(Locale.ROOT, "  %-10s = %-13s %s%n", c.name(), fmt(c.value()), c.formula());
            System.out.printf(Locale.ROOT, "  %-10s   %s%n", "", c.source());
        }
        double delta = pc.value("delta");
        if (!(delta < 1)) System.out.println("  δ ≥ 1: the probability bound of Proposition 5 is vacuous for this configuration"
                + (Double.isInfinite(pc.inputs().mSigma()) ? " (M_σ = ∞)" : ""));
        System.out.printf(Locale.ROOT, "%nPL constant μ, stated vs proved (the statement drops a √q the proof gives): stated c4/(n√n q) = %s, proved c4/(n√(nq)) = %s (ratio √q = %.4g)%n",
                fmt(pc.value("mu_stated")), fmt(pc.value("mu_proof")), Math.sqrt(q));
        System.out.printf(Locale.ROOT, "PL radius: M = c3/√(nq) = %s (the proof's radius min(η/(32K√(2nq)), 1/2) = %s)%n",
                fmt(pc.value("M")), fmt(pc.value("M_proof")));
        System.out.println();
        System.out.println("regime of Proposition 5 / Theorem 6:");
        System.out.printf(Locale.ROOT, "  q ≥ d + d′        %d ≥ %d + %d: %s%n", q, d, out, pc.qOk() ? "yes" : "NO");
        System.out.printf(Locale.ROOT, "  m ≥ c1 n          %d ≥ %s: %s (smallest m: %s)%n", m, fmt(pc.value("c1") * n),
                pc.mOk() ? "yes" : "NO", pc.mMin() == Long.MAX_VALUE ? "∞" : String.valueOf(pc.mMin()));
        if (depth == null)
            System.out.printf(Locale.ROOT, "  L ≥ c2 √(nq)      (no --L given) smallest L: %s%n", pc.lMin() == Long.MAX_VALUE ? "∞" : String.valueOf(pc.lMin()));
        else
            System.out.printf(Locale.ROOT, "  L ≥ c2 √(nq)      %d ≥ %s: %s (smallest L: %s)%n", depth, fmt(pc.value("c2") * Math.sqrt((double) n * q)),
                    Boolean.TRUE.equals(pc.lOk()) ? "yes" : "NO", pc.lMin() == Long.MAX_VALUE ? "∞" : String.valueOf(pc.lMin()));
        System.out.println("  configuration " + (pc.inRegime() ? "is inside the regime" : "is NOT inside the regime")
                + (rep.meetsPaperHypotheses() ? "" : "; and σ does not meet the paper's hypotheses"));
        return Main.EXIT_OK;
    }

    private static void positive(String field, int v) {
        if (v < 1) throw new InputError(field, "expected a positive integer, got " + v);
    }

    private static String fmt(double v) {
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (Double.isNaN(v)) return "undefined";
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
