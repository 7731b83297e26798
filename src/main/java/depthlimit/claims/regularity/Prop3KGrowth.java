package depthlimit.claims.regularity;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.Figures;
import depthlimit.claims.Outcome;
import depthlimit.claims.Tolerance;
import depthlimit.limit.CauchyRatios;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.regularity.RegularityCommon.*;

/** Claim 7, {@code prop3.K-growth}: The regularity constant K(T) is finite and grows with T (Proposition 3, eq. (7): K = βTe^{αT}). */
public final class Prop3KGrowth {
    private Prop3KGrowth() {}

    /** The claim as data, with its check {@link #kGrowth}. */
    public static Claim claim() {
        return new Claim("prop3.K-growth", 7, "The regularity constant K(T) is finite and grows with T",
                "Proposition 3, eq. (7): K = βTe^{αT}", "weight-tied init, gradient descent, T on a grid",
                "K(T) = max_L L·X(L,T) for sampled T, with X(L,T) = max_{k, t ≤ T} ‖Z_{k+1} − Z_k‖",
                "L·X(L,T) converges in L at every T (last ratio " + Tolerance.CAUCHY_RATIO.text() + "; K(T) finite) and K(T) is non-decreasing; growth factors reported "
                        + "(the paper: much slower than exponential). The constants α, β of Prop. 7 are not evaluated "
                        + "(they involve sup-norm bounds of ∂₁f, ∂₂f, ∂²f over the M-ball), so the bound itself is not checked.",
                Prop3KGrowth::kGrowth)
                .documented("fractional-Brownian init with H = 0.3: L·X(L,T) ~ L^{0.7} diverges at every T",
                        "α, β of Proposition 7 are not evaluated, so the bound K = βTe^{αT} itself is not checked; K(T) is a running maximum, non-decreasing by construction")
                .paperEstimate(115)
                .sizes(PROP3_SIZES);
    }

    static Outcome kGrowth(Claim.Context ctx) {
        Experiment.Setup s = ctx.fault().apply(prop3Setup(ctx.scale(), ctx.seed()), ctx.seed() + 1);
        Sweep sw = sweep(s, ctx.scale(), prop3Training(ctx.scale()));
        Evidence e = new Evidence().put("setup", s.describe()).put("training", prop3Training(ctx.scale()).describe());
        Outcome fail = Experiment.failed(sw.runs(), e);
        if (fail != null) return fail;
        int k = sw.depths().length, nt = sw.runs().get(0).rows().size();
        double[] depth = new double[k];
        for (int i = 0; i < k; i++) depth[i] = sw.depths()[i];
        Evidence.Table tab = new Evidence.Table("T", "K(T) = max_L L·X(L,T)", "L·X at largest L", "last Cauchy ratio", "K(T)/K(T_prev)");
        boolean ok = true;
        double prev = Double.NaN;
        for (int j = 1; j < nt; j++) {
            double[] x = new double[k];
            for (int i = 0; i < k; i++) x[i] = sw.runs().get(i).rows().get(j).runMaxDZ();
            CauchyRatios c = Tolerance.CAUCHY_RATIO.cauchy(depth, x);
            double kT = c.scaled().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            ok &= c.converged() && Double.isFinite(kT) && (Double.isNaN(prev) || kT >= prev);
            tab.row(sw.runs().get(0).rows().get(j).t(), kT, c.scaled().get(k - 1), c.ratios().get(c.ratios().size() - 1),
                    Double.isNaN(prev) ? null : kT / prev);
            prev = kT;
        }
        e.plot(depthlimit.plot.Figure.of("K-growth", "Proposition 3: the regularity constant K(T) against T",
                "K(T) = max_L L·X(L,T) and L·X(L,T) at the largest L; eq. (7) allows growth up to βTe^{αT}.",
                depthlimit.plot.Axis.linear("training time T"), depthlimit.plot.Axis.linear("K(T)"),
                depthlimit.plot.Series.points("K(T) = max_L L·X(L,T)", Figures.column(tab, 0), Figures.column(tab, 1)),
                depthlimit.plot.Series.points("L·X(L,T), largest L", Figures.column(tab, 0), Figures.column(tab, 2))));
        e.table("K(T)", tab).put("note", "K(T) is non-decreasing by construction (a running max); the check that matters "
                + "is that L·X(L,T) converges in L at every T, i.e. K(T) is finite");
        return Outcome.of(ok, "L·X(L,T) converges in L at every sampled T; K(T) grows from " + fmt((Double) tab.rows().get(0).get(1))
                + " to " + fmt(prev), "K(T_max) = " + fmt(prev), e);
    }
}
