package depthlimit.flow;

import depthlimit.limit.RateFit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientFlowTest {
    static final String TRAINED = FlowTestSupport.GP;

    @Test
    void eulerEqualsGradientDescentBitForBit() {
        for (String clip : new String[]{"", ", \"clip\": 0.05"}) {
            var gd = FlowTestSupport.run(FlowTestSupport.small("tanh", TRAINED, "{\"method\": \"gd\", \"eta\": 0.02, \"steps\": 25" + clip + "}"));
            var eu = FlowTestSupport.run(FlowTestSupport.small("tanh", TRAINED, "{\"method\": \"euler\", \"h\": 0.02, \"steps\": 25" + clip + "}"));
            assertArrayEquals(gd.result().finalTheta(), eu.result().finalTheta(), 0.0, "clip" + clip);
            assertEquals(gd.metrics().rows().size(), eu.metrics().rows().size());
        }
    }

    /**
     * gd converges to the flow like O(η) and RK4 like O(h⁴) at T = 0.5, against dp853 at rtol 1e-13. The fitted
     * exponents must be 1 ± 0.1 and 4 ± 0.3 (the rate estimator drops errors at the round-off floor and flags a
     * pre-asymptotic fit).
     */
    @Test
    void fixedStepMethodsConvergeAtTheirOrder() {
        double T = 0.5;
        double[] ref = FlowTestSupport.run(FlowTestSupport.small("tanh", TRAINED,
                "{\"method\": \"dp853\", \"T\": 0.5, \"rtol\": 1e-13, \"atol\": 1e-15}")).result().finalTheta();
        double scale = FlowTestSupport.norm(ref);
        int[] gdSteps = {8, 16, 32, 64, 128, 256};
        double[] h = new double[gdSteps.length], err = new double[gdSteps.length], sc = new double[gdSteps.length];
        for (int i = 0; i < gdSteps.length; i++) {
            h[i] = T / gdSteps[i];
            err[i] = FlowTestSupport.distance(FlowTestSupport.run(FlowTestSupport.small("tanh", TRAINED,
                    "{\"method\": \"gd\", \"eta\": " + h[i] + ", \"steps\": " + gdSteps[i] + "}")).result().finalTheta(), ref);
            sc[i] = scale;
        }
        RateFit gd = RateFit.fit(h, err, sc);
        int[] rkSteps = {8, 16, 32, 64, 128};
        double[] hr = new double[rkSteps.length], er = new double[rkSteps.length];
        for (int i = 0; i < rkSteps.length; i++) {
            hr[i] = T / rkSteps[i];
            er[i] = FlowTestSupport.distance(FlowTestSupport.run(FlowTestSupport.small("tanh", TRAINED,
                    "{\"method\": \"rk4\", \"T\": 0.5, \"steps\": " + rkSteps[i] + "}")).result().finalTheta(), ref);
        }
        RateFit rk = RateFit.fit(hr, er, java.util.Arrays.copyOf(sc, hr.length));
        System.out.printf("gd → flow: slope %.3f [%.3f, %.3f], errors %s%n", gd.slope(), gd.slopeLow(), gd.slopeHigh(), java.util.Arrays.toString(err));
        System.out.printf("rk4 → flow: slope %.3f [%.3f, %.3f], dropped at round-off %s, errors %s%n", rk.slope(), rk.slopeLow(), rk.slopeHigh(),
                rk.droppedAtRoundoff(), java.util.Arrays.toString(er));
        assertTrue(gd.consistentWith(1.0, 0.1), gd.toMap().toString());
        assertTrue(rk.consistentWith(4.0, 0.3), rk.toMap().toString());
    }

    /**
     * dp853 and dp54 at rtol = 1e-10 agree on θ(T). Each controls its local error to rtol·|θ| + atol per step; the
     * global error of such a run is a modest multiple of rtol (here ≤ 20 steps, flow Lipschitz constant O(1) on
     * [0, 1]), so both must be within 100·rtol·‖θ‖ of a 1e-13 reference and hence of each other.
     */
    @Test
    void dormandPrinceMethodsAgreeToTheirTolerance() {
        String tr = "{\"method\": \"%s\", \"T\": 1.0, \"rtol\": %s, \"atol\": 1e-14}";
        double[] ref = FlowTestSupport.run(FlowTestSupport.small("gelu", TRAINED, String.format(tr, "dp853", "1e-13"))).result().finalTheta();
        var r853 = FlowTestSupport.run(FlowTestSupport.small("gelu", TRAINED, String.format(tr, "dp853", "1e-10")));
        var r54 = FlowTestSupport.run(FlowTestSupport.small("gelu", TRAINED, String.format(tr, "dp54", "1e-10")));
        double scale = FlowTestSupport.norm(ref);
        double e853 = FlowTestSupport.distance(r853.result().finalTheta(), ref) / scale;
        double e54 = FlowTestSupport.distance(r54.result().finalTheta(), ref) / scale;
        double between = FlowTestSupport.distance(r853.result().finalTheta(), r54.result().finalTheta()) / scale;
        System.out.printf("rtol 1e-10: dp853 error %.2e (%d evals, %d steps), dp54 error %.2e (%d evals, %d steps), between %.2e%n",
                e853, r853.result().stats().rhsEvaluations(), r853.result().stats().acceptedSteps(), e54,
                r54.result().stats().rhsEvaluations(), r54.result().stats().acceptedSteps(), between);
        assertTrue(e853 < 100e-10 && e54 < 100e-10 && between < 200e-10);
        assertTrue(r853.result().stats().rejectedSteps() >= 0 && r54.result().stats().rejectedSteps() >= 0);
    }

    /**
     * Along the flow (4), dℓ/dt = −G. dℓ/dt is taken from the recorded trajectory by central
     * differences over ±δ, δ = 10⁻⁴: truncation δ²|ℓ‴|/(6G), measured ≈ 7δ² ≈ 7·10⁻⁸ here (it scales exactly as δ²
     * from δ = 10⁻² to 3·10⁻⁴), plus the dp853 error on ℓ at rtol 1e-12 divided by 2δG, ≈ 10⁻⁸. Required: 10⁻⁵
     * relative to G; a wrong factor L in the flow or in G shows at order 1.
     */
    @Test
    void lossDecaysAtRateG() {
        StringBuilder times = new StringBuilder();
        double[] centers = {0.1, 0.35, 0.6, 0.85};
        double delta = 1e-4;
        for (double c : centers) times.append(c - delta).append(", ").append(c).append(", ").append(c + delta).append(", ");
        String train = "{\"method\": \"dp853\", \"T\": 1.0, \"rtol\": 1e-12, \"atol\": 1e-14, \"sampleTimes\": [" + times + "1.0]}";
        for (String act : new String[]{"tanh", "gelu"}) {
            List<MetricsRecorder.Row> rows = FlowTestSupport.run(FlowTestSupport.small(act, TRAINED, train)).metrics().rows();
            double worst = 0;
            for (double c : centers) {
                int i = indexOf(rows, c);
                double dldt = (rows.get(i + 1).loss() - rows.get(i - 1).loss()) / (rows.get(i + 1).t() - rows.get(i - 1).t());
                worst = Math.max(worst, Math.abs(dldt + rows.get(i).G()) / rows.get(i).G());
            }
            System.out.printf("%s: max |dℓ/dt + G| / G = %.2e%n", act, worst);
            assertTrue(worst < 1e-5, act + ": " + worst);
        }
    }

    static int indexOf(List<MetricsRecorder.Row> rows, double t) {
        for (int i = 0; i < rows.size(); i++) if (Math.abs(rows.get(i).t() - t) < 1e-12) return i;
        throw new AssertionError("no sample at " + t);
    }

    /**
     * Weight-tied init: successive differences are exactly 0 at t = 0 and after one gd step (∂ℓ/∂W_k = 0 and all
     * ∂ℓ/∂V_k equal at the init, so every layer moves alike), and positive from the second step on.
     */
    @Test
    void weightTiedDifferencesAppearAtTheSecondStep() {
        for (String conv : new String[]{"paper", "authors-code"}) {
            String json = FlowTestSupport.small("gelu", "{\"scheme\": \"weight-tied\", \"seed\": 1}",
                    "{\"method\": \"gd\", \"eta\": 0.01, \"steps\": 3}").replace("\"paper\"", "\"" + conv + "\"")
                    .replace("\"hidden\": 5, \"input\": 2, \"output\": 2", "\"hidden\": 4, \"input\": 2, \"output\": 2");
            List<MetricsRecorder.Row> rows = FlowTestSupport.run(json).metrics().rows();
            assertEquals(0.0, rows.get(0).maxDZ(), 0.0);
            assertEquals(0.0, rows.get(1).maxDZ(), 0.0);
            assertTrue(rows.get(2).maxDZ() > 0 && rows.get(3).maxDZ() > 0, conv + ": " + rows.get(2).maxDZ());
        }
    }

    @Test
    void failuresEndWithAStatusAndReason() {
        // a learning rate far beyond stability: the loss overflows
        var div = FlowTestSupport.run(FlowTestSupport.small("identity", TRAINED, "{\"method\": \"gd\", \"eta\": 1e6, \"steps\": 50}"));
        assertEquals(Status.DIVERGED, div.result().status());
        assertTrue(div.result().reason().contains("non-finite"), div.result().reason());
        assertTrue(div.metrics().rows().size() >= 1);
        // an evaluation budget far too small for the tolerance
        var budget = FlowTestSupport.run(FlowTestSupport.small("tanh", TRAINED,
                "{\"method\": \"dp54\", \"T\": 5.0, \"rtol\": 1e-12, \"atol\": 1e-14, \"maxEvaluations\": 40}"));
        assertEquals(Status.BUDGET_EXCEEDED, budget.result().status());
        assertTrue(budget.result().finalTime() < 5.0 && budget.result().reason().contains("maxEvaluations"));
        // a minimum step larger than what the tolerance needs
        var under = FlowTestSupport.run(FlowTestSupport.small("tanh", TRAINED,
                "{\"method\": \"dp853\", \"T\": 1.0, \"rtol\": 1e-14, \"atol\": 1e-16, \"minStep\": 0.4, \"maxStep\": 1.0}"));
        assertEquals(Status.STEP_UNDERFLOW, under.result().status(), under.result().reason());
    }
}
