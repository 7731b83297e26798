package depthlimit.limit;

import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.init.GaussianProcess;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dp853 reference for eq. (6) against the independent RK4 forward pass of {@link ContinuousDepthFlow}. */
class NeuralOdeTest {
    /**
     * Two different integrators of the same ODE agree: dp853 at rtol 10⁻¹³ and RK4 with N = 512 (error ≈ C h⁴ ≈
     * 10⁻¹¹·C); the GELU network with O(1) GP weights has H = O(1), so 10⁻⁹ leaves a wide margin for both.
     */
    @Test
    void agreesWithTheRk4ForwardPass() {
        Architecture shape = new Architecture(3, 5, 6, 2, 1, Activations.GELU, Convention.PAPER, true, true);
        Dataset data = new GaussianData(4, 2, 1.0).create(3, 2, 5);
        GaussianProcess gp = new GaussianProcess(8, 0.25, 1.0, 1.0);
        int N = 512;
        ContinuousDepthFlow flow = new ContinuousDepthFlow(shape, data, N);
        double[] a = gp.create(shape).a(), b = gp.create(shape).b();
        double[] y = flow.state(a, gp.paths(5, 6)::at, b);
        flow.loss(y);
        double[] s = new double[9];
        for (int j = 0; j <= 8; j++) s[j] = j / 8.0;
        NeuralOde.Solution sol = NeuralOde.solve(shape, data.x(), data.n(), a, gp.paths(5, 6)::at, s, 1e-13, 1e-15, 1_000_000);
        assertTrue(sol.completed(), sol.reason());
        double worst = 0, size = 0;
        double[] hr = new double[5], hd = new double[5];
        for (int j = 0; j <= 8; j++)
            for (int i = 0; i < data.n(); i++) {
                flow.hidden(j * 2 * N / 8, i, hr);
                sol.hidden(j, i, hd);
                for (int c = 0; c < 5; c++) {
                    worst = Math.max(worst, Math.abs(hr[c] - hd[c]));
                    size = Math.max(size, Math.abs(hd[c]));
                }
            }
        System.out.printf("neural ODE: dp853 vs RK4 (N = %d): max |ΔH| = %.2e (|H| ≤ %.3g), %d dp853 evaluations%n", N, worst,
                size, sol.evaluations());
        assertTrue(size > 0.5 && worst < 1e-9, "max |ΔH| = " + worst);
    }
}
