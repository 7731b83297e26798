package depthlimit.falsify;

import depthlimit.flow.TrajectoryObserver;
import depthlimit.flow.WeightMetrics;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;

import java.util.Arrays;

/**
 * The trajectory statistics the measures need, accumulated on the fly: running suprema over every accepted step
 * end and sample of max_k ‖Z_{k+1} − Z_k‖, max_k ‖Z_k‖ max_k ‖Z_k − Z_k(0)‖, ‖A − A(0)‖_F and ‖B − B(0)‖_F (the paper's ‖Z‖ = ‖V‖_F + ‖W‖_F),
 * and at each sample time t, ℓ(t) and G(t)/ℓ(t).
 */
final class TrajectoryStats implements TrajectoryObserver {
    private final Architecture arch;
    private final double[] theta0;
    double supDZ, supNormZ, supDist, supDistA, supDistB;
    final double[] t, loss, plRatio;
    int samples;

    TrajectoryStats(Architecture arch, double[] theta0, int sampleCount) {
        this.arch = arch;
        this.theta0 = theta0.clone();
        t = new double[sampleCount];
        loss = new double[sampleCount];
        plRatio = new double[sampleCount];
    }

    @Override
    public void step(long step, double time, double[] theta) {
        update(theta);
    }

    @Override
    public void sample(int index, double time, long step, double[] theta, double l, double[] grad) {
        update(theta);
        if (samples < t.length) {
            t[samples] = time;
            loss[samples] = l;
            plRatio[samples] = Backprop.flowMetric(arch, grad) / l;
            samples++;
        }
    }

    private void update(double[] theta) {
        WeightMetrics w = WeightMetrics.of(arch, theta, theta0);
        supDZ = Math.max(supDZ, w.maxDZ());
        supNormZ = Math.max(supNormZ, w.maxNormZ());
        supDist = Math.max(supDist, w.distInit());
        supDistA = Math.max(supDistA, distance(theta, arch.offA(), arch.sizeA()));
        supDistB = Math.max(supDistB, distance(theta, arch.offB(), arch.sizeB()));
    }

    private double distance(double[] theta, int off, int len) {
        double s = 0;
        for (int i = off; i < off + len; i++) { double e = theta[i] - theta0[i]; s += e * e; }
        return Math.sqrt(s);
    }

    double minPl() {
        return Arrays.stream(plRatio, 0, samples).min().orElse(Double.NaN);
    }

    /** Least-squares slope r of −ln ℓ(t) = r·t + c over the samples with ℓ > 0 (NaN with fewer than 2). */
    double decayRate() {
        int k = 0;
        double mx = 0, my = 0;
        for (int i = 0; i < samples; i++) if (loss[i] > 0) { mx += t[i]; my += -Math.log(loss[i]); k++; }
        if (k < 2) return Double.NaN;
        mx /= k;
        my /= k;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < samples; i++)
            if (loss[i] > 0) { sxx += (t[i] - mx) * (t[i] - mx); sxy += (t[i] - mx) * (-Math.log(loss[i]) - my); }
        return sxy / sxx;
    }
}
