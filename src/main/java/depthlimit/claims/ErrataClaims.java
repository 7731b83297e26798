package depthlimit.claims;

import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.flow.GradientFlow;
import depthlimit.flow.TrainSpec;
import depthlimit.init.GaussianProcess;
import depthlimit.limit.RateFit;
import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.model.GradientCheck;

import java.util.List;

import static depthlimit.claims.Experiment.fmt;

/** The backward equations (13)–(16) and the gradient-flow identity dℓ/dt = −G (items 13, 14). */
final class ErrataClaims {
    private ErrataClaims() {}

    /** Richardson-extrapolated differences agree with an exact gradient to ~10⁻⁹ (GradientCheck): 10⁻⁷ with margin. */
    static final double AGREES = 1e-7;
    /** A wrong formula errs at order one: 10⁻² with margin. */
    static final double DISAGREES = 1e-2;
    /** A forward difference quotient errs at first order in η, above its round-off floor. */
    static final Tolerance LOSS_DERIVATIVE_SLOPE = new Tolerance(1, 0.1);

    static List<Claim> claims() {
        return List.of(
                new Claim("erratum.eq13-transpose", 13, "Backpropagation needs ∂₁fᵀ: the printed recursion (13) is wrong",
                        "Appendix A, eqs. (13)–(16); Appendix B.5",
                        "model (3), any smooth σ, both conventions, random parameters",
                        "worst relative error of the gradient from each recursion against Richardson-extrapolated central differences",
                        "the corrected recursion p_k = p_{k+1} + (1/L)∂₁fᵀp_{k+1} agrees (relative error < " + Tolerance.number(AGREES)
                                + "), the printed one without the transpose does not (> " + Tolerance.number(DISAGREES) + "): ∂₁f is not symmetric",
                        ErrataClaims::transpose)
                        .documented("the engine's recursion is the printed eq. (13): its gradient errs at order one",
                                "random parameters at small sizes (L ≤ 8); the oracle is Richardson-extrapolated central differences of the same loss")
                        .paperEstimate(4),
                new Claim("gf.loss-derivative", 14, "Along the gradient flow, dℓ/dt = −G",
                        "eq. (4); proof of Proposition 8", "model (3), smooth σ, smooth init, unclipped flow",
                        "(ℓ(θ + ηf(θ)) − ℓ(θ))/η + G at states along a trajectory, f the flow (4), for η = 10⁻²…10⁻⁶; the flow's own "
                                + "trajectory θ(T) from the same init, by dp853 at two tolerances and by RK4",
                        "the discrepancy vanishes like O(η): fitted slope " + LOSS_DERIVATIVE_SLOPE.text() + " at every state" + FlowAccuracy.PREDICTED,
                        ErrataClaims::lossDerivative)
                        .documented("the engine backpropagates with the printed eq. (13): dℓ/dt + G tends to a non-zero constant as η → 0 (slope ≈ 0)",
                                "states of a gradient-descent trajectory, η from 10⁻² down to 10⁻⁶, above the round-off floor of the difference quotient")
                        .paperEstimate(1));
    }

    static Outcome transpose(Claim.Context ctx) {
        int L = ctx.scale().pick(3, 8), q = ctx.scale().pick(5, 8), m = ctx.scale().pick(4, 8), d = 3, dOut = 2, n = ctx.scale().pick(4, 10);
        Evidence.Table tab = new Evidence.Table("activation", "convention", "corrected: worst rel. error", "entry",
                "printed (13): worst rel. error", "entry");
        boolean ok = true;
        double worstCorrected = 0, leastPrinted = Double.POSITIVE_INFINITY;
        for (Activation act : List.of(Activations.TANH, Activations.GELU, Activations.SIN, Activations.GAUSS_X))
            for (Convention conv : Convention.values()) {
                Architecture a = new Architecture(d, q, m, dOut, L, act, conv, true, true);
                Dataset data = new GaussianData(n, ctx.seed(), 1.0).create(d, dOut, q);
                double[] theta = new double[a.size()];
                depthlimit.random.Rng.stream(ctx.seed(), "claim13.theta").fillGaussian(theta, 0, theta.length, 1.0);
                // a fault replaces the engine's recursion (the one claimed correct); the printed one stays the contrast
                GradientCheck.Report good = GradientCheck.check(new Backprop(a, data).recursion(ctx.fault().recursion()), theta);
                GradientCheck.Report bad = GradientCheck.check(new Backprop(a, data).recursion(Backprop.Recursion.PRINTED_EQ13), theta);
                ok &= good.worst().relError() < AGREES && bad.worst().relError() > DISAGREES;
                worstCorrected = Math.max(worstCorrected, good.worst().relError());
                leastPrinted = Math.min(leastPrinted, bad.worst().relError());
                tab.row(act.name(), conv.specName(), good.worst().relError(), good.worst().toString(), bad.worst().relError(), bad.worst().toString());
            }
        Evidence e = new Evidence().put("sizes", "L=" + L + " q=" + q + " m=" + m + " d=" + d + " d'=" + dOut + " n=" + n).table("gradient checks", tab);
        return Outcome.of(ok, "corrected recursion: worst relative error " + fmt(worstCorrected) + "; printed recursion: at least "
                + fmt(leastPrinted), "corrected " + fmt(worstCorrected) + ", printed ≥ " + fmt(leastPrinted), e);
    }

    static Outcome lossDerivative(Claim.Context ctx) {
        Experiment.Setup s = RegularityClaims.prop3Setup(ctx.scale(), ctx.seed()).withInit(new GaussianProcess(ctx.seed() + 1, 0.3, 1.0, 1.0));
        int L = ctx.scale().pick(16, 256);
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
