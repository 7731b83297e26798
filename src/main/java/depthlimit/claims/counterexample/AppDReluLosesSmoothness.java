package depthlimit.claims.counterexample;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Outcome;
import depthlimit.claims.Tolerance;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;
import depthlimit.model.Activations;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.counterexample.CounterexampleCommon.*;

/** Claim 23, {@code appD.relu-loses-smoothness}: With ReLU the trained weights lose their O(1/L) regularity (Appendix D, eq. (56)). */
public final class AppDReluLosesSmoothness {
    private AppDReluLosesSmoothness() {}

    /** The claim as data, with its check {@link #relu}. */
    public static Claim claim() {
        return new Claim("appD.relu-loses-smoothness", 23, "With ReLU the trained weights lose their O(1/L) regularity",
                "Appendix D, eq. (56)", "depth 2L, d = 1, ReLU, w_k(0) = (−1)^k/(2L), one sample (x, Cx), C = 2 > 1, gradient flow to convergence",
                "odd weights, even weights against w* = 2L(C^{1/L} − 1), and max_k |w_{k+1} − w_k| over a depth sweep",
                "odd weights stay exactly −1/(2L); even weights → w* ≥ 2 log C; the max difference → w* + 1/(2L) = Ω(1): "
                        + "its slope in 1/L is " + RELU_SLOPE.text() + ", so L·max difference grows linearly in L; even weights and the max "
                        + "difference agree with their closed forms to " + Tolerance.number(RELU_CLOSED_FORM) + " (relative)",
                AppDReluLosesSmoothness::relu)
                .documented("σ = tanh in place of ReLU: the differences decay like 1/L (slope ≈ 0.95)",
                        "the scalar network of Appendix D (d = 1, one sample), gradient flow to T = 15, half-depths up to 64 (ci) or 1024")
                .paperEstimate(1)
                .sizes(SIZES);
    }

    /** ReLU: the max difference tends to a constant, so its slope in 1/L is 0 (strictly within 0.1). */
    static final Tolerance RELU_SLOPE = new Tolerance(0, 0.1);

    /** The relative agreement of the trained weights with the closed form w* (dp853 at rtol 10⁻¹², e^{−60} at T). */
    static final double RELU_CLOSED_FORM = 1e-8;

    static Outcome relu(Claim.Context ctx) {
        int[] ls = halfDepths(ctx.scale());
        int k = ls.length;
        double T = 15; // the loss contracts at rate ≈ C² = 4 in this time scale: e^{-60} of the initial gap
        double[] h = new double[k], diff = new double[k], zero = new double[k];
        Evidence.Table tab = new Evidence.Table("L", "w*", "2 log C", "max |w_even − w*|/w*", "odd weights exact", "max |Δw|",
                "w* + 1/(2L)", "L·max |Δw|");
        boolean ok = true;
        for (int i = 0; i < k; i++) {
            int L = ls[i];
            AppendixDNetwork net = new AppendixDNetwork(2 * L, X, C, ctx.fault().activation(Activations.RELU));
            double[] w = net.train(T, 1e-12);
            double wStar = 2 * L * (Math.pow(C, 1.0 / L) - 1);
            double evenErr = 0;
            boolean oddExact = true;
            for (int j = 1; j <= 2 * L; j++) {
                if (j % 2 == 0) evenErr = Math.max(evenErr, Math.abs(w[j - 1] - wStar) / wStar);
                else oddExact &= w[j - 1] == -1.0 / (2 * L);
            }
            diff[i] = AppendixDNetwork.maxDifference(w);
            h[i] = 1.0 / L;
            // 1e-8: the flow converges like e^{-4t} (≈ e^{-60} at T) and dp853 runs at rtol 1e-12
            ok &= oddExact && evenErr < RELU_CLOSED_FORM && wStar >= 2 * Math.log(C) && Math.abs(diff[i] - (wStar + 1.0 / (2 * L))) < RELU_CLOSED_FORM * wStar;
            tab.row(L, wStar, 2 * Math.log(C), evenErr, oddExact, diff[i], wStar + 1.0 / (2 * L), L * diff[i]);
        }
        RateFit fit = RateFit.fit(h, diff, zero);
        Evidence e = new Evidence().put("x", X).put("C", C).put("T", T).table("sweep", tab).fit("fit_max_diff", fit);
        ok &= RELU_SLOPE.containsStrictly(fit.slope());
        double[] dl = new double[k], scaled = new double[k];
        for (int i = 0; i < k; i++) { dl[i] = ls[i]; scaled[i] = dl[i] * diff[i]; }
        ConvergenceStudy study = ConvergenceStudy.of("L·max |Δw|", dl, scaled, null);
        e.plot(study.figure("appendixD-relu", "Appendix D, ReLU: L·max_k |w_{k+1} − w_k| against L",
                "L·max|Δw| grows like L (slope 1): the trained weights keep an Ω(1) jump, no O(1/L) regularity. Dashed: L·(w* + 1/(2L)).",
                "L·max |Δw|")
                .with(new depthlimit.plot.Series("L·(w* + 1/(2L)), predicted", dl,
                        java.util.Arrays.stream(dl).map(L -> 2 * L * L * (Math.pow(C, 1.0 / L) - 1) + 0.5).toArray(), depthlimit.plot.Series.Style.DASHED)),
                study);
        return Outcome.of(ok, "max successive difference → w* + 1/(2L) ≈ " + fmt(diff[k - 1]) + " (slope " + fmt(fit.slope())
                + " in 1/L): no O(1/L) regularity with ReLU", "max|Δw| → " + fmt(diff[k - 1]) + ", slope " + fmt(fit.slope()), e);
    }
}
