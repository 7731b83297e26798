package depthlimit.claims.limit;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Outcome;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;
import depthlimit.model.Backprop;
import depthlimit.model.Vectors;

import java.util.Arrays;
import java.util.List;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.limit.LimitCommon.*;

/** Claim 2, {@code prop11.hidden-trajectory}: The whole hidden trajectory converges at rate 1/L (Proposition 11, bound (35); Proposition 2). */
public final class Prop11HiddenTrajectory {
    private Prop11HiddenTrajectory() {}

    /** The claim as data, with its check {@link #prop11}. */
    public static Claim claim() {
        return new Claim("prop11.hidden-trajectory", 2, "The whole hidden trajectory converges at rate 1/L",
                "Proposition 11, bound (35); Proposition 2",
                "as prop2.resnet-to-ode",
                "max_k ‖h_k^L − H(k/L)‖ and sup_{s∈[0,1]} ‖h^L_{⌊Ls⌋} − H(s)‖, max over the sample inputs",
                "both O(1/L) uniformly in s: " + SLOPES + ", " + converges("L·error"),
                Prop11HiddenTrajectory::prop11)
                .documented("the same wrong depth map s ↦ 0.9s: the hidden trajectory converges to another ODE's (slopes ≈ 0)",
                        "the sup over s is taken on the reference grid of step 1/(2L_max); the constant of bound (35) is not evaluated")
                .paperEstimate(3)
                .sizes(ODE_SIZES);
    }

    static Outcome prop11(Claim.Context ctx) {
        OdeCase c = odeCase(ctx.scale(), ctx.seed());
        Evidence e = new Evidence().put("setup", c.describe());
        if (!c.ref().completed()) return Outcome.inconclusive(c.ref().reason(), "reference failed", e);
        int k = c.depths().length, n = c.data().n(), q = c.shape().q();
        double[] nodes = new double[k], sup = new double[k];
        double hScale = 0;
        for (double v : c.ref().h()) hScale = Math.max(hScale, Math.abs(v));
        double[] hk = new double[q], hr = new double[q];
        for (int j = 0; j < k; j++) {
            int L = c.depths()[j];
            Backprop bp = resnet(c, L, ctx.fault());
            int stride = 2 * c.finest() / L;
            for (int i = 0; i < n; i++)
                for (int kk = 0; kk <= L; kk++) {
                    bp.hidden(kk, i, hk);
                    c.ref().hidden(c.index(kk, L), i, hr);
                    nodes[j] = Math.max(nodes[j], Vectors.distance(hk, 0, hr, 0, q));
                    // s ∈ [k/L, (k+1)/L): h_k against H on the closed interval (same sup, H continuous), at the
                    // reference grid of step 1/(2 L_max); between grid points ‖h_k − H(s)‖ is convex up to O(1/L²)
                    int last = kk == L ? c.index(kk, L) : c.index(kk, L) + stride;
                    for (int g = c.index(kk, L); g <= last; g++) {
                        c.ref().hidden(g, i, hr);
                        sup[j] = Math.max(sup[j], Vectors.distance(hk, 0, hr, 0, q));
                    }
                }
        }
        Evidence.Table tab = new Evidence.Table("L", "max_k ‖h_k − H(k/L)‖", "sup_s ‖h_⌊Ls⌋ − H(s)‖", "L·max_k", "L·sup_s");
        for (int j = 0; j < k; j++) tab.row(c.depths()[j], nodes[j], sup[j], c.depths()[j] * nodes[j], c.depths()[j] * sup[j]);
        e.table("sweep", tab).put("dropped_pre_asymptotic_depths", RateFit.preAsymptoticDepths(c.depths(), c.fitFrom()));
        List<Rate> rates = List.of(rate(e, "max_k", c.depths(), nodes, fill(k, hScale), c.fitFrom()),
                rate(e, "sup_s", c.depths(), sup, fill(k, hScale), c.fitFrom()));
        boolean refOk = c.refError() <= 1e-3 * Arrays.stream(nodes).min().orElse(0);
        e.put("reference_error_negligible", refOk);
        e.plot("rate", "Proposition 11: hidden trajectory against the ODE solution", "Predicted: slope −1 (bound (35)).",
                "error", ConvergenceStudy.of("max_k ‖h_k − H(k/L)‖", c.depths(), nodes, rates.get(0).fit(), c.fitFrom()),
                ConvergenceStudy.of("sup_s ‖h_⌊Ls⌋ − H(s)‖", c.depths(), sup, rates.get(1).fit(), c.fitFrom()));
        return Outcome.of(allOk(rates) && refOk, summary(rates) + "; reference error " + fmt(c.refError()),
                "slopes " + fmt(rates.get(0).fit().slope()) + ", " + fmt(rates.get(1).fit().slope()), e);
    }
}
