package depthlimit.claims;

import depthlimit.data.GaussianData;
import depthlimit.flow.TrainSpec;
import depthlimit.init.WeightTied;
import depthlimit.limit.CauchyRatios;
import depthlimit.limit.RateFit;
import depthlimit.model.Activations;
import depthlimit.model.Convention;

import java.util.ArrayList;
import java.util.List;

import static depthlimit.claims.Experiment.fmt;

/** Proposition 3 and Figure 1 (left): successive differences of trained weights are O(1/L). */
final class RegularityClaims {
    private RegularityClaims() {}

    /**
     * sup_{t,k} ‖Z_k‖, sup ‖A‖, sup ‖B‖ converge in L (a bound uniform in L, Proposition 3): successive ratios of
     * the sups themselves, last one within 0.01 of 1.
     */
    static final Tolerance BOUNDED_RATIO = new Tolerance(1, 0.01);
    /** The authors' ℓ² aggregate sums L − 1 squared O(1/L) differences: (L·L^{-2})^{1/2} = L^{-1/2}, slope 0.5 ± 0.1. */
    static final Tolerance AGGREGATE_SLOPE = new Tolerance(0.5, 0.1);

    static List<Claim> claims() {
        return List.of(
                new Claim("prop3.depth-regularity", 5, "Trained weights stay O(1/L)-regular in depth",
                        "Proposition 3, eq. (7); Proposition 7",
                        "model (3), smooth σ, weight-tied init, gradient descent with small step (≈ gradient flow) on [0, T]",
                        "X(L,T) = max_{k, t ≤ T} (‖V_{k+1} − V_k‖_F + ‖W_{k+1} − W_k‖_F) over a depth sweep",
                        "X(L,T) ≈ K/L: fitted slope of X against 1/L is " + Tolerance.RATE_1_OVER_L.text() + " and " + Tolerance.converges("L·X(L,T)") + MetricRecount.PREDICTED,
                        RegularityClaims::depthRegularity)
                        .documented("fractional-Brownian init with H = 0.3 (Hölder-0.3, not Lipschitz, in depth): X(L,T) ~ L^{-0.3}, slope ≈ 0.27",
                                "eq. (7) bounds X by K/L with K = βTe^{αT}; the check tests the 1/L rate on a finite sweep (L ≤ 128 ci, 1024 paper) and one T, not the constant")
                        .paperEstimate(115),
                new Claim("prop3.weights-bounded", 6, "Weights stay bounded uniformly in depth",
                        "Proposition 3, eq. (7); Proposition 7, eq. (17)",
                        "weight-tied init; clipped gradient descent (eq. (5), coordinatewise clipping at C) on [0, T]",
                        "sup_{t ≤ T, k} ‖Z_k(t)‖, sup_t ‖A(t)‖_F, sup_t ‖B(t)‖_F over a depth sweep",
                        "they converge as L grows (last successive ratio " + BOUNDED_RATIO.text() + ") and stay below M = M_0 + T·M_π (M_0 ≤ 2√(qm) w.h.p.)",
                        RegularityClaims::weightsBounded)
                        .documented("i.i.d. N(0, 4) weights per layer: sup_k ‖Z_k‖ is a maximum over L independent layers and grows with L; M_0 ≤ 2√(qm) fails",
                                "M_π is the clipping bound (coordinatewise clipping at C), not a sup of π over the ball of Proposition 7; M_0 ≤ 2√(qm) (Lemma 20) is checked for one draw")
                        .paperEstimate(95),
                new Claim("prop3.K-growth", 7, "The regularity constant K(T) is finite and grows with T",
                        "Proposition 3, eq. (7): K = βTe^{αT}", "weight-tied init, gradient descent, T on a grid",
                        "K(T) = max_L L·X(L,T) for sampled T, with X(L,T) = max_{k, t ≤ T} ‖Z_{k+1} − Z_k‖",
                        "L·X(L,T) converges in L at every T (last ratio " + Tolerance.CAUCHY_RATIO.text() + "; K(T) finite) and K(T) is non-decreasing; growth factors reported "
                                + "(the paper: much slower than exponential). The constants α, β of Prop. 7 are not evaluated "
                                + "(they involve sup-norm bounds of ∂₁f, ∂₂f, ∂²f over the M-ball), so the bound itself is not checked.",
                        RegularityClaims::kGrowth)
                        .documented("fractional-Brownian init with H = 0.3: L·X(L,T) ~ L^{0.7} diverges at every T",
                                "α, β of Proposition 7 are not evaluated, so the bound K = βTe^{αT} itself is not checked; K(T) is a running maximum, non-decreasing by construction")
                        .paperEstimate(117),
                new Claim("fig1.metric-mismatch", 8, "Figure 1 (left) plots an ℓ² aggregate that decays like L^{-1/2}, not 1/L",
                        "Figure 1 (left) and the authors' code",
                        "the authors' setting: authors-code convention, GELU, A = B = I, V = 0, tied W, gradient descent with lr L×10⁻²",
                        "D(L) = max(D_V, D_W), D_V = (Σ_{t} Σ_k ‖V_{k+1}(t) − V_k(t)‖²_F)^{1/2} (the plotted code metric), and "
                                + "X(L) = max_{k,t} max(‖ΔV‖, ‖ΔW‖) (the label's quantity)",
                        "D decays with slope " + AGGREGATE_SLOPE.text() + " in 1/L while X decays with slope " + Tolerance.RATE_1_OVER_L.text()
                                + ", so D²/X² grows like L (slope " + Tolerance.RATE_1_OVER_L.negate().text() + " in 1/L)" + MetricRecount.PREDICTED,
                        RegularityClaims::figure1Metric)
                        .documented("i.i.d. N(0, 1) V_k, W_k: the label's max X(L) does not decay (slope ≈ 0) and the code's aggregate grows (slope ≈ −0.5)",
                                "reproduces the metric of the authors' code at small sizes (L ≤ 128 ci); the data behind Figure 1 are not available")
                        .paperEstimate(94));
    }

    static Outcome weightsBounded(Claim.Context ctx) {
        Experiment.Setup s = ctx.fault().apply(prop3Setup(ctx.scale(), ctx.seed()), ctx.seed() + 1);
        double c = ctx.scale().pick(0.02, 0.005);
        TrainSpec base = prop3Training(ctx.scale());
        TrainSpec t = TrainSpec.gd(base.h(), base.steps(), c, TrainSpec.everyStep(base.steps(), 1));
        Sweep sw = sweep(s, ctx.scale(), t);
        Evidence e = new Evidence().put("setup", s.describe()).put("training", t.describe());
        Outcome fail = Experiment.failed(sw.runs(), e);
        if (fail != null) return fail;
        int k = sw.depths().length, q = s.hidden(), m = s.width(), d = s.input(), dOut = s.output();
        // M_π = sup ‖π(·)‖ over the blocks: coordinatewise clipping at C bounds ‖π(Z)‖ = ‖π(V)‖_F + ‖π(W)‖_F ≤ 2C√(qm)
        double mPi = Math.max(2 * c * Math.sqrt(q * m), c * Math.sqrt(q * Math.max(d, dOut)));
        double[] supZ = new double[k], supA = new double[k], supB = new double[k], ones = new double[k];
        Evidence.Table tab = new Evidence.Table("L", "sup ‖Z_k‖", "sup ‖A‖_F", "sup ‖B‖_F", "M_0", "bound M_0 + T·M_π", "2√(qm)");
        boolean below = true;
        double lastBound = Double.NaN;
        for (int i = 0; i < k; i++) {
            Experiment.Run r = sw.runs().get(i);
            for (var row : r.rows()) {
                supZ[i] = Math.max(supZ[i], row.maxNormZ());
                supA[i] = Math.max(supA[i], row.normA());
                supB[i] = Math.max(supB[i], row.normB());
            }
            ones[i] = 1;
            var r0 = r.rows().get(0);
            double m0 = Math.max(Math.max(r0.normA(), r0.normB()), r0.maxNormZ());
            double bound = m0 + t.T() * mPi;
            lastBound = bound;
            below &= supZ[i] <= bound && supA[i] <= bound && supB[i] <= bound && m0 <= 2 * Math.sqrt(q * m);
            tab.row(sw.depths()[i], supZ[i], supA[i], supB[i], m0, bound, 2 * Math.sqrt(q * m));
        }
        CauchyRatios cz = BOUNDED_RATIO.cauchy(ones, supZ), ca = BOUNDED_RATIO.cauchy(ones, supA), cb = BOUNDED_RATIO.cauchy(ones, supB);
        e.put("clip C", c).put("M_pi", mPi).table("sweep", tab).cauchy("sup_Z_over_L", cz).cauchy("sup_A_over_L", ca).cauchy("sup_B_over_L", cb);
        boolean ok = below && cz.converged() && ca.converged() && cb.converged();
        return Outcome.of(ok, "sup_t,k ‖Z_k‖ → " + fmt(supZ[k - 1]) + " (successive ratios " + cz.ratios().stream().map(Experiment::fmt).toList()
                + "), all below M_0 + T·M_π", "sup‖Z‖ → " + fmt(supZ[k - 1]) + " ≤ " + fmt(lastBound), e);
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
        return Outcome.of(ok, "L·X(L,T) converges in L at every sampled T; K(T) grows from " + fmt((Double) tab.rows.get(0).get(1))
                + " to " + fmt(prev), "K(T_max) = " + fmt(prev), e);
    }

    static Outcome figure1Metric(Claim.Context ctx) {
        boolean ci = ctx.scale() == Scale.CI;
        int d = ci ? 4 : 16, m = ci ? 8 : 32, n = ci ? 20 : 100, steps = ci ? 50 : 500;
        Experiment.Setup s = ctx.fault().apply(new Experiment.Setup(Convention.AUTHORS_CODE, Activations.GELU, m, d, d, d, false,
                new GaussianData(n, ctx.seed(), 1.0), new WeightTied(ctx.seed() + 1)), ctx.seed() + 1);
        int[] depths = ci ? new int[]{8, 16, 32, 64, 128} : new int[]{16, 32, 64, 128, 256, 512, 1024};
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
        e.plot(Figures.rate("figure1-left", "Figure 1 (left): the plotted aggregate against the regularity of Proposition 3",
                "The code's ℓ² aggregate D(L) falls like L^(-1/2); the quantity of the figure's label, X(L) = max_{k,t} ‖ΔZ‖, like 1/L.",
                "successive difference", List.of(new Figures.Named("D(L), code's aggregate", depths, dAgg, fd, 0),
                        new Figures.Named("X(L), max over k and t", depths, x, fx, 0))));
        return Outcome.of(ok, "the code's metric decays with slope " + fmt(fd.slope()) + ", the label's max with slope " + fmt(fx.slope())
                + "; D²/X² grows with slope " + fmt(-fr.slope()) + " in L", "D slope " + fmt(fd.slope()) + " vs X slope " + fmt(fx.slope()), e);
    }

    /** The depth sweep shared by the Proposition-3 claims. */
    record Sweep(int[] depths, List<Experiment.Run> runs) {}

    static Experiment.Setup prop3Setup(Scale sc, long seed) {
        return sc == Scale.CI
                ? new Experiment.Setup(Convention.PAPER, Activations.TANH, 8, 6, 3, 3, true,
                        new GaussianData(20, seed, 1.0), new WeightTied(seed + 1))
                : new Experiment.Setup(Convention.PAPER, Activations.GELU, 32, 16, 16, 16, false,
                        new GaussianData(100, seed, 1.0), new WeightTied(seed + 1));
    }

    static Sweep sweep(Experiment.Setup s, Scale sc, TrainSpec t) {
        int[] depths = sc == Scale.CI ? new int[]{8, 16, 32, 64, 128} : new int[]{16, 32, 64, 128, 256, 512, 1024};
        List<Experiment.Run> runs = new ArrayList<>();
        for (int L : depths) runs.add(Experiment.train(s, L, t, false));
        return new Sweep(depths, runs);
    }

    static TrainSpec prop3Training(Scale sc) {
        return sc == Scale.CI ? TrainSpec.gd(0.1, 100, Double.NaN, TrainSpec.everyStep(100, 10))
                : TrainSpec.gd(0.01, 500, Double.NaN, TrainSpec.everyStep(500, 50));
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
        e.plot(Figures.rate("regularity-rate", "Proposition 3: X(L,T) against L", "Predicted: slope −1 (X ≈ K/L).",
                "X(L,T)", depth, "X(L,T)", x, fit));
        return Outcome.of(ok, "X(L,T) decays with slope " + fmt(fit.slope()) + " in 1/L; L·X ratios " + cauchy.ratios()
                        .stream().map(Experiment::fmt).toList(),
                "slope " + fmt(fit.slope()) + ", L·X → " + fmt(cauchy.scaled().get(k - 1)), e);
    }
}
