package depthlimit.properties;

import depthlimit.data.Dataset;
import depthlimit.flow.TrainSpec;
import depthlimit.flow.Trainer;
import depthlimit.flow.MetricsRecorder;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import org.junit.jupiter.api.Test;

import static org.quicktheories.QuickTheory.qt;

/** Proposition 2 and Proposition 3 as properties over random smooth configurations. */
class LimitProperties {
    static final long SEED = 20261127L;

    /**
     * Proposition 2: with V_k = 𝒱(k/L), W_k = 𝒲(k/L) smooth (GP init), F^L converges at rate 1/L: the Cauchy
     * differences e(L) = max_i ‖F^L(x_i) − F^{2L}(x_i)‖ halve as L doubles. A rate p gives e(256)/e(512) = 2^p: 2^{1/2}
     * ≈ 1.41 for the central-limit rate 1/2, 2 for rate 1, 4 for rate 2 (a first-order scheme whose leading coefficient
     * vanishes, or a second-order one). The band [2^{3/4}, 2^{3/2}] ≈ [1.68, 2.83] is cut at the geometric midpoints
     * p = 3/4 and p = 3/2, so it accepts rate 1 only; it leaves room for the O(1/L) correction of a first-order
     * error, e(L) = (C/L)(1 + c/L), whose ratio 2(1 + c/512 + …) stays in the band for −82 < c < 211. Depths start
     * at 256 because at ℓ = 0.2 the leading error coefficient can change sign below L ≈ 64 (seen: e(16) ≪ e(32)).
     * A draw whose residual branch is negligible (e(256) < 10⁻¹²) has nothing to measure: counted as vacuous, and at
     * most 20 % of the draws may be.
     */
    @Test
    void forwardPassConvergesAtRateOneOverL() {
        Vacuity vac = new Vacuity("forwardPassConvergesAtRateOneOverL", "residual branch negligible (e(256) < 1e-12)", 0.2);
        qt().withFixedSeed(SEED).withExamples(25).forAll(Configurations.configs(1, false, 1))
                .checkAssert(c -> {
                    double[] e = new double[2];
                    for (int j = 0; j < 2; j++) {
                        int L = 256 << j;
                        e[j] = outputDifference(c, L, 2 * L);
                    }
                    double ratio = e[0] / e[1];
                    if (e[0] < 1e-12) { vac.vacuous(); return; }
                    vac.tested();
                    if (!(ratio > Math.pow(2, 0.75) && ratio < Math.pow(2, 1.5)))
                        throw new AssertionError("e(256)/e(512) = " + ratio + " (e = " + e[0] + ", " + e[1] + ")");
                });
        vac.report();
    }

    static double outputDifference(Configurations.Config c, int l1, int l2) {
        Architecture a1 = c.arch(l1), a2 = c.arch(l2);
        Dataset data = c.data().create(a1.d(), a1.dOut(), a1.q());
        Backprop b1 = new Backprop(a1, data), b2 = new Backprop(a2, data);
        b1.loss(c.init().create(a1).theta);
        b2.loss(c.init().create(a2).theta);
        double[] f1 = new double[a1.dOut()], f2 = new double[a1.dOut()];
        double max = 0;
        for (int i = 0; i < data.n(); i++) {
            b1.output(i, f1);
            b2.output(i, f2);
            double s = 0;
            for (int k = 0; k < f1.length; k++) s += (f1[k] - f2[k]) * (f1[k] - f2[k]);
            max = Math.max(max, Math.sqrt(s));
        }
        return max;
    }

    /**
     * Proposition 3: under smooth (GP or weight-tied) init and small-step gradient descent, L·X(L,T) converges as
     * L doubles: the successive ratios at L = 32 → 64 → 128 approach 1 (|r − 1| ≤ 0.1 for the last and not larger
     * than the one before by more than 0.02). A draw with no trained difference (L·X(128) < 10⁻¹²) is vacuous;
     * at most 20 % may be.
     */
    @Test
    void depthRegularitySurvivesTraining() {
        Vacuity vac = new Vacuity("depthRegularitySurvivesTraining", "no successive difference (L·X(128) < 1e-12)", 0.2);
        qt().withFixedSeed(SEED).withExamples(15).forAll(Configurations.configs(1, false, 0, 1))
                .checkAssert(c -> {
                    double[] lx = new double[3];
                    for (int j = 0; j < 3; j++) {
                        int L = 32 << j;
                        Architecture a = c.arch(L);
                        Dataset data = c.data().create(a.d(), a.dOut(), a.q());
                        double[] theta = c.init().create(a).theta;
                        MetricsRecorder rec = new MetricsRecorder(a, theta, true, null);
                        new Trainer(new Backprop(a, data), TrainSpec.gd(0.05, 10, Double.NaN)).observe(rec).run(theta);
                        lx[j] = L * rec.rows().get(rec.rows().size() - 1).runMaxDZ();
                    }
                    if (lx[2] < 1e-12) { vac.vacuous(); return; }
                    vac.tested();
                    double r1 = lx[1] / lx[0], r2 = lx[2] / lx[1];
                    if (!(Math.abs(r2 - 1) <= 0.1 && Math.abs(r2 - 1) <= Math.abs(r1 - 1) + 0.02))
                        throw new AssertionError("L·X ratios " + r1 + ", " + r2 + " (L·X = " + java.util.Arrays.toString(lx) + ")");
                });
        vac.report();
    }
}
