package depthlimit.claims.regularity;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.MetricRecount;
import depthlimit.claims.Outcome;
import depthlimit.claims.Tolerance;
import depthlimit.limit.CauchyRatios;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.regularity.RegularityCommon.*;

/** Claim 5, {@code prop3.depth-regularity}: Trained weights stay O(1/L)-regular in depth (Proposition 3, eq. (7); Proposition 7). */
public final class Prop3DepthRegularity {
    private Prop3DepthRegularity() {}

    /** The claim as data, with its check {@link #depthRegularity}. */
    public static Claim claim() {
        return new Claim("prop3.depth-regularity", 5, "Trained weights stay O(1/L)-regular in depth",
                "Proposition 3, eq. (7); Proposition 7",
                "model (3), smooth σ, weight-tied init, gradient descent with small step (≈ gradient flow) on [0, T]",
                "X(L,T) = max_{k, t ≤ T} (‖V_{k+1} − V_k‖_F + ‖W_{k+1} − W_k‖_F) over a depth sweep",
                "X(L,T) ≈ K/L: fitted slope of X against 1/L is " + Tolerance.RATE_1_OVER_L.text() + " and " + Tolerance.converges("L·X(L,T)") + MetricRecount.PREDICTED,
                Prop3DepthRegularity::depthRegularity)
                .documented("fractional-Brownian init with H = 0.3 (Hölder-0.3, not Lipschitz, in depth): X(L,T) ~ L^{-0.3}, slope ≈ 0.27",
                        "eq. (7) bounds X by K/L with K = βTe^{αT}; the check tests the 1/L rate on a finite sweep (L ≤ 128 ci, 1024 paper) and one T, not the constant")
                .paperEstimate(119)
                .sizes(PROP3_SIZES);
    }

    static Outcome depthRegularity(Claim.Context ctx) {
        Experiment.Setup s = ctx.fault().apply(prop3Setup(ctx.scale(), ctx.seed()), ctx.seed() + 1);
        Sweep sw = sweep(s, ctx.scale(), prop3Training(ctx.scale()));
        Evidence e = new Evidence().put("setup", s.describe()).put("training", prop3Training(ctx.scale()).describe()).put("depths", sw.depths());
        Outcome fail = Experiment.failed(sw.runs(), e);
        if (fail != null) return fail;
        int k = sw.depths().length;
        double[] h = new double[k], x = new double[k], scale = new double[k], depth = new double[k];
        Evidence.Table tab = new Evidence.Table("L", "X(L,T)", "L·X(L,T)", "max_norm_Z", "loss(T)");
        for (int i = 0; i < k; i++) {
            Experiment.Run r = sw.runs().get(i);
            depth[i] = sw.depths()[i];
            h[i] = 1.0 / depth[i];
            x[i] = r.last().runMaxDZ();
            scale[i] = r.last().maxNormZ();
            tab.row(sw.depths()[i], x[i], depth[i] * x[i], r.last().maxNormZ(), r.last().loss());
        }
        RateFit fit = RateFit.fit(h, x, scale);
        CauchyRatios cauchy = Tolerance.CAUCHY_RATIO.cauchy(depth, x);
        e.table("sweep", tab).fit("fit_X_vs_1_over_L", fit).cauchy("L_times_X", cauchy);
        MetricRecount.Result recount = MetricRecount.check(sw.runs());
        recount.into(e);
        boolean ok = Tolerance.RATE_1_OVER_L.fits(fit) && cauchy.converged() && recount.agrees();
        e.plot("regularity-rate", "Proposition 3: X(L,T) against L", "Predicted: slope −1 (X ≈ K/L).", "X(L,T)",
                ConvergenceStudy.of("X(L,T)", depth, x, fit));
        return Outcome.of(ok, "X(L,T) decays with slope " + fmt(fit.slope()) + " in 1/L; L·X ratios " + cauchy.ratios()
                        .stream().map(Experiment::fmt).toList(),
                "slope " + fmt(fit.slope()) + ", L·X → " + fmt(cauchy.scaled().get(k - 1)), e);
    }
}
