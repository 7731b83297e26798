package depthlimit.claims.errata;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Tolerance;
import depthlimit.claims.regularity.RegularityCommon;
import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.model.GradientCheck;

import java.util.List;

import static depthlimit.claims.Experiment.fmt;

/** Claim 13, {@code erratum.eq13-transpose}: Backpropagation needs ∂₁fᵀ: the printed recursion (13) is wrong (Appendix A, eqs. (13)–(16); Appendix B.5). */
public final class ErratumEq13Transpose {
    private ErratumEq13Transpose() {}

    /** The claim as data, with its check {@link #transpose}. */
    public static Claim claim() {
        return new Claim("erratum.eq13-transpose", 13, "Backpropagation needs ∂₁fᵀ: the printed recursion (13) is wrong",
                "Appendix A, eqs. (13)–(16); Appendix B.5",
                "model (3), any smooth σ, both conventions, random parameters",
                "worst relative error of the gradient from each recursion against Richardson-extrapolated central differences",
                "the corrected recursion p_k = p_{k+1} + (1/L)∂₁fᵀp_{k+1} agrees (relative error < " + Tolerance.number(AGREES)
                        + "), the printed one without the transpose does not (> " + Tolerance.number(DISAGREES) + "): ∂₁f is not symmetric",
                ErratumEq13Transpose::transpose)
                .documented("the engine's recursion is the printed eq. (13): its gradient errs at order one",
                        "random parameters at small sizes (L ≤ 8); the oracle is Richardson-extrapolated central differences of the same loss")
                .paperEstimate(9)
                .sizes(SIZES);
    }

    /** Richardson-extrapolated differences agree with an exact gradient to ~10⁻⁹ (GradientCheck): 10⁻⁷ with margin. */
    static final double AGREES = 1e-7;

    /** A wrong formula errs at order one: 10⁻² with margin. */
    static final double DISAGREES = 1e-2;

    /** Depth L, widths q, m, d, d' and n samples (small: the oracle is finite differences). */
    record Sizes(int L, int q, int m, int d, int dOut, int n) {}

    static final PerScale<Sizes> SIZES = new PerScale<>(new Sizes(3, 5, 4, 3, 2, 4), new Sizes(8, 8, 8, 3, 2, 10));

    static Outcome transpose(Claim.Context ctx) {
        Sizes z = SIZES.at(ctx.scale());
        int L = z.L(), q = z.q(), m = z.m(), d = z.d(), dOut = z.dOut(), n = z.n();
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
}
