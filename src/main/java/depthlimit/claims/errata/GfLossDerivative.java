package depthlimit.claims.errata;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.FlowAccuracy;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Tolerance;
import depthlimit.claims.regularity.RegularityCommon;
import depthlimit.flow.GradientFlow;
import depthlimit.flow.TrainSpec;
import depthlimit.init.GaussianProcess;
import depthlimit.limit.RateFit;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;

import java.util.List;

import static depthlimit.claims.Experiment.fmt;

/** Claim 14, {@code gf.loss-derivative}: Along the gradient flow, dℓ/dt = −G (eq. (4); proof of Proposition 8). */
public final class GfLossDerivative {
    private GfLossDerivative() {}

    /** The claim as data, with its check {@link #lossDerivative}. */
    public static Claim claim() {
        return new Claim("gf.loss-derivative", 14, "Along the gradient flow, dℓ/dt = −G",
                "eq. (4); proof of Proposition 8", "model (3), smooth σ, smooth init, unclipped flow",
                "(ℓ(θ + ηf(θ)) − ℓ(θ))/η + G at states along a trajectory, f the flow (4), for η = 10⁻²…10⁻⁶; the flow's own "
                        + "trajectory θ(T) from the same init, by dp853 at two tolerances and by RK4",
                "the discrepancy vanishes like O(η): fitted slope " + LOSS_DERIVATIVE_SLOPE.text() + " at every state" + FlowAccuracy.PREDICTED,
                GfLossDerivative::lossDerivative)
                .documented("the engine backpropagates with the printed eq. (13): dℓ/dt + G tends to a non-zero constant as η → 0 (slope ≈ 0)",
                        "states of a gradient-descent trajectory, η from 10⁻² down to 10⁻⁶, above the round-off floor of the difference quotient")
                .paperEstimate(24)
                .sizes(SIZES);
    }

    /** A forward difference quotient errs at first order in η, above its round-off floor. */
    static final Tolerance LOSS_DERIVATIVE_SLOPE = new Tolerance(1, 0.1);

    /** The depth of the trained network (on the Proposition-3 widths with a GP init). */
    record Own(int L) {}

    /** What the documentation lists: the Proposition-3 setting and this claim's depth. */
    record Sizes(RegularityCommon.Prop3Setting setting, Own own) {}

    static final PerScale<Sizes> SIZES = new PerScale<>(new Sizes(RegularityCommon.PROP3_SIZES.ci().setting(), new Own(16)),
            new Sizes(RegularityCommon.PROP3_SIZES.paper().setting(), new Own(256)));

    static Outcome lossDerivative(Claim.Context ctx) {
        Experiment.Setup s = RegularityCommon.prop3Setup(ctx.scale(), ctx.seed()).withInit(new GaussianProcess(ctx.seed() + 1, 0.3, 1.0, 1.0));
        int L = SIZES.at(ctx.scale()).own().L();
        TrainSpec t = TrainSpec.gd(0.05, 20, Double.NaN, 10);
        Experiment.Run run = Experiment.train(s, L, t, true, ctx.fault().recursion());
        Evidence e = new Evidence().put("setup", s.describe()).put("depth", L);
        Outcome fail = Experiment.failed(List.of(run), e);
        if (fail != null) return fail;
        Architecture a = run.arch();
        Backprop bp = new Backprop(a, run.data()).recursion(ctx.fault().recursion());
        GradientFlow flow = new GradientFlow(bp, Double.NaN);
        double[] etas = {1e-2, 1e-3, 1e-4, 1e-5, 1e-6};
        Evidence.Table tab = new Evidence.Table("t", "G", "η", "(ℓ(θ+ηf) − ℓ(θ))/η", "|… + G|/G");
        boolean ok = true;
        double worstSlope = Double.NaN;
        for (int j = 0; j < run.snapshots().size(); j++) {
            double[] theta = run.snapshots().get(j), f = new double[a.size()], moved = new double[a.size()];
            double loss = flow.rhs(0, theta, f);
            double g = Backprop.flowMetric(a, flow.lastGradient());
            double[] err = new double[etas.length], sc = new double[etas.length];
            for (int i = 0; i < etas.length; i++) {
                for (int p = 0; p < theta.length; p++) moved[p] = theta[p] + etas[i] * f[p];
                double dl = (bp.loss(moved) - loss) / etas[i];
                err[i] = Math.abs(dl + g);
                // round-off floor of the difference quotient: the two losses each carry a rounding error of about
                // √(n·d′·L)·ε·ℓ (a random walk over the residuals and layers), divided by η; a point within 3× of it is
                // contaminated and dropped, not fitted (it bends the slope below 1 when G/ℓ is small)
                sc[i] = 3 * Math.sqrt((double) run.data().n() * a.dOut() * a.L()) * loss / etas[i] / RateFit.DEFAULT_FLOOR_FACTOR;
                tab.row(run.rows().get(j).t(), g, etas[i], dl, err[i] / g);
            }
            RateFit fit = RateFit.fit(etas, err, sc);
            e.fit("fit_t=" + run.rows().get(j).t(), fit);
            ok &= LOSS_DERIVATIVE_SLOPE.fits(fit);
            if (Double.isNaN(worstSlope) || Math.abs(fit.slope() - 1) > Math.abs(worstSlope - 1)) worstSlope = fit.slope();
        }
        e.table("difference quotients", tab);
        FlowAccuracy.Result acc = FlowAccuracy.check(a, run.data(), run.theta0(), t.T(), r -> FlowAccuracy.dp853(t.T(), r));
        acc.into(e);
        if (!acc.referenceOk()) return Outcome.inconclusive(acc.reason(), "slope " + fmt(worstSlope), e);
        ok &= acc.ok();
        return Outcome.of(ok, "dℓ/dt + G = O(η) at every state (worst fitted slope " + fmt(worstSlope) + "); dp853 at rtol "
                + Tolerance.number(FlowAccuracy.TIGHT) + ": error " + fmt(acc.errTight()) + " ≤ allowance " + fmt(acc.allowTight()),
                "slope " + fmt(worstSlope), e);
    }
}
