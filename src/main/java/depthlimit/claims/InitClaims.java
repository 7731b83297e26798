package depthlimit.claims;

import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.flow.TrainSpec;
import depthlimit.init.GaussianProcess;
import depthlimit.init.Iid;
import depthlimit.init.WeightTied;
import depthlimit.limit.CauchyRatios;
import depthlimit.limit.RateFit;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static depthlimit.claims.Experiment.fmt;

/** Facts about the initializations (Section 3, Appendix B.6) and the i.i.d. / smooth contrasts (items 3, 4, 25, 26). */
final class InitClaims {
    private InitClaims() {}

    /** i.i.d. init: X(L) does not decay, its slope in 1/L is 0 (strictly within 0.15, as for a rate of 1). */
    static final Tolerance IID_SLOPE = new Tolerance(0, 0.15);
    /**
     * i.i.d. init: X(L)/√(2qm) at init, a maximum over L − 1 differences of Gaussian matrices whose Frobenius norm
     * concentrates at √(2qm) (Lemma 20): between these bounds.
     */
    static final double IID_RATIO_LOW = 0.7, IID_RATIO_HIGH = 1.6;

    static List<Claim> claims() {
        return List.of(
                new Claim("init.weight-tied-identities", 3, "Exact identities at the weight-tied initialization",
                        "Section 3; Appendix B.6", "weight-tied init, q ≥ d + d′",
                        "h_k − Ax, F(x), ℓ(0) − (1/n)Σ‖y‖², ∂ℓ/∂W_k, ∂ℓ/∂V_k − ∂ℓ/∂V_1, ∂ℓ/∂A and ∂ℓ/∂B against their closed forms, G(0) across depths",
                        "all zero exactly (or to the round-off of one sum); G(0) identical for every L up to the round-off of its sum",
                        InitClaims::identities)
                        .documented("i.i.d. N(0, 1) V_k, W_k instead of the weight-tied init: h_k ≠ Ax and ∂ℓ/∂V_k depends on k",
                                "the identities hold at the initialization itself (Section 3), checked at four depths; the round-off bounds are a priori summation bounds")
                        .paperEstimate(1),
                new Claim("init.gd-first-steps", 4, "Weight-tied differences appear at the second GD step",
                        "Section 3", "weight-tied init, gradient descent",
                        "max_k ‖Z_{k+1} − Z_k‖ after 0, 1, 2 steps",
                        "exactly 0 after 0 and 1 steps, positive from step 2 on", InitClaims::firstSteps)
                        .documented("i.i.d. N(0, 1) V_k, W_k: the differences are positive from step 0",
                                "gradient descent at step 0.01 on three depths; says nothing about the size of the differences")
                        .paperEstimate(0),
                new Claim("iid.no-regularity", 25, "i.i.d. initialization has no O(1/L) regularity (negative control)",
                        "Section 4.3 / Appendix E (contrast)", "W_k i.i.d. N(0,1) per layer, V_k = 0",
                        "X(L) = max_k ‖W_{k+1} − W_k‖_F at init and after training, over a depth sweep",
                        "X(L) ≈ √(2qm) (ratio in (" + Tolerance.number(IID_RATIO_LOW) + ", " + Tolerance.number(IID_RATIO_HIGH) + ") at "
                                + "init) does not shrink with L: fitted slope in 1/L is " + IID_SLOPE.text() + " (strictly) at init and "
                                + "after training, so L·X(L) grows like L",
                        InitClaims::iidNoRegularity)
                        .documented("a smooth GP init (length scale 0.25) instead of i.i.d.: the differences decay like 1/L (slope ≈ 0.98)",
                                "a negative control: it shows that the metric sees roughness; not a statement of the paper")
                        .paperEstimate(11),
                new Claim("gp-init.regularity", 26, "Smooth GP initialization discretizes a Lipschitz function",
                        "Section 4.3; Appendix A (smooth init)",
                        "entries of 𝒱_0, 𝒲_0 i.i.d. GPs with SE kernel, sampled at k/L",
                        "L·max_k ‖Z_{k+1}(0) − Z_k(0)‖ over a depth sweep, and L·X(L,T) after training from it",
                        "both converge as L doubles (the first to the path's Lipschitz constant; last ratio " + Tolerance.CAUCHY_RATIO.text()
                                + "), slope " + Tolerance.RATE_1_OVER_L.text() + " in 1/L on the five finest "
                                + "depths; the ladder is refined (L doubling, up to 4096 at ci, 2048 at paper scale) until they do",
                        InitClaims::gpRegularity)
                        .documented("i.i.d. N(0, 1) weights (depth budget 256): the Cauchy ratios of L·X stay ≈ 2",
                                "one length scale (0.25); the ladder is refined up to L = 4096 (ci) or 2048 (paper)")
                        .paperEstimate(68));
    }

    // ------------------------------------------------------------------ item 3

    static Outcome identities(Claim.Context ctx) {
        int d = ctx.scale().pick(3, 16), dOut = ctx.scale().pick(2, 16), q = ctx.scale().pick(6, 32);
        int m = ctx.scale().pick(5, 32), n = ctx.scale().pick(7, 100);
        int[] depths = ctx.scale() == Scale.CI ? new int[]{1, 2, 16, 256} : new int[]{1, 16, 256, 1024};
        Evidence.Table tab = new Evidence.Table("activation", "convention", "L", "max|h_k − Ax|", "max|F(x)|",
                "|ℓ(0) − λΣ‖y‖²|/ℓ", "max|∂_Wℓ|", "max|∂_{V_k}ℓ − ∂_{V_1}ℓ|", "max|∂_Aℓ − closed form|", "max|∂_Bℓ − closed form|",
                "G(0)", "|G(0) − G_ref|/G_ref", "round-off bound");
        boolean ok = true;
        for (var act : List.of(Activations.TANH, Activations.GELU))
            for (Convention conv : Convention.values()) {
                Dataset data = new GaussianData(n, ctx.seed(), 1.0).create(d, dOut, q);
                // λ written out from eq. (2) / Appendix E, not read from Convention: the identity must catch a wrong loss weight
                double lambda = conv == Convention.PAPER ? 1.0 / n : 1.0 / ((double) n * dOut), gRef = Double.NaN;
                for (int L : depths) {
                    Architecture a = new Architecture(d, q, m, dOut, L, act, conv, true, true);
                    double[] theta = ctx.fault().init(ctx.seed() + 1, new WeightTied(ctx.seed() + 1)).create(a).theta;
                    Backprop bp = new Backprop(a, data);
                    double[] g = new double[a.size()];
                    double loss = bp.lossAndGradient(theta, g);
                    double hDev = 0, fDev = 0;
                    double[] h = new double[q], out = new double[dOut];
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k <= L; k++) {
                            bp.hidden(k, i, h);
                            for (int r = 0; r < q; r++) hDev = Math.max(hDev, Math.abs(h[r] - (r < d ? data.x()[i * d + r] : 0)));
                        }
                        bp.output(i, out);
                        for (double v : out) fDev = Math.max(fDev, Math.abs(v));
                    }
                    double sumY = 0;
                    for (double y : data.y()) sumY += y * y;
                    double lossDev = Math.abs(loss - lambda * sumY) / loss;
                    double dW = 0, dV = 0, dA = 0, dB = 0;
                    for (int j = a.offW(); j < a.offB(); j++) dW = Math.max(dW, Math.abs(g[j]));
                    for (int k = 2; k <= L; k++)
                        for (int j = 0; j < a.layerV(); j++)
                            dV = Math.max(dV, Math.abs(g[a.offV() + (k - 1) * a.layerV() + j] - g[a.offV() + j]));
                    for (int r = 0; r < q; r++)
                        for (int c = 0; c < d; c++) {
                            double e = 0;
                            if (r >= q - dOut) for (int i = 0; i < n; i++) e -= 2 * lambda * data.y()[i * dOut + r - (q - dOut)] * data.x()[i * d + c];
                            dA = Math.max(dA, Math.abs(g[a.offA() + r * d + c] - e));
                        }
                    for (int b = 0; b < dOut; b++)
                        for (int c = 0; c < q; c++) {
                            double e = 0;
                            if (c < d) for (int i = 0; i < n; i++) e -= 2 * lambda * data.y()[i * dOut + b] * data.x()[i * d + c];
                            dB = Math.max(dB, Math.abs(g[a.offB() + b * q + c] - e));
                        }
                    double G = Backprop.flowMetric(a, g);
                    if (Double.isNaN(gRef)) gRef = G;
                    double gDev = Math.abs(G - gRef) / gRef;
                    // recursive summation of N non-negative terms: relative error ≤ N·ε (plus the rounding of c_res)
                    double bound = (a.size() + 8) * Math.ulp(1.0);
                    double sumScale = 4 * n * d * Math.ulp(1.0) * Math.sqrt(sumY);
                    boolean rowOk = hDev == 0 && fDev == 0 && lossDev <= 4 * Math.ulp(1.0) && dW == 0 && dV == 0
                            && dA <= sumScale && dB <= sumScale && gDev <= bound;
                    ok &= rowOk;
                    tab.row(act.name(), conv.specName(), L, hDev, fDev, lossDev, dW, dV, dA, dB, G, gDev, bound);
                }
            }
        Evidence e = new Evidence().put("sizes", "n=" + n + " d=" + d + " d'=" + dOut + " q=" + q + " m=" + m).table("identities", tab);
        return Outcome.of(ok, ok ? "every identity holds exactly (or within its round-off bound) at every depth"
                : "an identity failed: see the table", ok ? "all exact" : "violated", e);
    }

    // ------------------------------------------------------------------ item 4

    static Outcome firstSteps(Claim.Context ctx) {
        Experiment.Setup s = ctx.fault().apply(RegularityClaims.prop3Setup(ctx.scale(), ctx.seed()), ctx.seed() + 1);
        int[] depths = ctx.scale() == Scale.CI ? new int[]{2, 16, 128} : new int[]{2, 64, 1024};
        Evidence.Table tab = new Evidence.Table("L", "step 0", "step 1", "step 2", "step 3");
        boolean ok = true;
        List<Experiment.Run> runs = new ArrayList<>();
        for (int L : depths) {
            Experiment.Run r = Experiment.train(s, L, TrainSpec.gd(0.01, 3, Double.NaN, 0, 1, 2, 3), false);
            runs.add(r);
            double[] x = r.rows().stream().mapToDouble(depthlimit.flow.MetricsRecorder.Row::maxDZ).toArray();
            tab.row(L, x[0], x[1], x[2], x[3]);
            ok &= x[0] == 0 && x[1] == 0 && x[2] > 0 && x[3] > 0;
        }
        Evidence e = new Evidence().put("setup", s.describe()).table("max_k ‖Z_{k+1} − Z_k‖ after each step", tab);
        Outcome f = Experiment.failed(runs, e);
        if (f != null) return f;
        return Outcome.of(ok, "differences are exactly 0 after 0 and 1 steps and positive after 2 and 3, at every depth",
                ok ? "0, 0, >0" : "violated", e);
    }

    // ------------------------------------------------------------------ item 25

    static Outcome iidNoRegularity(Claim.Context ctx) {
        Experiment.Setup s = ctx.fault().apply(RegularityClaims.prop3Setup(ctx.scale(), ctx.seed())
                .withInit(new Iid(ctx.seed() + 1, 0.0, 1.0)), ctx.seed() + 1);
        int[] depths = ctx.scale() == Scale.CI ? new int[]{8, 16, 32, 64, 128} : new int[]{16, 64, 256, 1024};
        int k = depths.length;
        double[] h = new double[k], x0 = new double[k], xT = new double[k], zero = new double[k], dd = new double[k];
        double ref = Math.sqrt(2.0 * s.hidden() * s.width());
        Evidence.Table tab = new Evidence.Table("L", "X(L) at init", "X(L)/√(2qm)", "L·X(L)", "X(L,T) after training");
        TrainSpec t = ctx.scale() == Scale.CI ? TrainSpec.gd(0.05, 20, Double.NaN) : TrainSpec.gd(0.01, 100, Double.NaN);
        List<Experiment.Run> runs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Experiment.Run r = Experiment.train(s, depths[i], t, false);
            runs.add(r);
            dd[i] = depths[i];
            h[i] = 1.0 / depths[i];
            x0[i] = r.rows().get(0).maxDW();
            xT[i] = r.last().runMaxDW();
            tab.row(depths[i], x0[i], x0[i] / ref, depths[i] * x0[i], xT[i]);
        }
        Evidence e = new Evidence().put("setup", s.describe()).put("sqrt(2qm)", ref).table("sweep", tab);
        Outcome f = Experiment.failed(runs, e);
        if (f != null) return f;
        RateFit fit0 = RateFit.fit(h, x0, zero), fitT = RateFit.fit(h, xT, zero);
        e.fit("fit_init", fit0).fit("fit_trained", fitT);
        boolean ratioOk = Arrays.stream(x0).allMatch(v -> v / ref > IID_RATIO_LOW && v / ref < IID_RATIO_HIGH);
        boolean ok = IID_SLOPE.containsStrictly(fit0.slope()) && IID_SLOPE.containsStrictly(fitT.slope()) && ratioOk;
        e.plot(Figures.rate("rate", "i.i.d. init: X(L) against L (negative control)", "No decay: slope ≈ 0, X ≈ √(2qm) (dashed), "
                + "in contrast with the slope −1 of the smooth inits.", "max_k ‖W_{k+1} − W_k‖_F", List.of(
                new Figures.Named("X(L) at init", depths, x0, fit0, 0), new Figures.Named("X(L,T) after training", depths, xT, fitT, 0)))
                .with(Figures.level("√(2qm)", ref, dd)));
        return Outcome.of(ok, "max successive difference ≈ " + fmt(x0[k - 1] / ref) + "·√(2qm) at L = " + depths[k - 1]
                + ", slope in 1/L " + fmt(fit0.slope()) + " (init) and " + fmt(fitT.slope()) + " (trained): no decay",
                "slope " + fmt(fit0.slope()) + ", X/√(2qm) = " + fmt(x0[k - 1] / ref), e);
    }

    // ------------------------------------------------------------------ item 26

    /** Depth budget of the adaptive ladder: refined (doubling) until L·X converges, at most to this depth. */
    static int gpMaxDepth(Scale sc) { return sc.pick(4096, 2048); }

    static Outcome gpRegularity(Claim.Context ctx) {
        double ls = 0.25;
        Experiment.Setup s = ctx.fault().apply(RegularityClaims.prop3Setup(ctx.scale(), ctx.seed())
                .withInit(new GaussianProcess(ctx.seed() + 1, ls, 1.0, 1.0)), ctx.seed() + 1);
        TrainSpec training = RegularityClaims.prop3Training(ctx.scale());
        int budget = ctx.fault().size("depth_budget", gpMaxDepth(ctx.scale()));
        List<Integer> ladder = new ArrayList<>(ctx.scale() == Scale.CI ? List.of(16, 32, 64, 128, 256) : List.of(64, 128, 256, 512, 1024));
        Evidence.Table tab = new Evidence.Table("L", "X(L) at init", "L·X(L) at init", "X(L,T)", "L·X(L,T)", "loss(T)");
        List<Experiment.Run> runs = new ArrayList<>();
        List<Double> x0l = new ArrayList<>(), xTl = new ArrayList<>(), scl = new ArrayList<>();
        Evidence e = new Evidence().put("setup", s.describe()).put("training", training.describe());
        // The ladder is refined until L·X converges: the trained weights can develop steep (but Lipschitz) features in
        // depth, which L·X only resolves once L ≫ their width — before that the sequence is pre-asymptotic, not divergent.
        CauchyRatios c0, cT;
        RateFit f0, fT;
        boolean decided;
        while (true) {
            for (int i = runs.size(); i < ladder.size(); i++) {
                int L = ladder.get(i);
                Experiment.Run r = Experiment.train(s, L, training, false);
                runs.add(r);
                if (!r.result().completed()) {
                    Outcome f = Experiment.failed(runs, e.table("sweep", tab));
                    if (f != null) return f;
                }
                x0l.add(r.rows().get(0).maxDZ());
                xTl.add(r.last().runMaxDZ());
                scl.add(r.last().maxNormZ());
                tab.row(L, x0l.get(i), L * x0l.get(i), xTl.get(i), L * xTl.get(i), r.last().loss());
            }
            double[] dd = ladder.stream().mapToDouble(Integer::doubleValue).toArray();
            c0 = Tolerance.CAUCHY_RATIO.cauchy(dd, Experiment.doubles(x0l));
            cT = Tolerance.CAUCHY_RATIO.cauchy(dd, Experiment.doubles(xTl));
            // the rate is fitted on the five finest depths of the ladder
            int k = ladder.size(), from = Math.max(0, k - 5);
            double[] h = new double[k - from], x0 = new double[k - from], xT = new double[k - from], sc = new double[k - from];
            for (int i = from; i < k; i++) {
                h[i - from] = 1.0 / ladder.get(i);
                x0[i - from] = x0l.get(i);
                xT[i - from] = xTl.get(i);
                sc[i - from] = scl.get(i);
            }
            f0 = RateFit.fit(h, x0, sc);
            fT = RateFit.fit(h, xT, sc);
            decided = Tolerance.RATE_1_OVER_L.fits(f0) && Tolerance.RATE_1_OVER_L.fits(fT) && c0.converged() && cT.converged();
            int last = ladder.get(k - 1);
            if (decided || 2 * last > budget) break;
            ladder.add(2 * last);
        }
        int k = ladder.size();
        e.table("sweep", tab).put("depth_budget", budget);
        e.fit("fit_init", f0).fit("fit_trained", fT).cauchy("cauchy_init", c0).cauchy("cauchy_trained", cT);
        boolean ok = decided;
        int[] ladderDepths = ladder.stream().mapToInt(Integer::intValue).toArray();
        e.plot(Figures.rate("rate", "Smooth GP init: X(L) against L", "Predicted: slope −1 at init and after training "
                        + "(fitted on the five finest depths).", "max_k ‖Z_{k+1} − Z_k‖",
                List.of(new Figures.Named("X(L) at init", ladderDepths, Experiment.doubles(x0l), f0, ladderDepths[Math.max(0, k - 5)]),
                        new Figures.Named("X(L,T) after training", ladderDepths, Experiment.doubles(xTl), fT, ladderDepths[Math.max(0, k - 5)]))));
        String figures = "L·max‖ΔZ‖ → " + fmt(c0.scaled().get(k - 1)) + " at init and " + fmt(cT.scaled().get(k - 1))
                + " after training (L up to " + ladder.get(k - 1) + "); slopes " + fmt(f0.slope()) + ", " + fmt(fT.slope());
        if (!ok && c0.approachingGeometrically() && cT.approachingGeometrically())
            return Outcome.inconclusive("pre-asymptotic at the depth budget L = " + budget + ": the Cauchy ratios "
                    + cT.ratios().stream().map(Experiment::fmt).toList() + " still shrink towards 1; " + figures, "L·X(T) ratios "
                    + cT.ratios().stream().map(Experiment::fmt).toList(), e);
        return Outcome.of(ok, figures, "L·X(0) → " + fmt(c0.scaled().get(k - 1)) + ", slope " + fmt(fT.slope()), e);
    }

}
