package depthlimit.claims.init;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.Figures;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;
import depthlimit.claims.Tolerance;
import depthlimit.claims.regularity.RegularityCommon;
import depthlimit.flow.TrainSpec;
import depthlimit.init.Iid;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static depthlimit.claims.Experiment.fmt;

/** Claim 25, {@code iid.no-regularity}: i.i.d. initialization has no O(1/L) regularity (negative control) (Section 4.3 / Appendix E (contrast)). */
public final class IidNoRegularity {
    private IidNoRegularity() {}

    /** The claim as data, with its check {@link #iidNoRegularity}. */
    public static Claim claim() {
        return new Claim("iid.no-regularity", 25, "i.i.d. initialization has no O(1/L) regularity (negative control)",
                "Section 4.3 / Appendix E (contrast)", "W_k i.i.d. N(0,1) per layer, V_k = 0",
                "X(L) = max_k ‖W_{k+1} − W_k‖_F at init and after training, over a depth sweep",
                "X(L) ≈ √(2qm) (ratio in (" + Tolerance.number(IID_RATIO_LOW) + ", " + Tolerance.number(IID_RATIO_HIGH) + ") at "
                        + "init) does not shrink with L: fitted slope in 1/L is " + IID_SLOPE.text() + " (strictly) at init and "
                        + "after training, so L·X(L) grows like L",
                IidNoRegularity::iidNoRegularity)
                .documented("a smooth GP init (length scale 0.25) instead of i.i.d.: the differences decay like 1/L (slope ≈ 0.98)",
                        "a negative control: it shows that the metric sees roughness; not a statement of the paper")
                .paperEstimate(14)
                .sizes(new PerScale<>(new Sizes(RegularityCommon.PROP3_SIZES.ci().setting(), SIZES.ci()), new Sizes(RegularityCommon.PROP3_SIZES.paper().setting(), SIZES.paper())));
    }

    /** i.i.d. init: X(L) does not decay, its slope in 1/L is 0 (strictly within 0.15, as for a rate of 1). */
    static final Tolerance IID_SLOPE = new Tolerance(0, 0.15);

    /**
     * i.i.d. init: X(L)/√(2qm) at init, a maximum over L − 1 differences of Gaussian matrices whose Frobenius norm
     * concentrates at √(2qm) (Lemma 20): between these bounds.
     */
    static final double IID_RATIO_LOW = 0.7, IID_RATIO_HIGH = 1.6;

    /** This claim's depth sweep and GD training (step η, steps), on the Proposition-3 widths with an i.i.d. init. */
    record Own(int[] depths, double eta, int steps) {}

    static final PerScale<Own> SIZES = new PerScale<>(
            new Own(new int[]{8, 16, 32, 64, 128}, 0.05, 20),
            new Own(new int[]{16, 64, 256, 1024}, 0.01, 100));

    /** What the documentation lists: the Proposition-3 setting and this claim's own sizes. */
    record Sizes(RegularityCommon.Prop3Setting setting, Own own) {}

    static Outcome iidNoRegularity(Claim.Context ctx) {
        Experiment.Setup s = ctx.fault().apply(RegularityCommon.prop3Setup(ctx.scale(), ctx.seed())
                .withInit(new Iid(ctx.seed() + 1, 0.0, 1.0)), ctx.seed() + 1);
        Own z = SIZES.at(ctx.scale());
        int[] depths = z.depths().clone();
        int k = depths.length;
        double[] h = new double[k], x0 = new double[k], xT = new double[k], zero = new double[k], dd = new double[k];
        double ref = Math.sqrt(2.0 * s.hidden() * s.width());
        Evidence.Table tab = new Evidence.Table("L", "X(L) at init", "X(L)/√(2qm)", "L·X(L)", "X(L,T) after training");
        TrainSpec t = TrainSpec.gd(z.eta(), z.steps(), Double.NaN);
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
        ConvergenceStudy init = ConvergenceStudy.of("X(L) at init", depths, x0, fit0, 0);
        ConvergenceStudy trained = ConvergenceStudy.of("X(L,T) after training", depths, xT, fitT, 0);
        e.plot(ConvergenceStudy.figure("rate", "i.i.d. init: X(L) against L (negative control)", "No decay: slope ≈ 0, X ≈ √(2qm) (dashed), "
                + "in contrast with the slope −1 of the smooth inits.", "max_k ‖W_{k+1} − W_k‖_F", List.of(init, trained))
                .with(Figures.level("√(2qm)", ref, dd)), init, trained);
        return Outcome.of(ok, "max successive difference ≈ " + fmt(x0[k - 1] / ref) + "·√(2qm) at L = " + depths[k - 1]
                + ", slope in 1/L " + fmt(fit0.slope()) + " (init) and " + fmt(fitT.slope()) + " (trained): no decay",
                "slope " + fmt(fit0.slope()) + ", X/√(2qm) = " + fmt(x0[k - 1] / ref), e);
    }
}
