package depthlimit.claims.regularity;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.MetricRecount;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;
import depthlimit.claims.Tolerance;
import depthlimit.data.GaussianData;
import depthlimit.flow.TrainSpec;
import depthlimit.init.WeightTied;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;
import depthlimit.model.Activations;
import depthlimit.model.Convention;

import java.util.ArrayList;
import java.util.List;

import static depthlimit.claims.Experiment.fmt;

/** Claim 8, {@code fig1.metric-mismatch}: Figure 1 (left) plots an ℓ² aggregate that decays like L^{-1/2}, not 1/L (Figure 1 (left) and the authors' code). */
public final class Fig1MetricMismatch {
    private Fig1MetricMismatch() {}

    /** The claim as data, with its check {@link #figure1Metric}. */
    public static Claim claim() {
        return new Claim("fig1.metric-mismatch", 8, "Figure 1 (left) plots an ℓ² aggregate that decays like L^{-1/2}, not 1/L",
                "Figure 1 (left) and the authors' code",
                "the authors' setting: authors-code convention, GELU, A = B = I, V = 0, tied W, gradient descent with lr L×10⁻²",
                "D(L) = max(D_V, D_W), D_V = (Σ_{t} Σ_k ‖V_{k+1}(t) − V_k(t)‖²_F)^{1/2} (the plotted code metric), and "
                        + "X(L) = max_{k,t} max(‖ΔV‖, ‖ΔW‖) (the label's quantity)",
                "D decays with slope " + AGGREGATE_SLOPE.text() + " in 1/L while X decays with slope " + Tolerance.RATE_1_OVER_L.text()
                        + ", so D²/X² grows like L (slope " + Tolerance.RATE_1_OVER_L.negate().text() + " in 1/L)" + MetricRecount.PREDICTED,
                Fig1MetricMismatch::figure1Metric)
                .documented("i.i.d. N(0, 1) V_k, W_k: the label's max X(L) does not decay (slope ≈ 0) and the code's aggregate grows (slope ≈ −0.5)",
                        "reproduces the metric of the authors' code at small sizes (L ≤ 128 ci); the data behind Figure 1 are not available")
                .paperEstimate(117)
                .sizes(SIZES);
    }

    /** The authors' ℓ² aggregate sums L − 1 squared O(1/L) differences: (L·L^{-2})^{1/2} = L^{-1/2}, slope 0.5 ± 0.1. */
    static final Tolerance AGGREGATE_SLOPE = new Tolerance(0.5, 0.1);

    /** Widths d = q = d', m, n samples, GD steps at η = 0.01, and the depth sweep (Figure 1's sizes at paper scale). */
    record Sizes(int d, int m, int n, int steps, int[] depths) {}

    static final PerScale<Sizes> SIZES = new PerScale<>(
            new Sizes(4, 8, 20, 50, new int[]{8, 16, 32, 64, 128}),
            new Sizes(16, 32, 100, 500, new int[]{16, 32, 64, 128, 256, 512, 1024}));

    static Outcome figure1Metric(Claim.Context ctx) {
        Sizes z = SIZES.at(ctx.scale());
        int d = z.d(), m = z.m(), n = z.n(), steps = z.steps();
        Experiment.Setup s = ctx.fault().apply(new Experiment.Setup(Convention.AUTHORS_CODE, Activations.GELU, m, d, d, d, false,
                new GaussianData(n, ctx.seed(), 1.0), new WeightTied(ctx.seed() + 1)), ctx.seed() + 1);
        int[] depths = z.depths().clone();
        TrainSpec t = TrainSpec.gd(0.01, steps, Double.NaN);
        int k = depths.length;
        double[] h = new double[k], dAgg = new double[k], x = new double[k], ratio = new double[k], zero = new double[k];
        Evidence.Table tab = new Evidence.Table("L", "D(L) (code's aggregate)", "X(L) (label's max)", "D²/X²", "√L·D", "L·X");
        List<Experiment.Run> runs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Experiment.Run r = Experiment.train(s, depths[i], t, false);
            runs.add(r);
            var last = r.last();
            h[i] = 1.0 / depths[i];
            dAgg[i] = Math.max(last.aggDV(), last.aggDW());
            x[i] = Math.max(last.runMaxDV(), last.runMaxDW());
            ratio[i] = dAgg[i] * dAgg[i] / (x[i] * x[i]);
            tab.row(depths[i], dAgg[i], x[i], ratio[i], Math.sqrt(depths[i]) * dAgg[i], depths[i] * x[i]);
        }
        Evidence e = new Evidence().put("setup", s.describe()).put("training", t.describe()).table("sweep", tab);
        Outcome fail = Experiment.failed(runs, e);
        if (fail != null) return fail;
        RateFit fd = RateFit.fit(h, dAgg, zero), fx = RateFit.fit(h, x, zero), fr = RateFit.fit(h, ratio, zero);
        e.fit("fit_D", fd).fit("fit_X", fx).fit("fit_D2_over_X2", fr);
        MetricRecount.Result recount = MetricRecount.check(runs);
        recount.into(e);
        boolean ok = AGGREGATE_SLOPE.fits(fd) && Tolerance.RATE_1_OVER_L.fits(fx) && Tolerance.RATE_1_OVER_L.negate().fits(fr) && recount.agrees();
        e.plot("figure1-left", "Figure 1 (left): the plotted aggregate against the regularity of Proposition 3",
                "The code's ℓ² aggregate D(L) falls like L^(-1/2); the quantity of the figure's label, X(L) = max_{k,t} ‖ΔZ‖, like 1/L.",
                "successive difference", ConvergenceStudy.of("D(L), code's aggregate", depths, dAgg, fd, 0),
                ConvergenceStudy.of("X(L), max over k and t", depths, x, fx, 0));
        return Outcome.of(ok, "the code's metric decays with slope " + fmt(fd.slope()) + ", the label's max with slope " + fmt(fx.slope())
                + "; D²/X² grows with slope " + fmt(-fr.slope()) + " in L", "D slope " + fmt(fd.slope()) + " vs X slope " + fmt(fx.slope()), e);
    }
}
