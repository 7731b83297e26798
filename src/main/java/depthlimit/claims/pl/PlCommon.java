package depthlimit.claims.pl;

import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Vectors;
import depthlimit.random.Rng;
import depthlimit.symbolic.ActivationReport;
import depthlimit.symbolic.PaperConstants;

/** What several claims of this package share (their conventions: see package-info). */
final class PlCommon {
    private PlCommon() {}

    static final Activation SIGMA = Activations.TANH;

    /** {r, η_r, c₃, c₄} for tanh from the symbolic layer (PaperConstants: c₃ = min(η_r/(32√2K), 1/2), c₄ = η_r³/(2¹⁴K²e^{6√2K})). */
    static double[] constants() {
        ActivationReport rep = ActivationReport.of(SIGMA, ActivationReport.Options.DETERMINISTIC);
        PaperConstants pc = PaperConstants.of(rep, null, 1, 1, 1, 1, 1, null, 1.0);
        return new double[]{rep.rStar(), rep.hermite().eta()[rep.rStar()], pc.value("c3"), pc.value("c4")};
    }

    /** A uniformly random direction in each block, scaled into the ball ‖A − Ā‖ ≤ M, sup_k ‖Z_k − Z̄_k‖ ≤ M, ‖B − B̄‖ ≤ M. */
    static double[] ballPoint(Architecture a, double[] center, double radius, Rng rng) {
        double[] th = center.clone();
        perturb(th, a.offA(), a.sizeA(), radius * rng.nextDouble(), rng);
        perturb(th, a.offB(), a.sizeB(), radius * rng.nextDouble(), rng);
        for (int k = 0; k < a.L(); k++) {
            // ‖Z_k − Z̄_k‖ = ‖ΔV‖_F + ‖ΔW‖_F ≤ M: split the radius between the two blocks
            double r = radius * rng.nextDouble(), share = rng.nextDouble();
            perturb(th, a.offV() + k * a.layerV(), a.layerV(), r * share, rng);
            perturb(th, a.offW() + k * a.layerW(), a.layerW(), r * (1 - share), rng);
        }
        return th;
    }

    private static void perturb(double[] th, int off, int len, double norm, Rng rng) {
        double[] v = new double[len];
        rng.fillGaussian(v, 0, len, 1.0);
        double f = norm / Vectors.norm(v);
        for (int i = 0; i < len; i++) th[off + i] += f * v[i];
    }
}
