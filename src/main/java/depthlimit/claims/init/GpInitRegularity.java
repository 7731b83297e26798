package depthlimit.claims.init;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;
import depthlimit.claims.Tolerance;
import depthlimit.claims.regularity.RegularityCommon;
import depthlimit.flow.TrainSpec;
import depthlimit.init.GaussianProcess;
import depthlimit.limit.CauchyRatios;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;

import java.util.ArrayList;
import java.util.List;

import static depthlimit.claims.Experiment.fmt;

/** Claim 26, {@code gp-init.regularity}: Smooth GP initialization discretizes a Lipschitz function (Section 4.3; Appendix A (smooth init)). */
public final class GpInitRegularity {
    private GpInitRegularity() {}

    /** The claim as data, with its check {@link #gpRegularity}. */
    public static Claim claim() {
        return new Claim("gp-init.regularity", 26, "Smooth GP initialization discretizes a Lipschitz function",
                "Section 4.3; Appendix A (smooth init)",
                "entries of 𝒱_0, 𝒲_0 i.i.d. GPs with SE kernel, sampled at k/L",
                "L·max_k ‖Z_{k+1}(0) − Z_k(0)‖ over a depth sweep, and L·X(L,T) after training from it",
                "both converge as L doubles (the first to the path's Lipschitz constant; last ratio " + Tolerance.CAUCHY_RATIO.text()
                        + "), slope " + Tolerance.RATE_1_OVER_L.text() + " in 1/L on the " + FIT_POINTS + " finest "
                        + "depths; the ladder is refined (L doubling, up to " + SIZES.ci().maxDepth() + " at ci, "
                        + SIZES.paper().maxDepth() + " at paper scale) until they do",
                GpInitRegularity::gpRegularity)
                .documented("i.i.d. N(0, 1) weights (depth budget 256): the Cauchy ratios of L·X stay ≈ 2",
                        "one length scale (" + LENGTH_SCALE + "); the ladder is refined up to L = " + SIZES.ci().maxDepth()
                                + " (ci) or " + SIZES.paper().maxDepth() + " (paper)")
                .paperEstimate(111)
                .sizes(new PerScale<>(new Sizes(RegularityCommon.PROP3_SIZES.ci().setting(), RegularityCommon.PROP3_SIZES.ci().training(), SIZES.ci()),
                        new Sizes(RegularityCommon.PROP3_SIZES.paper().setting(), RegularityCommon.PROP3_SIZES.paper().training(), SIZES.paper())));
    }

    /**
     * The starting ladder of depths and the depth budget: the ladder is refined (doubling) until L·X converges, at
     * most to {@code maxDepth}.
     */
    record Own(int[] ladder, int maxDepth) {}

    static final PerScale<Own> SIZES = new PerScale<>(new Own(new int[]{16, 32, 64, 128, 256}, 4096),
            new Own(new int[]{64, 128, 256, 512, 1024}, 2048));

    /** What the documentation lists: the Proposition-3 setting and this claim's ladder. */
    record Sizes(RegularityCommon.Prop3Setting setting, RegularityCommon.Prop3Training training, Own own) {}

    /** The rate is fitted on this many finest depths of the ladder. */
    static final int FIT_POINTS = 5;

    /** Length scale of the squared-exponential kernel of the GP init. */
    static final double LENGTH_SCALE = 0.25;

    /** Depth budget of the adaptive ladder: refined (doubling) until L·X converges, at most to this depth. */
    static int gpMaxDepth(Scale sc) { return SIZES.at(sc).maxDepth(); }

    static Outcome gpRegularity(Claim.Context ctx) {
        double ls = LENGTH_SCALE;
        Experiment.Setup s = ctx.fault().apply(RegularityCommon.prop3Setup(ctx.scale(), ctx.seed())
                .withInit(new GaussianProcess(ctx.seed() + 1, ls, 1.0, 1.0)), ctx.seed() + 1);
        TrainSpec training = RegularityCommon.prop3Training(ctx.scale());
        int budget = ctx.fault().size("depth_budget", gpMaxDepth(ctx.scale()));
        List<Integer> ladder = new ArrayList<>(java.util.Arrays.stream(SIZES.at(ctx.scale()).ladder()).boxed().toList());
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
            // the rate is fitted on the FIT_POINTS finest depths of the ladder
            int k = ladder.size(), from = Math.max(0, k - FIT_POINTS);
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
        e.plot("rate", "Smooth GP init: X(L) against L", "Predicted: slope −1 at init and after training "
                        + "(fitted on the " + FIT_POINTS + " finest depths).", "max_k ‖Z_{k+1} − Z_k‖",
                ConvergenceStudy.of("X(L) at init", ladderDepths, Experiment.doubles(x0l), f0, ladderDepths[Math.max(0, k - FIT_POINTS)]),
                ConvergenceStudy.of("X(L,T) after training", ladderDepths, Experiment.doubles(xTl), fT, ladderDepths[Math.max(0, k - FIT_POINTS)]));
        String figures = "L·max‖ΔZ‖ → " + fmt(c0.scaled().get(k - 1)) + " at init and " + fmt(cT.scaled().get(k - 1))
                + " after training (L up to " + ladder.get(k - 1) + "); slopes " + fmt(f0.slope()) + ", " + fmt(fT.slope());
        if (!ok && c0.approachingGeometrically() && cT.approachingGeometrically())
            return Outcome.inconclusive("pre-asymptotic at the depth budget L = " + budget + ": the Cauchy ratios "
                    + cT.ratios().stream().map(Experiment::fmt).toList() + " still shrink towards 1; " + figures, "L·X(T) ratios "
                    + cT.ratios().stream().map(Experiment::fmt).toList(), e);
        return Outcome.of(ok, figures, "L·X(0) → " + fmt(c0.scaled().get(k - 1)) + ", slope " + fmt(fT.slope()), e);
    }
}
