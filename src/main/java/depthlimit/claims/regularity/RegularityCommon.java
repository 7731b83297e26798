package depthlimit.claims.regularity;

import depthlimit.claims.Experiment;
import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;
import depthlimit.data.GaussianData;
import depthlimit.flow.TrainSpec;
import depthlimit.init.WeightTied;
import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.model.Convention;

import java.util.ArrayList;
import java.util.List;

/** What several claims of this package share (their conventions: see package-info). */
public final class RegularityCommon {
    private RegularityCommon() {}

    /** The depth sweep shared by the Proposition-3 claims. */
    record Sweep(int[] depths, List<Experiment.Run> runs) {}

    /**
     * The Proposition-3 model (also the base of the init claims and gf.loss-derivative): n samples, widths m, q, d, d',
     * σ, and whether A and B are trained.
     */
    public record Prop3Setting(int n, int m, int q, int d, int dOut, Activation sigma, boolean trainAB) {}

    /** The Proposition-3 GD training: step η, number of steps, sampled every {@code sampleEvery} steps. */
    public record Prop3Training(double eta, int steps, int sampleEvery) {}

    /** The Proposition-3 claims' sizes: the setting, the depth sweep and the training. */
    public record Prop3Sizes(Prop3Setting setting, int[] depths, Prop3Training training) {}

    public static final PerScale<Prop3Sizes> PROP3_SIZES = new PerScale<>(
            new Prop3Sizes(new Prop3Setting(20, 8, 6, 3, 3, Activations.TANH, true), new int[]{8, 16, 32, 64, 128},
                    new Prop3Training(0.1, 100, 10)),
            new Prop3Sizes(new Prop3Setting(100, 32, 16, 16, 16, Activations.GELU, false), new int[]{16, 32, 64, 128, 256, 512, 1024},
                    new Prop3Training(0.01, 500, 50)));

    public static Experiment.Setup prop3Setup(Scale sc, long seed) {
        Prop3Setting z = PROP3_SIZES.at(sc).setting();
        return new Experiment.Setup(Convention.PAPER, z.sigma(), z.m(), z.q(), z.d(), z.dOut(), z.trainAB(),
                new GaussianData(z.n(), seed, 1.0), new WeightTied(seed + 1));
    }

    static Sweep sweep(Experiment.Setup s, Scale sc, TrainSpec t) {
        int[] depths = PROP3_SIZES.at(sc).depths().clone();
        List<Experiment.Run> runs = new ArrayList<>();
        for (int L : depths) runs.add(Experiment.train(s, L, t, false));
        return new Sweep(depths, runs);
    }

    public static TrainSpec prop3Training(Scale sc) {
        Prop3Training z = PROP3_SIZES.at(sc).training();
        return TrainSpec.gd(z.eta(), z.steps(), Double.NaN, TrainSpec.everyStep(z.steps(), z.sampleEvery()));
    }
}
