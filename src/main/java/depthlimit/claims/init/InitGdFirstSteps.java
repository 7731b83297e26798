package depthlimit.claims.init;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;
import depthlimit.claims.regularity.RegularityCommon;
import depthlimit.flow.TrainSpec;

import java.util.ArrayList;
import java.util.List;


/** Claim 4, {@code init.gd-first-steps}: Weight-tied differences appear at the second GD step (Section 3). */
public final class InitGdFirstSteps {
    private InitGdFirstSteps() {}

    /** The claim as data, with its check {@link #firstSteps}. */
    public static Claim claim() {
        return new Claim("init.gd-first-steps", 4, "Weight-tied differences appear at the second GD step",
                "Section 3", "weight-tied init, gradient descent",
                "max_k ‖Z_{k+1} − Z_k‖ after 0, 1, 2 steps",
                "exactly 0 after 0 and 1 steps, positive from step 2 on", InitGdFirstSteps::firstSteps)
                .documented("i.i.d. N(0, 1) V_k, W_k: the differences are positive from step 0",
                        "gradient descent at step 0.01 on three depths; says nothing about the size of the differences")
                .paperEstimate(1)
                .sizes(new PerScale<>(new Sizes(RegularityCommon.PROP3_SIZES.ci().setting(), SIZES.ci()), new Sizes(RegularityCommon.PROP3_SIZES.paper().setting(), SIZES.paper())));
    }

    /** The depths at which the first GD steps are taken (on the Proposition-3 widths). */
    record Own(int[] depths) {}

    static final PerScale<Own> SIZES = new PerScale<>(new Own(new int[]{2, 16, 128}), new Own(new int[]{2, 64, 1024}));

    /** What the documentation lists: the Proposition-3 setting and this claim's depths. */
    record Sizes(RegularityCommon.Prop3Setting setting, Own own) {}

    static Outcome firstSteps(Claim.Context ctx) {
        Experiment.Setup s = ctx.fault().apply(RegularityCommon.prop3Setup(ctx.scale(), ctx.seed()), ctx.seed() + 1);
        int[] depths = SIZES.at(ctx.scale()).depths().clone();
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
}
