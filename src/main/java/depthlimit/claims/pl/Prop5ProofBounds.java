package depthlimit.claims.pl;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;
import depthlimit.data.Dataset;
import depthlimit.data.SphereData;
import depthlimit.init.WeightTied;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.model.SingularValues;
import depthlimit.random.Rng;
import org.ejml.data.DMatrixRMaj;

import static depthlimit.claims.pl.PlCommon.*;

/** Claim 16, {@code prop5.proof-bounds}: The estimates of the proof of Proposition 5 hold (Appendix B.5, eqs. (47)–(52)). */
public final class Prop5ProofBounds {
    private Prop5ProofBounds() {}

    /** The claim as data, with its check {@link #proofBounds}. */
    public static Claim claim() {
        return new Claim("prop5.proof-bounds", 16, "The estimates of the proof of Proposition 5 hold",
                "Appendix B.5, eqs. (47)–(52)", "tanh (K_σ = 1), ‖x_i‖ = √q, q ≥ d + d′, m ≥ n, ‖W̄‖_F ≤ √(2qm), the proof's ball "
                + "of radius M = min(η_r/(32K_σ√(2nq)), 1/2)",
                "‖h_k‖_F, ‖p_k‖_F and ‖∂ℓ/∂V_{k+1}‖_F at random points of the ball, every layer k",
                "‖h_k‖_F ≤ 2e^{2√2K}√(qn); e^{−2√2K}√ℓ/√n ≤ ‖p_k‖_F ≤ 3e^{2√2K}√ℓ/√n; ‖∂ℓ/∂V_{k+1}‖_F ≥ "
                        + "e^{−2√2K}√ℓ·s_min(σ(W_{k+1}h_k/√q))/(L√(mn))",
                Prop5ProofBounds::proofBounds)
                .documented("points of a ball of radius 10⁴ instead of the proof's M: ‖h_k‖ exceeds 2e^{2√2K}√(qn)",
                        "tanh only (K_σ = 1); random points of the ball, not its worst case; below the width (m < n) the estimates hold and cannot fail")
                .paperEstimate(3)
                .sizes(SIZES);
    }

    /** n samples, widths d, d', q, m, the random points of the ball per depth, and the depths. */
    record Sizes(int n, int d, int dOut, int q, int m, int points, int[] depths) {}

    static final PerScale<Sizes> SIZES = new PerScale<>(
            new Sizes(6, 2, 2, 4, 12, 10, new int[]{4, 32}),
            new Sizes(20, 2, 2, 8, 64, 20, new int[]{16, 256}));

    static Outcome proofBounds(Claim.Context ctx) {
        Sizes z = SIZES.at(ctx.scale());
        int n = z.n(), d = z.d(), dOut = z.dOut(), q = z.q(), m = ctx.fault().size("m", z.m()),
                points = ctx.fault().size("points", z.points());
        int[] depths = z.depths().clone();
        double[] cs = constants();
        double eta = Math.abs(cs[1]), kS = 1.0, e22 = Math.exp(2 * Math.sqrt(2) * kS);
        double radius = ctx.fault().size("radius", Math.min(eta / (32 * kS * Math.sqrt(2.0 * n * q)), 0.5));
        Dataset data = new SphereData(n, ctx.seed(), 1.0).create(d, dOut, q);
        Evidence.Table tab = new Evidence.Table("L", "max ‖h_k‖/(2e^{2√2K}√(qn))", "min ‖p_k‖/(e^{−2√2K}√ℓ/√n)",
                "max ‖p_k‖/(3e^{2√2K}√ℓ/√n)", "min ‖∂_{V_{k+1}}ℓ‖/bound", "‖W̄‖_F/√(2qm)");
        boolean ok = true;
        for (int L : depths) {
            Architecture a = new Architecture(d, q, m, dOut, L, SIGMA, Convention.PAPER, true, true);
            double[] center = new WeightTied(ctx.seed() + 1).create(a).theta;
            double wBar = 0;
            for (int j = 0; j < a.layerW(); j++) wBar += center[a.offW() + j] * center[a.offW() + j];
            wBar = Math.sqrt(wBar) / Math.sqrt(2.0 * q * m);
            Backprop bp = new Backprop(a, data);
            double[] g = new double[a.size()], hk = new double[q], pk = new double[q];
            double maxH = 0, minP = Double.POSITIVE_INFINITY, maxP = 0, minV = Double.POSITIVE_INFINITY;
            Rng rng = Rng.stream(ctx.seed(), "claim16." + L);
            for (int s = 0; s < points; s++) {
                double[] th = ballPoint(a, center, radius, rng);
                double loss = bp.lossAndGradient(th, g), sl = Math.sqrt(loss);
                for (int k = 0; k <= L; k++) {
                    double h2 = 0, p2 = 0;
                    for (int i = 0; i < n; i++) {
                        bp.hidden(k, i, hk);
                        bp.adjoint(k, i, pk);
                        for (int r = 0; r < q; r++) { h2 += hk[r] * hk[r]; p2 += pk[r] * pk[r]; }
                    }
                    maxH = Math.max(maxH, Math.sqrt(h2) / (2 * e22 * Math.sqrt(q * n)));
                    minP = Math.min(minP, Math.sqrt(p2) / (sl / (e22 * Math.sqrt(n))));
                    maxP = Math.max(maxP, Math.sqrt(p2) / (3 * e22 * sl / Math.sqrt(n)));
                    if (k < L) {
                        double smin = sminActivations(a, th, bp, k, n);
                        double dv = 0;
                        for (int j = 0; j < a.layerV(); j++) { double v = g[a.offV() + k * a.layerV() + j]; dv += v * v; }
                        double bound = sl * smin / (e22 * L * Math.sqrt((double) m * n));
                        minV = Math.min(minV, Math.sqrt(dv) / bound);
                    }
                }
            }
            ok &= maxH <= 1 && minP >= 1 && maxP <= 1 && minV >= 1 && wBar <= 1;
            tab.row(L, maxH, minP, maxP, minV, wBar);
        }
        Evidence e = new Evidence().put("n", n).put("q", q).put("m", m).put("ball radius M", radius).put("eta_r", cs[1])
                .table("ratios (each inequality holds iff the ratio is on the right side of 1)", tab);
        return Outcome.of(ok, "every estimate holds at every layer of every sampled point", ok ? "all hold" : "violated", e);
    }

    /** s_min of σ(W_{k+1} h_k/√q) ∈ ℝ^{m×n}. */
    static double sminActivations(Architecture a, double[] th, Backprop bp, int k, int n) {
        int q = a.q(), m = a.m();
        DMatrixRMaj s = new DMatrixRMaj(m, n);
        double[] h = new double[q];
        int off = a.offW() + k * a.layerW();
        for (int i = 0; i < n; i++) {
            bp.hidden(k, i, h);
            for (int j = 0; j < m; j++) {
                double u = 0;
                for (int r = 0; r < q; r++) u += th[off + j * q + r] * h[r];
                s.set(j, i, SIGMA.value(a.cPre() * u));
            }
        }
        return SingularValues.smallest(s);
    }
}
