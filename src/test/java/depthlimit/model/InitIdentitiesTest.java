package depthlimit.model;

import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.init.WeightTied;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exact identities at the weight-tied initialization with q ≥ d + d′: V = 0 makes
 * every residual branch vanish, so these hold in floating point exactly, or to the round-off of one sum.
 */
class InitIdentitiesTest {
    static final int D = 3, D_OUT = 2, Q = 6, M = 5, N = 7;

    static Stream<Object[]> cases() {
        return Stream.of(Activations.TANH, Activations.GELU, Activations.SIN, Activations.GAUSS_X)
                .flatMap(a -> Stream.of(new Object[]{a.name(), Convention.PAPER}, new Object[]{a.name(), Convention.AUTHORS_CODE}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void identitiesHold(String act, Convention conv) {
        Dataset data = new GaussianData(N, 5, 1.0).create(D, D_OUT, Q);
        // λ spelled out from the definitions (paper: mean over samples; authors' code: mean over all n·d′ entries),
        // not read from Convention, so that a slip there cannot cancel out of this identity
        double lambda = conv == Convention.PAPER ? 1.0 / N : 1.0 / ((double) N * D_OUT);
        double gRef = Double.NaN;
        for (int L : new int[]{1, 2, 7, 64, 1024}) {
            Architecture arch = new Architecture(D, Q, M, D_OUT, L, Activations.builtIn(act).orElseThrow(), conv, true, true);
            Parameters p = new WeightTied(9).create(arch);
            Backprop bp = new Backprop(arch, data);
            double[] grad = new double[arch.size()];
            double loss = bp.lossAndGradient(p.theta, grad);

            // h_k = A x for every k, exactly (each residual branch adds c_res·Σ σ(·)·0 = 0)
            double[] h0 = new double[Q], hk = new double[Q], out = new double[D_OUT];
            for (int i = 0; i < N; i++) {
                bp.hidden(0, i, h0);
                for (int a = 0; a < Q; a++) assertEquals(a < D ? data.x()[i * D + a] : 0.0, h0[a], 0.0);
                for (int k = 1; k <= L; k++) {
                    bp.hidden(k, i, hk);
                    assertArrayEquals(h0, hk, 0.0, "h_" + k);
                }
                bp.output(i, out);
                assertArrayEquals(new double[D_OUT], out, 0.0, "F(x) = B A x = 0 since q ≥ d + d'");
            }
            // ℓ(0) = λ Σ‖y_i‖², up to the round-off of the sum itself
            double sumY = 0;
            for (double y : data.y()) sumY += y * y;
            assertEquals(lambda * sumY, loss, 4 * Math.ulp(loss));

            // ∂ℓ/∂W_k = 0 exactly; all ∂ℓ/∂V_k equal bit for bit (p_k = p_L and σ(W̄Ax) for all k)
            for (int j = arch.offW(); j < arch.offB(); j++) assertEquals(0.0, grad[j], 0.0);
            double[] dV1 = Arrays.copyOfRange(grad, arch.offV(), arch.offV() + arch.layerV());
            for (int k = 2; k <= L; k++) {
                int off = arch.offV() + (k - 1) * arch.layerV();
                assertArrayEquals(dV1, Arrays.copyOfRange(grad, off, off + arch.layerV()), 0.0, "dV_" + k);
            }
            // ∂ℓ/∂A = −2λ Σ B̄ᵀ y xᵀ (last d′ rows) and ∂ℓ/∂B = −2λ Σ y (Āx)ᵀ (first d columns)
            for (int a = 0; a < Q; a++)
                for (int c = 0; c < D; c++) {
                    double e = 0;
                    if (a >= Q - D_OUT) for (int i = 0; i < N; i++) e += -2 * lambda * data.y()[i * D_OUT + a - (Q - D_OUT)] * data.x()[i * D + c];
                    assertEquals(e, grad[arch.offA() + a * D + c], 1e-15 * (1 + Math.abs(e)), "dA");
                }
            for (int b = 0; b < D_OUT; b++)
                for (int a = 0; a < Q; a++) {
                    double e = 0;
                    if (a < D) for (int i = 0; i < N; i++) e += -2 * lambda * data.y()[i * D_OUT + b] * data.x()[i * D + a];
                    assertEquals(e, grad[arch.offB() + b * Q + a], 1e-15 * (1 + Math.abs(e)), "dB");
                }
            // G(0) does not depend on L: L Σ_k ‖∂_{V_k}ℓ‖² = L·L·(c_res² ‖Σ p σᵀ‖²) with c_res ∝ 1/L. Its float64
            // value differs between depths only by the rounding of c_res and of the sum over L·q·m squares, whose
            // relative error is at most (L·q·m)·ε (recursive summation of non-negative terms).
            double g = Backprop.flowMetric(arch, grad);
            if (Double.isNaN(gRef)) gRef = g;
            double tol = (L * Q * M + 8) * Math.ulp(1.0) * gRef;
            assertEquals(gRef, g, tol, "G(0) at L = " + L);
            // and G(0) has the closed form ‖∂_Aℓ‖² + ‖∂_Bℓ‖² + L²‖∂_{V_1}ℓ‖² (∂_Wℓ = 0, all ∂_{V_k}ℓ equal)
            double closed = 0;
            for (int j = arch.offA(); j < arch.offV(); j++) closed += grad[j] * grad[j];
            for (int j = arch.offB(); j < arch.size(); j++) closed += grad[j] * grad[j];
            double sv = 0;
            for (double x : dV1) sv += x * x;
            closed += (double) L * L * sv;
            assertEquals(closed, g, tol, "G(0) closed form at L = " + L);
            assertTrue(sv > 0, "∂ℓ/∂V_k(0) ≠ 0 for labels ≠ 0 and σ ≢ 0 on the data");
        }
    }
}
