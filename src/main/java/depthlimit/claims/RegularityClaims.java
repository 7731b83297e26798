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

    static List<Claim> claims() {
        return List.of(
                new Claim("prop3.depth-regularity", 5, "Trained weights stay O(1/L)-regular in depth",
                        "Proposition 3, eq. (7); Proposition 7",
                        "model (3), smooth σ, weight-tied init, gradient descent with small step (≈ gradient flow) on [0, T]",
                        "X(L,T) = max_{k, t ≤ T} (‖V_{k+1} − V_k‖_F + ‖W_{k+1} − W_k‖_F) over a depth sweep",
                        "X(L,T) ≈ K/L: fitted slope of X against 1/L is 1 ± 0.15 and L·X(L,T) converges as L doubles",
                        RegularityClaims::depthRegularity));
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
        Experiment.Setup s = prop3Setup(ctx.scale(), ctx.seed());
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
        CauchyRatios cauchy = CauchyRatios.of(depth, x, 0.05);
        e.table("sweep", tab).fit("fit_X_vs_1_over_L", fit).cauchy("L_times_X", cauchy);
        boolean ok = fit.consistentWith(1.0, 0.15) && cauchy.converged();
        return Outcome.of(ok, "X(L,T) decays with slope " + fmt(fit.slope()) + " in 1/L; L·X ratios " + cauchy.ratios()
                        .stream().map(Experiment::fmt).toList(),
                "slope " + fmt(fit.slope()) + ", L·X → " + fmt(cauchy.scaled().get(k - 1)), e);
    }
}
