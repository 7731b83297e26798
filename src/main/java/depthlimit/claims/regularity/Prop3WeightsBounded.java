package depthlimit.claims.regularity;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Tolerance;
import depthlimit.flow.TrainSpec;
import depthlimit.limit.CauchyRatios;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.regularity.RegularityCommon.*;

/** Claim 6, {@code prop3.weights-bounded}: Weights stay bounded uniformly in depth (Proposition 3, eq. (7); Proposition 7, eq. (17)). */
public final class Prop3WeightsBounded {
    private Prop3WeightsBounded() {}

    /** The claim as data, with its check {@link #weightsBounded}. */
    public static Claim claim() {
        return new Claim("prop3.weights-bounded", 6, "Weights stay bounded uniformly in depth",
                "Proposition 3, eq. (7); Proposition 7, eq. (17)",
                "weight-tied init; clipped gradient descent (eq. (5), coordinatewise clipping at C) on [0, T]",
                "sup_{t ≤ T, k} ‖Z_k(t)‖, sup_t ‖A(t)‖_F, sup_t ‖B(t)‖_F over a depth sweep",
                "they converge as L grows (last successive ratio " + BOUNDED_RATIO.text() + ") and stay below M = M_0 + T·M_π (M_0 ≤ 2√(qm) w.h.p.)",
                Prop3WeightsBounded::weightsBounded)
                .documented("i.i.d. N(0, 4) weights per layer: sup_k ‖Z_k‖ is a maximum over L independent layers and grows with L; M_0 ≤ 2√(qm) fails",
                        "M_π is the clipping bound (coordinatewise clipping at C), not a sup of π over the ball of Proposition 7; M_0 ≤ 2√(qm) (Lemma 20) is checked for one draw")
                .paperEstimate(122)
                .sizes(new PerScale<>(new Sizes(PROP3_SIZES.ci(), CLIP.ci()), new Sizes(PROP3_SIZES.paper(), CLIP.paper())));
    }

    /**
     * sup_{t,k} ‖Z_k‖, sup ‖A‖, sup ‖B‖ converge in L (a bound uniform in L, Proposition 3): successive ratios of
     * the sups themselves, last one within 0.01 of 1.
     */
    static final Tolerance BOUNDED_RATIO = new Tolerance(1, 0.01);

    /** The clipping level c of the gradient (Proposition 3's M_π), on top of the Proposition-3 sizes. */
    record Clip(double clip) {}

    static final PerScale<Clip> CLIP = new PerScale<>(new Clip(0.02), new Clip(0.005));

    /** What the documentation lists: the shared Proposition-3 sizes and this claim's clipping level. */
    record Sizes(Prop3Sizes setting, Clip clipping) {}

    static Outcome weightsBounded(Claim.Context ctx) {
        Experiment.Setup s = ctx.fault().apply(prop3Setup(ctx.scale(), ctx.seed()), ctx.seed() + 1);
        double c = CLIP.at(ctx.scale()).clip();
        TrainSpec base = prop3Training(ctx.scale());
        TrainSpec t = TrainSpec.gd(base.h(), base.steps(), c, TrainSpec.everyStep(base.steps(), 1));
        Sweep sw = sweep(s, ctx.scale(), t);
        Evidence e = new Evidence().put("setup", s.describe()).put("training", t.describe());
        Outcome fail = Experiment.failed(sw.runs(), e);
        if (fail != null) return fail;
        int k = sw.depths().length, q = s.hidden(), m = s.width(), d = s.input(), dOut = s.output();
        // M_π = sup ‖π(·)‖ over the blocks: coordinatewise clipping at C bounds ‖π(Z)‖ = ‖π(V)‖_F + ‖π(W)‖_F ≤ 2C√(qm)
        double mPi = Math.max(2 * c * Math.sqrt(q * m), c * Math.sqrt(q * Math.max(d, dOut)));
        double[] supZ = new double[k], supA = new double[k], supB = new double[k], ones = new double[k];
        Evidence.Table tab = new Evidence.Table("L", "sup ‖Z_k‖", "sup ‖A‖_F", "sup ‖B‖_F", "M_0", "bound M_0 + T·M_π", "2√(qm)");
        boolean below = true;
        double lastBound = Double.NaN;
        for (int i = 0; i < k; i++) {
            Experiment.Run r = sw.runs().get(i);
            for (var row : r.rows()) {
                supZ[i] = Math.max(supZ[i], row.maxNormZ());
                supA[i] = Math.max(supA[i], row.normA());
                supB[i] = Math.max(supB[i], row.normB());
            }
            ones[i] = 1;
            var r0 = r.rows().get(0);
            double m0 = Math.max(Math.max(r0.normA(), r0.normB()), r0.maxNormZ());
            double bound = m0 + t.T() * mPi;
            lastBound = bound;
            below &= supZ[i] <= bound && supA[i] <= bound && supB[i] <= bound && m0 <= 2 * Math.sqrt(q * m);
            tab.row(sw.depths()[i], supZ[i], supA[i], supB[i], m0, bound, 2 * Math.sqrt(q * m));
        }
        CauchyRatios cz = BOUNDED_RATIO.cauchy(ones, supZ), ca = BOUNDED_RATIO.cauchy(ones, supA), cb = BOUNDED_RATIO.cauchy(ones, supB);
        e.put("clip C", c).put("M_pi", mPi).table("sweep", tab).cauchy("sup_Z_over_L", cz).cauchy("sup_A_over_L", ca).cauchy("sup_B_over_L", cb);
        boolean ok = below && cz.converged() && ca.converged() && cb.converged();
        return Outcome.of(ok, "sup_t,k ‖Z_k‖ → " + fmt(supZ[k - 1]) + " (successive ratios " + cz.ratios().stream().map(Experiment::fmt).toList()
                + "), all below M_0 + T·M_π", "sup‖Z‖ → " + fmt(supZ[k - 1]) + " ≤ " + fmt(lastBound), e);
    }
}
