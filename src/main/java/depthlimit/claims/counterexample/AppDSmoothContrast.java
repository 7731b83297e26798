package depthlimit.claims.counterexample;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Outcome;
import depthlimit.claims.Tolerance;
import depthlimit.limit.CauchyRatios;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;
import depthlimit.model.Activations;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.counterexample.CounterexampleCommon.*;

/** Claim 24, {@code appD.smooth-contrast}: With a smooth σ the same problem keeps O(1/L) regularity (Appendix D (contrast); Proposition 7). */
public final class AppDSmoothContrast {
    private AppDSmoothContrast() {}

    /** The claim as data, with its check {@link #smooth}. */
    public static Claim claim() {
        return new Claim("appD.smooth-contrast", 24, "With a smooth σ the same problem keeps O(1/L) regularity",
                "Appendix D (contrast); Proposition 7", "the Appendix-D network and init with σ = tanh, gradient flow on [0, T]",
                "max_k |w_{k+1}(T) − w_k(T)| over a depth sweep",
                "O(1/L): slope " + Tolerance.RATE_1_OVER_L.text() + " in 1/L and " + Tolerance.converges("L·max difference"),
                AppDSmoothContrast::smooth)
                .documented("σ = ReLU in place of tanh: the max difference stays Ω(1) (slope ≈ 0.05)",
                        "the same scalar network, T = 2")
                .paperEstimate(1)
                .sizes(SIZES);
    }

    static Outcome smooth(Claim.Context ctx) {
        int[] ls = halfDepths(ctx.scale());
        int k = ls.length;
        double T = 2;
        double[] h = new double[k], diff = new double[k], depth = new double[k], scale = new double[k];
        Evidence.Table tab = new Evidence.Table("L", "loss(0)", "loss(T)", "max |Δw(T)|", "L·max |Δw(T)|");
        for (int i = 0; i < k; i++) {
            int L = ls[i];
            AppendixDNetwork net = new AppendixDNetwork(2 * L, X, C, ctx.fault().activation(Activations.TANH));
            double[] w0 = net.initialWeights();
            double[] w = net.train(T, 1e-12);
            diff[i] = AppendixDNetwork.maxDifference(w);
            h[i] = 1.0 / L;
            depth[i] = L;
            scale[i] = java.util.Arrays.stream(w).map(Math::abs).max().orElse(1);
            tab.row(L, net.loss(w0), net.loss(w), diff[i], L * diff[i]);
        }
        RateFit fit = RateFit.fit(h, diff, scale);
        CauchyRatios c = Tolerance.CAUCHY_RATIO.cauchy(depth, diff);
        Evidence e = new Evidence().put("x", X).put("C", C).put("T", T).table("sweep", tab).fit("fit_max_diff", fit).cauchy("L_times_max_diff", c);
        boolean ok = Tolerance.RATE_1_OVER_L.fits(fit) && c.converged();
        double[] scaled = new double[k];
        for (int i = 0; i < k; i++) scaled[i] = depth[i] * diff[i];
        e.plot("appendixD-smooth", "Appendix D with tanh: L·max_k |w_{k+1}(T) − w_k(T)| against L",
                "L·max|Δw| levels off as L doubles: O(1/L) regularity, in contrast with ReLU.", "L·max |Δw|",
                ConvergenceStudy.of("L·max |Δw(T)|", depth, scaled, null));
        return Outcome.of(ok, "with tanh, L·max |Δw(T)| → " + fmt(c.scaled().get(k - 1)) + " (slope " + fmt(fit.slope()) + ")",
                "slope " + fmt(fit.slope()) + ", L·max|Δw| → " + fmt(c.scaled().get(k - 1)), e);
    }
}
