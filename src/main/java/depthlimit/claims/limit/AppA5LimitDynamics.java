package depthlimit.claims.limit;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.Figures;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;
import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.flow.TrainSpec;
import depthlimit.init.GaussianProcess;
import depthlimit.limit.ContinuousDepthFlow;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.GaussLegendre;
import depthlimit.limit.RateFit;
import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.model.Parameters;
import depthlimit.model.Vectors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.limit.LimitCommon.*;

/** Claim 12, {@code appA5.limit-dynamics}: The ResNet's training converges to the continuous-depth dynamics (Appendix A.5 (limiting training dynamics, with the corrected adjoint ∂_sP = −∂_1fᵀP); Theorem 14). */
public final class AppA5LimitDynamics {
    private AppA5LimitDynamics() {}

    /** The claim as data, with its check {@link #limitDynamics}. */
    public static Claim claim() {
        return new Claim("appA5.limit-dynamics", 12, "The ResNet's training converges to the continuous-depth dynamics",
                "Appendix A.5 (limiting training dynamics, with the corrected adjoint ∂_sP = −∂_1fᵀP); Theorem 14",
                "model (3), smooth GP init (Section 4.3), all of A, B, V, W trained by the flow (4) on [0, T]",
                "‖𝒵^L(·,t) − 𝒵(·,t)‖ (sup_s, L², and at the points s = k/L), ‖A^L − A‖, ‖B^L − B‖, max_i ‖F^L(x_i) − "
                        + "F(x_i)‖, max over the sampled t, with 𝒵, A, B from the A.5 system solved directly (RK4 in "
                        + "s, dp853 in t)",
                "each O(1/L): " + SLOPES + ", " + converges("L·distance") + "; the solver's own error far below",
                AppA5LimitDynamics::limitDynamics)
                .documented("the ResNet backpropagates with the printed eq. (13): it follows another flow, whose depth limit is not the A.5 system with ∂₁fᵀ",
                        "the A.5 system is solved by RK4 in s and dp853 in t on a finite grid; existence of the flow on [0, T] (Theorem 14) is taken from a completed run")
                .paperEstimate(653)
                .sizes(SIZES);
    }

    /** n samples, widths m, q, d, d', σ, flow time T, the depth sweep and the first fitted depth. */
    record Sizes(int n, int m, int q, int d, int dOut, Activation sigma, double T, int[] depths, int fitFrom) {}

    /** ci: L = 16 is pre-asymptotic (pairwise slope 0.92), so the fit starts at 32. */
    static final PerScale<Sizes> SIZES = new PerScale<>(
            new Sizes(10, 8, 6, 3, 3, Activations.TANH, 2, new int[]{16, 32, 64, 128}, 32),
            new Sizes(100, 32, 16, 16, 16, Activations.GELU, 5, new int[]{32, 64, 128, 256, 512}, 64));

    static Outcome limitDynamics(Claim.Context ctx) {
        Sizes z = SIZES.at(ctx.scale());
        long seed = ctx.seed();
        // smooth GP init (Section 4.3): 𝒵 varies in s from t = 0, and Z_k(0) = 𝒵(k/L, 0) exactly
        Experiment.Setup s = new Experiment.Setup(Convention.PAPER, z.sigma(), z.m(), z.q(), z.d(), z.dOut(), true,
                new GaussianData(z.n(), seed, 1.0), new GaussianProcess(seed + 2, 0.3, 1.0, 1.0));
        double T = z.T();
        int[] depths = z.depths().clone();
        int fitFrom = z.fitFrom();
        int N = depths[depths.length - 1] / 2;                           // 2N = L_max: every s = k/L is a grid point
        double[] times = uniformTimes(T, 4);
        TrainSpec spec = flow(T, 1e-10, times);
        Evidence e = new Evidence().put("setup", s.describe()).put("training", spec.describe()).put("depths", depths)
                .put("fit_from_depth", fitFrom).put("dropped_pre_asymptotic_depths", RateFit.preAsymptoticDepths(depths, fitFrom));
        List<Experiment.Run> runs = Experiment.trainAll(s, depths, spec, true, ctx.fault().recursion(), ctx.threads());
        Outcome fail = Experiment.failed(runs, e);
        if (fail != null) return fail;
        Architecture shape = runs.get(0).arch();
        Dataset data = runs.get(0).data();
        GaussianProcess gp = (GaussianProcess) s.init();
        Parameters p0 = gp.create(shape);
        ContinuousDepthFlow cf = new ContinuousDepthFlow(shape, data, N);
        ContinuousDepthFlow.Solution cs = cf.integrate(cf.state(p0.a(), gp.paths(shape.q(), shape.m())::at, p0.b()), T,
                times, 1e-10, 1e-12, 5_000_000);
        // its own s-discretization error, order 4: ‖y_N − y_{N/2}‖ ≈ 15 × error(N)
        ContinuousDepthFlow half = new ContinuousDepthFlow(shape, data, N / 2);
        ContinuousDepthFlow.Solution hs = half.integrate(half.state(p0.a(), gp.paths(shape.q(), shape.m())::at, p0.b()), T,
                times, 1e-10, 1e-12, 5_000_000);
        if (!cs.completed()) return Outcome.inconclusive(cs.reason(), "continuous solver failed", e);
        if (!hs.completed()) return Outcome.inconclusive(hs.reason(), "continuous solver failed", e);
        double sError = 0;
        int qm = shape.layerV();
        double[] v = new double[qm], w = new double[qm], vh = new double[qm], wh = new double[qm];
        for (int t = 0; t < times.length; t++)
            for (int p = 0; p < half.points(); p++) {
                cf.weightsAt(cs.states().get(t), half.s(p), v, w);       // a node of both grids
                half.weightsAt(hs.states().get(t), half.s(p), vh, wh);
                sError = Math.max(sError, Vectors.distance(v, 0, vh, 0, qm) + Vectors.distance(w, 0, wh, 0, qm));
            }
        sError /= 15;
        e.put("continuous_solver", Map.of("intervals_N", N, "points", cf.points(), "evaluations", cs.evaluations(),
                "accepted_steps", cs.acceptedSteps(), "t_integrator", "Hipparchus DormandPrince853, rtol 1e-10, atol 1e-12",
                "s_discretization_error_estimate", sError, "note", "‖𝒵_N − 𝒵_{N/2}‖/15 at the nodes of N/2 (order 4)"));
        int k = depths.length;
        double[] node = new double[k], sup = new double[k], l2 = new double[k], dA = new double[k], dB = new double[k],
                dF = new double[k], sup0 = new double[k];
        double[] fr = new double[shape.dOut()], fl = new double[shape.dOut()];
        double fScale = 0;
        for (int j = 0; j < k; j++) {
            Experiment.Run r = runs.get(j);
            Architecture a = r.arch();
            Backprop bp = new Backprop(a, data);
            for (int t = 0; t < times.length; t++) {
                double[] th = r.snapshots().get(t), y = cs.states().get(t);
                double[] dist = depthMapToContinuous(a, th, cf, y);
                if (t == 0) sup0[j] = dist[1];
                node[j] = Math.max(node[j], dist[0]);
                sup[j] = Math.max(sup[j], dist[1]);
                l2[j] = Math.max(l2[j], dist[2]);
                dA[j] = Math.max(dA[j], Vectors.distance(th, a.offA(), y, cf.layout().offA(), a.sizeA()));
                dB[j] = Math.max(dB[j], Vectors.distance(th, a.offB(), y, cf.layout().offB(), a.sizeB()));
                bp.loss(th);
                cf.loss(y);
                for (int i = 0; i < data.n(); i++) {
                    bp.output(i, fr);
                    cf.output(i, fl);
                    dF[j] = Math.max(dF[j], Vectors.distance(fr, 0, fl, 0, shape.dOut()));
                    fScale = Math.max(fScale, Vectors.norm(fl, 0, shape.dOut()));
                }
            }
        }
        double zScale = runs.get(k - 1).last().maxNormZ();
        Evidence.Table tab = new Evidence.Table("L", "max_k ‖Z_k − 𝒵(k/L)‖", "sup_s ‖𝒵^L − 𝒵‖", "L² ‖𝒵^L − 𝒵‖",
                "‖A^L − A‖", "‖B^L − B‖", "max_i ‖F^L(x_i) − F(x_i)‖", "L·sup_s", "sup_s at t = 0");
        for (int j = 0; j < k; j++)
            tab.row(depths[j], node[j], sup[j], l2[j], dA[j], dB[j], dF[j], depths[j] * sup[j], sup0[j]);
        // at t = 0 the nodes agree exactly; the sup/L² distances then are the piecewise-constant sampling of the
        // smooth init by eq. (8) (pieces of length 1/(L−1)), itself O(1/L)
        e.table("max_over_t_resnet_vs_limit", tab);
        List<Rate> rates = List.of(rate(e, "nodes", depths, node, fill(k, zScale), fitFrom),
                rate(e, "sup_s", depths, sup, fill(k, zScale), fitFrom),
                rate(e, "L2", depths, l2, fill(k, zScale), fitFrom),
                rate(e, "A", depths, dA, fill(k, runs.get(k - 1).last().normA()), fitFrom),
                rate(e, "B", depths, dB, fill(k, runs.get(k - 1).last().normB()), fitFrom),
                rate(e, "F", depths, dF, fill(k, fScale), fitFrom));
        double smallest = Arrays.stream(new double[]{node[k - 1], dA[k - 1], dB[k - 1], dF[k - 1]}).min().orElse(0);
        boolean solverOk = sError < 1e-2 * smallest;
        e.put("solver_error_far_below_differences", solverOk);
        List<Double> losses = new ArrayList<>();
        for (double l : cs.losses()) losses.add(l);
        e.put("limit_loss_at_sample_times", losses);
        boolean ok = allOk(rates) && solverOk;
        Figures.solver(e, runs);
        e.plot("rate", "Appendix A.5: the ResNet's training against the continuous-depth dynamics", "max over sampled "
                + "t ≤ T; predicted slope −1.", "distance", ConvergenceStudy.of("max_k ‖Z_k − 𝒵(k/L)‖", depths, node, rates.get(0).fit(), fitFrom),
                ConvergenceStudy.of("sup_s ‖𝒵^L − 𝒵‖", depths, sup, rates.get(1).fit(), fitFrom),
                ConvergenceStudy.of("‖A^L − A‖", depths, dA, rates.get(3).fit(), fitFrom),
                ConvergenceStudy.of("max_i ‖F^L(x_i) − F(x_i)‖", depths, dF, rates.get(5).fit(), fitFrom));
        return Outcome.of(ok, summary(rates) + "; solver s-error " + fmt(sError),
                "sup_s slope " + fmt(rates.get(1).fit().slope()) + ", nodes " + fmt(rates.get(0).fit().slope())
                        + ", A " + fmt(rates.get(3).fit().slope()) + ", solver err " + fmt(sError), e);
    }

    /**
     * {max_k ‖Z_k − 𝒵(k/L)‖, sup_s ‖𝒵^L(s) − 𝒵(s)‖, (∫‖𝒵^L − 𝒵‖² ds)^{1/2}} with ‖·‖ = ‖·‖_F(V) + ‖·‖_F(W) and
     * 𝒵^L(s) = Z_{⌊(L−1)s⌋+1} (eq. (8)). On each piece of 𝒵^L the difference to the smooth 𝒵 is convex up to O(1/L²),
     * so its sup is taken at the two ends and the midpoint; the L² integral by 4-point Gauss–Legendre per piece.
     */
    static double[] depthMapToContinuous(Architecture a, double[] theta, ContinuousDepthFlow cf, double[] y) {
        int L = a.L(), qm = a.layerV();
        double[] v = new double[qm], w = new double[qm];
        double node = 0, sup = 0, l2 = 0;
        for (int k = 1; k <= L; k++) {
            cf.weightsAt(y, (double) k / L, v, w);
            node = Math.max(node, Vectors.distance(theta, a.offV() + (k - 1) * qm, v, 0, qm) + Vectors.distance(theta, a.offW() + (k - 1) * qm, w, 0, qm));
        }
        for (int piece = 0; piece < L - 1; piece++) {
            double lo = (double) piece / (L - 1), hi = (double) (piece + 1) / (L - 1);
            int layer = piece + 1, ov = a.offV() + (layer - 1) * qm, ow = a.offW() + (layer - 1) * qm;
            for (double s : new double[]{lo, 0.5 * (lo + hi), hi}) {
                cf.weightsAt(y, s, v, w);
                sup = Math.max(sup, Vectors.distance(theta, ov, v, 0, qm) + Vectors.distance(theta, ow, w, 0, qm));
            }
            for (int g = 0; g < GaussLegendre.POINTS; g++) {
                cf.weightsAt(y, GaussLegendre.node(g, lo, hi), v, w);
                double z = Vectors.distance(theta, ov, v, 0, qm) + Vectors.distance(theta, ow, w, 0, qm);
                l2 += GaussLegendre.weight(g, lo, hi) * z * z;
            }
        }
        cf.weightsAt(y, 1.0, v, w);                                     // s = 1 ↦ layer L
        sup = Math.max(sup, Vectors.distance(theta, a.offV() + (L - 1) * qm, v, 0, qm) + Vectors.distance(theta, a.offW() + (L - 1) * qm, w, 0, qm));
        return new double[]{node, sup, Math.sqrt(l2)};
    }
}
