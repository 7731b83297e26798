package depthlimit.claims.limit;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.Outcome;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Vectors;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.limit.LimitCommon.*;

/** Claim 10, {@code thm4.trajectory-limit}: A, B, hidden states and outputs converge along training (Theorem 4 (i), (iii), (iv)). */
public final class Thm4TrajectoryLimit {
    private Thm4TrajectoryLimit() {}

    /** The claim as data, with its check {@link #thm4Trajectory}. */
    public static Claim claim() {
        return new Claim("thm4.trajectory-limit", 10, "A, B, hidden states and outputs converge along training",
                "Theorem 4 (i), (iii), (iv)",
                "as thm4.weights-limit; held-out inputs x",
                "max over sampled t ≤ T of ‖A^L − A^{2L}‖_F, ‖B^L − B^{2L}‖_F, sup_{s,x} ‖h^L_{⌊Ls⌋} − h^{2L}_{⌊2Ls⌋}‖, "
                        + "sup_x ‖F^L(x) − F^{2L}(x)‖",
                "each → 0 like 1/L (" + SLOPE + ", " + converges("L·distance") + ")",
                Thm4TrajectoryLimit::thm4Trajectory)
                .documented("the same i.i.d. sweep: the hidden states are central-limit sums, differences O(L^{-1/2}), slopes ≈ 0.4–0.6",
                        "held-out inputs from the training distribution; the sup over s is a max over the 2L layer indices")
                .paperEstimate(2)
                .sizes(THM4_SIZES);
    }

    static Outcome thm4Trajectory(Claim.Context ctx) {
        Thm4Sweep sw = thm4Sweep(ctx.scale(), ctx.seed(), ctx.fault());
        Evidence e = copy(sw.base()).put("held_out", Map.of("n", sw.heldOut().n(), "generator", "gaussian, seed + 7"));
        if (sw.failure() != null) return Outcome.inconclusive(sw.failure().summary(), sw.failure().keyFigure(), e);
        int k = sw.depths().length, nt = sw.spec().sampleTimes().length, n = sw.heldOut().n();
        Architecture shape = sw.runs().get(0).arch();
        int q = shape.q(), dOut = shape.dOut();
        double[] dA = new double[k - 1], dB = new double[k - 1], dH = new double[k - 1], dF = new double[k - 1];
        double hScale = 0, fScale = 0;
        double[] h1 = new double[q], h2 = new double[q], f1 = new double[dOut], f2 = new double[dOut];
        for (int t = 0; t < nt; t++) {
            Backprop prev = null;
            for (int j = 0; j < k; j++) {
                Experiment.Run r = sw.runs().get(j);
                Backprop bp = new Backprop(r.arch(), sw.heldOut());
                bp.loss(r.snapshots().get(t));
                if (prev != null) {
                    Experiment.Run a = sw.runs().get(j - 1);
                    double[] ta = a.snapshots().get(t), tb = r.snapshots().get(t);
                    dA[j - 1] = Math.max(dA[j - 1], Vectors.distance(ta, shape.offA(), tb, shape.offA(), shape.sizeA()));
                    dB[j - 1] = Math.max(dB[j - 1], Vectors.distance(ta, a.arch().offB(), tb, r.arch().offB(), shape.sizeB()));
                    int L = a.arch().L();
                    for (int i = 0; i < n; i++) {
                        // s ∈ [g/(2L), (g+1)/(2L)): ⌊Ls⌋ = ⌊g/2⌋, ⌊2Ls⌋ = g, so the sup over s is a max over g
                        for (int g = 0; g <= 2 * L; g++) {
                            prev.hidden(g / 2, i, h1);
                            bp.hidden(g, i, h2);
                            dH[j - 1] = Math.max(dH[j - 1], Vectors.distance(h1, 0, h2, 0, q));
                            hScale = Math.max(hScale, Vectors.norm(h2, 0, q));
                        }
                        prev.output(i, f1);
                        bp.output(i, f2);
                        dF[j - 1] = Math.max(dF[j - 1], Vectors.distance(f1, 0, f2, 0, dOut));
                        fScale = Math.max(fScale, Vectors.norm(f2, 0, dOut));
                    }
                }
                prev = bp;
            }
        }
        double aScale = sw.ref().last().normA(), bScale = sw.ref().last().normB();
        int[] pairs = Arrays.copyOf(sw.depths(), k - 1);
        Evidence.Table tab = new Evidence.Table("L", "‖A^L − A^{2L}‖", "‖B^L − B^{2L}‖", "sup_{s,x} ‖h^L − h^{2L}‖",
                "sup_x ‖F^L − F^{2L}‖", "L·h", "L·F");
        for (int j = 0; j + 1 < k; j++)
            tab.row(pairs[j], dA[j], dB[j], dH[j], dF[j], pairs[j] * dH[j], pairs[j] * dF[j]);
        e.table("max_over_t_L_vs_2L", tab);
        List<Rate> rates = List.of(rate(e, "A", pairs, dA, fill(k - 1, aScale), sw.fitFrom()),
                rate(e, "B", pairs, dB, fill(k - 1, bScale), sw.fitFrom()),
                rate(e, "hidden", pairs, dH, fill(k - 1, hScale), sw.fitFrom()),
                rate(e, "output", pairs, dF, fill(k - 1, fScale), sw.fitFrom()));
        double minDiff = Math.min(Math.min(dA[k - 2], dB[k - 2]), Math.min(dH[k - 2], dF[k - 2]));
        boolean ok = allOk(rates) && sw.solverError() < 1e-3 * minDiff;
        e.plot("rate", "Theorem 4 (i), (iii), (iv): depth L against 2L along training", "max over sampled t ≤ T; "
                + "predicted slope −1 for each.", "distance", ConvergenceStudy.of("‖A^L − A^{2L}‖", pairs, dA, rates.get(0).fit(), sw.fitFrom()),
                ConvergenceStudy.of("‖B^L − B^{2L}‖", pairs, dB, rates.get(1).fit(), sw.fitFrom()),
                ConvergenceStudy.of("sup_{s,x} ‖h^L − h^{2L}‖", pairs, dH, rates.get(2).fit(), sw.fitFrom()),
                ConvergenceStudy.of("sup_x ‖F^L − F^{2L}‖", pairs, dF, rates.get(3).fit(), sw.fitFrom()));
        return Outcome.of(ok, summary(rates), "slopes A " + fmt(rates.get(0).fit().slope()) + ", B " + fmt(rates.get(1)
                .fit().slope()) + ", h " + fmt(rates.get(2).fit().slope()) + ", F " + fmt(rates.get(3).fit().slope()), e);
    }
}
