package depthlimit.golden;

import depthlimit.data.Dataset;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loss, outputs F(x_i), G and every gradient block of {@link Backprop} against two oracles that share nothing with
 * it (golden/gradients.json): NumPy's matrix-form backward recursion of Appendix B.5 and PyTorch float64 autograd,
 * both written from eq. (3) with each convention's c_res, c_pre and loss weight spelled out in the script. Both
 * conventions × every built-in activation, at a random point θ ~ 𝒩(0,1) (d = 3, q = 6, m = 4, d′ = 2, L = 3,
 * n = 5), G for each of the four (trainA, trainB) choices, the hidden states h_k and adjoints p_k = ∂ℓ/∂h_k of
 * every layer (the quantities of Proposition 5's proof steps), and the "gradient" of eq. (13) as printed (without
 * the transpose; NumPy only, since it is not a derivative), which the erratum check compares with.
 *
 * <p>Tolerance 1e-12 relative to the largest entry: each gradient entry is a sum over n = 5 samples of products along
 * L = 3 layers of dot products of length ≤ max(q, m) = 6, so fewer than ~10³ float64 operations (each ≤ ε = 1.1e-16
 * relative) separate two summation orders — ~1e-13 with the O(1) amplification of this well-conditioned point.
 * A scaling slip (a factor 2, 1/d′ = 1/2, 1/√m = 1/2, 1/√q ≈ 0.41, a missing L in G) moves a block by ≥ 20 %,
 * eleven orders of magnitude above the tolerance.
 */
class GoldenGradientsTest {
    static final double TOL = 1e-12;

    @Test
    void engineMatchesNumpyAndTorchInBothConventionsForEveryActivation() {
        Map<String, Object> g = Golden.json("gradients.json");
        Dataset data = Golden.data(g, "grad_X.npy", "grad_Y.npy");
        var thetas = Golden.npy("grad_theta.npy");
        double[] gNp = Golden.array("grad_numpy.npy"), gT = Golden.array("grad_torch.npy");
        double[] printed = Golden.array(g.get("grad_printed_eq13")), hidden = Golden.array(g.get("hidden")),
                adjoint = Golden.array(g.get("adjoint"));
        List<Map<String, Object>> cases = Golden.cases(g);
        int L = Golden.integer(g, "L"), n = data.n(), dOut = data.dOut();
        Set<String> seen = new HashSet<>();
        double worst = 0;
        for (int c = 0; c < cases.size(); c++) {
            Map<String, Object> cs = cases.get(c);
            String where = cs.get("convention") + "/" + cs.get("activation");
            seen.add(where);
            Architecture a = Golden.architecture(g, cs, L, true, true);
            int p = a.size();
            assertEquals(p, thetas.shape()[1], "parameter layout");
            double[] theta = java.util.Arrays.copyOfRange(thetas.data(), c * p, (c + 1) * p);
            double[] refNp = java.util.Arrays.copyOfRange(gNp, c * p, (c + 1) * p);
            double[] refT = java.util.Arrays.copyOfRange(gT, c * p, (c + 1) * p);
            Backprop bp = new Backprop(a, data);
            double[] grad = new double[p];
            double loss = bp.lossAndGradient(theta, grad);
            double e = Math.max(Golden.relative(loss, Golden.number(cs, "loss_numpy")), Golden.relative(loss, Golden.number(cs, "loss_torch")));
            assertTrue(e <= TOL, where + ": loss " + loss + " vs " + cs.get("loss_numpy") + " (rel " + e + ")");
            worst = Math.max(worst, e);
            // every block separately, so that a small block (B, A) cannot hide behind a large one
            int[][] blocks = {{a.offA(), a.sizeA()}, {a.offV(), a.sizeV()}, {a.offW(), a.sizeW()}, {a.offB(), a.sizeB()}};
            String[] names = {"A", "V", "W", "B"};
            for (int b = 0; b < 4; b++) {
                int off = blocks[b][0], len = blocks[b][1];
                double[] got = java.util.Arrays.copyOfRange(grad, off, off + len);
                double e1 = Golden.relative(got, java.util.Arrays.copyOfRange(refNp, off, off + len));
                double e2 = Golden.relative(got, java.util.Arrays.copyOfRange(refT, off, off + len));
                assertTrue(e1 <= TOL && e2 <= TOL, where + ": ∂ℓ/∂" + names[b] + " rel " + e1 + " (NumPy) " + e2 + " (torch)");
                worst = Math.max(worst, Math.max(e1, e2));
            }
            // hidden states h_k and adjoints p_k = ∂ℓ/∂h_k of every layer and sample
            int q = a.q();
            double[] hv = new double[q], pv = new double[q];
            double[] hs = new double[(L + 1) * n * q], ps = new double[(L + 1) * n * q];
            for (int k = 0; k <= L; k++)
                for (int i = 0; i < n; i++) {
                    bp.hidden(k, i, hv);
                    bp.adjoint(k, i, pv);
                    System.arraycopy(hv, 0, hs, (k * n + i) * q, q);
                    System.arraycopy(pv, 0, ps, (k * n + i) * q, q);
                }
            int block = (L + 1) * n * q;
            double eh = Golden.relative(hs, java.util.Arrays.copyOfRange(hidden, c * block, (c + 1) * block));
            double ep = Golden.relative(ps, java.util.Arrays.copyOfRange(adjoint, c * block, (c + 1) * block));
            assertTrue(eh <= TOL && ep <= TOL, where + ": h_k rel " + eh + ", p_k rel " + ep);
            // eq. (13) as printed (no transpose): the erratum check's quantity, pinned too
            double[] pr = new double[p];
            new Backprop(a, data).recursion(Backprop.Recursion.PRINTED_EQ13).lossAndGradient(theta, pr);
            double epr = Golden.relative(pr, java.util.Arrays.copyOfRange(printed, c * p, (c + 1) * p));
            assertTrue(epr <= TOL, where + ": printed eq. (13) rel " + epr);
            worst = Math.max(worst, Math.max(eh, Math.max(ep, epr)));
            double[] out = new double[dOut], outs = new double[n * dOut];
            for (int i = 0; i < n; i++) {
                bp.output(i, out);
                System.arraycopy(out, 0, outs, i * dOut, dOut);
            }
            double eo = Golden.relative(outs, Golden.doubles(cs.get("outputs")));
            assertTrue(eo <= TOL, where + ": outputs rel " + eo);
            Map<String, Object> gs = Golden.map(cs.get("G_by_trainA_trainB"));
            for (boolean ta : new boolean[]{true, false})
                for (boolean tb : new boolean[]{true, false}) {
                    double G = Backprop.flowMetric(Golden.architecture(g, cs, L, ta, tb), grad);
                    double ref = Golden.number(gs, (ta ? "1" : "0") + (tb ? "1" : "0"));
                    double eg = Golden.relative(G, ref);
                    assertTrue(eg <= TOL, where + " trainA=" + ta + " trainB=" + tb + ": G " + G + " vs " + ref);
                    worst = Math.max(worst, eg);
                }
        }
        assertEquals(2 * Activations.BUILT_IN.size(), seen.size(), "both conventions × every built-in activation: " + seen);
        System.out.printf("golden gradients: %d cases, worst relative difference %.2e%n", cases.size(), worst);
    }
}
