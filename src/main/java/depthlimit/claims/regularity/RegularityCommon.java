package depthlimit.claims.regularity;

import depthlimit.claims.Experiment;
import depthlimit.claims.Scale;
import depthlimit.data.GaussianData;
import depthlimit.flow.TrainSpec;
import depthlimit.init.WeightTied;
import depthlimit.model.Activations;
import depthlimit.model.Convention;

import java.util.ArrayList;
import java.util.List;

/** What several claims of this package share (their conventions: see package-info). */
public final class RegularityCommon {
    private RegularityCommon() {}

    /** The depth sweep shared by the Proposition-3 claims. */
    record Sweep(int[] depths, List<Experiment.Run> runs) {}

    public static Experiment.Setup prop3Setup(Scale sc, long seed) {
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

    public static TrainSpec prop3Training(Scale sc) {
        return sc == Scale.CI ? TrainSpec.gd(0.1, 100, Double.NaN, TrainSpec.everyStep(100, 10))
                : TrainSpec.gd(0.01, 500, Double.NaN, TrainSpec.everyStep(500, 50));
    }
}
