package depthlimit.model;

import depthlimit.data.Dataset;
import depthlimit.random.Rng;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The batched engine against the one-sample reference of eq. (3), and determinism across thread counts. */
class BatchedForwardTest {
    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void engineReproducesReferenceForwardBitForBit() {
        for (Activation act : Activations.BUILT_IN)
            for (Convention conv : Convention.values()) {
                // odd sizes exercise every remainder path of the register-blocked kernels
                Architecture arch = new Architecture(3, 7, 5, 2, 6, act, conv, true, true);
                Dataset data = GradientCheckTest.randomData(9, 3, 2, 3);
                double[] theta = GradientCheckTest.randomPoint(arch, 4);
                Backprop bp = new Backprop(arch, data);
                double loss = bp.loss(theta);
                ResNet ref = new ResNet(arch);
                double sum = 0;
                double[] hk = new double[7], out = new double[2];
                for (int i = 0; i < 9; i++) {
                    double[][] hidden = new double[7][];
                    double[] f = ref.forward(theta, java.util.Arrays.copyOfRange(data.x(), 3 * i, 3 * i + 3), hidden);
                    for (int k = 0; k <= 6; k++) {
                        bp.hidden(k, i, hk);
                        assertArrayEquals(hidden[k], hk, 0.0, act.name() + " h_" + k);
                    }
                    bp.output(i, out);
                    for (int b = 0; b < 2; b++) {
                        // F(x) is recovered from the stored residual r = F − y, itself exact up to one rounding
                        assertEquals(f[b], out[b], 2 * Math.ulp(Math.abs(f[b]) + Math.abs(data.y()[2 * i + b])));
                        double r = f[b] - data.y()[2 * i + b];
                        sum += r * r;
                    }
                }
                // λ from the definitions, not from Convention (a slip there would cancel out of engine-vs-engine)
                double lambda = conv == Convention.PAPER ? 1.0 / 9 : 1.0 / (9.0 * 2);
                assertEquals(lambda * sum, loss, 0.0, act.name() + " " + conv + " loss");
            }
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() {
        Architecture arch = new Architecture(16, 16, 32, 16, 256, Activations.GELU, Convention.PAPER, true, true);
        Dataset data = GradientCheckTest.randomData(100, 16, 16, 8);
        double[] theta = new double[arch.size()];
        Rng.stream(2, "t").fillGaussian(theta, 0, theta.length, 0.5);
        double[] ref = null;
        double refLoss = 0;
        for (int t : new int[]{1, 2, 3, 4, 7}) {
            Parallel.setThreads(t);
            double[] grad = new double[arch.size()];
            double loss = new Backprop(arch, data).lossAndGradient(theta, grad);
            if (ref == null) { ref = grad; refLoss = loss; }
            assertEquals(refLoss, loss, 0.0, "loss with " + t + " threads");
            assertArrayEquals(ref, grad, 0.0, "gradient with " + t + " threads");
        }
    }
}
