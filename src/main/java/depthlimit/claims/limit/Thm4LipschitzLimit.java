package depthlimit.claims.limit;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;
import depthlimit.claims.Tolerance;
import depthlimit.limit.CauchyRatios;
import depthlimit.limit.ContinuousDepthFlow;
import depthlimit.limit.DepthMap;
import depthlimit.model.Architecture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.limit.LimitCommon.*;

/** Claim 11, {@code thm4.lipschitz-limit}: The limit weights are K-Lipschitz in depth (Theorem 4 (by-product after the statement); Proposition 3). */
public final class Thm4LipschitzLimit {
    private Thm4LipschitzLimit() {}

    /** The claim as data, with its check {@link #thm4Lipschitz}. */
    public static Claim claim() {
        return new Claim("thm4.lipschitz-limit", 11, "The limit weights are K-Lipschitz in depth",
                "Theorem 4 (by-product after the statement); Proposition 3",
                "as thm4.weights-limit",
                "Λ(L,t) = max_k L‖Z_{k+1}(t) − Z_k(t)‖ at each sampled t; K(T) = sup_L L·X(L,T); the Lipschitz "
                        + "constant of 𝒵(·,t) from the continuous-depth system",
                "Λ(L,t) converges as L grows at every t, and its limit (the Lipschitz constant of 𝒵(·,t)) is ≤ K(T)",
                Thm4LipschitzLimit::thm4Lipschitz)
                .documented("the same i.i.d. sweep: L·max_k ‖ΔZ_k‖ grows like L, there is no Lipschitz limit",
                        "the limit's Lipschitz constant comes from the continuous-depth system of Appendix A.5 on 32 (ci) or 64 intervals in s")
                .paperEstimate(99)
                .sizes(new PerScale<>(new Sizes(THM4_SIZES.ci(), LIMIT_GRID.ci()), new Sizes(THM4_SIZES.paper(), LIMIT_GRID.paper())));
    }

    /** The grid of the continuous-depth system (A.5) that gives the limit's Lipschitz constant: N intervals in s. */
    record Grid(int intervals) {}

    static final PerScale<Grid> LIMIT_GRID = new PerScale<>(new Grid(32), new Grid(64));

    /** What the documentation lists: the shared Theorem-4 sweep and this claim's grid. */
    record Sizes(Thm4Sizes sweep, Grid limitGrid) {}

    static Outcome thm4Lipschitz(Claim.Context ctx) {
        Thm4Sweep sw = thm4Sweep(ctx.scale(), ctx.seed(), ctx.fault());
        Evidence e = copy(sw.base());
        if (sw.failure() != null) return Outcome.inconclusive(sw.failure().summary(), sw.failure().keyFigure(), e);
        List<Experiment.Run> all = sw.all();
        int k = all.size(), nt = sw.spec().sampleTimes().length;
        double[] times = sw.spec().sampleTimes();
        int[] depths = all.stream().mapToInt(r -> r.arch().L()).toArray();
        // K(T) = sup_L L·X(L,T), X the running max over every accepted step (Proposition 3). The sup runs over every
        // L, the limit included: its upper estimate (Richardson value + its correction) joins the sampled maximum
        double[] x = new double[k];
        double kSampled = 0;
        for (int j = 0; j < k; j++) {
            x[j] = all.get(j).last().runMaxDZ();
            kSampled = Math.max(kSampled, depths[j] * x[j]);
        }
        double[] kL = limitOfOneOverL(depths[k - 2], depths[k - 2] * x[k - 2], depths[k - 1], depths[k - 1] * x[k - 1]);
        double kLimit = kL[0] + kL[1], kT = Math.max(kSampled, kLimit);
        CauchyRatios kCauchy = Tolerance.CAUCHY_RATIO.cauchy(asDouble(depths), x);
        e.put("K(T) = sup_L L·X(L,T), limit included", kT).put("max over the sampled L", kSampled)
                .put("lim_L L·X(L,T) (Richardson) and its correction", kL).cauchy("L_times_X(L,T)", kCauchy);
        // the Lipschitz constant of the limit 𝒵(·,t) itself, from the continuous-depth system (A.5) solved directly
        Experiment.Run r0 = sw.runs().get(0);
        Architecture shape = r0.arch();
        int N = LIMIT_GRID.at(sw.scale()).intervals();
        ContinuousDepthFlow cf = new ContinuousDepthFlow(shape, r0.data(), N);
        double[] th0 = r0.theta0();
        int qm = shape.layerV();
        ContinuousDepthFlow.Weights tied = (s, v, w) -> {                 // weight-tied: 𝒵(s,0) = (V_1, W_1)
            System.arraycopy(th0, shape.offV(), v, 0, qm);
            System.arraycopy(th0, shape.offW(), w, 0, qm);
        };
        double[] a0 = Arrays.copyOfRange(th0, shape.offA(), shape.offV()), b0 = Arrays.copyOfRange(th0, shape.offB(), shape.size());
        ContinuousDepthFlow.Solution cs = cf.integrate(cf.state(a0, tied, b0), sw.spec().T(), times, 1e-10, 1e-12, 5_000_000);
        // the derivative of the piecewise quadratic is O(h²): its error is ≈ |Lip_N − Lip_{N/2}|/3
        ContinuousDepthFlow half = new ContinuousDepthFlow(shape, r0.data(), N / 2);
        ContinuousDepthFlow.Solution hs = half.integrate(half.state(a0, tied, b0), sw.spec().T(), times, 1e-10, 1e-12, 5_000_000);
        if (!cs.completed()) return Outcome.inconclusive(cs.reason(), "continuous solver failed", e);
        if (!hs.completed()) return Outcome.inconclusive(hs.reason(), "continuous solver failed", e);
        List<String> cols = new ArrayList<>(List.of("t"));
        for (int L : depths) cols.add("Λ(" + L + ",t)");
        cols.addAll(List.of("Richardson lim Λ", "Lip 𝒵(·,t) (A.5 solver)", "its error estimate", "last Cauchy ratio"));
        List<List<Object>> rows = new ArrayList<>();
        boolean converged = true, bounded = true, agrees = true;
        double worstGap = 0;
        for (int t = 1; t < nt; t++) {                                  // t = 0: weight-tied, Λ = 0 for every L
            double[] dz = new double[k];
            List<Object> row = new ArrayList<>();
            row.add(times[t]);
            for (int j = 0; j < k; j++) {
                dz[j] = depthMetrics(all.get(j).arch(), all.get(j).snapshots().get(t));
                row.add(depths[j] * dz[j]);
            }
            CauchyRatios c = Tolerance.CAUCHY_RATIO.cauchy(asDouble(depths), dz);
            double lip = cf.lipschitzInDepth(cs.states().get(t));
            double lipErr = Math.abs(lip - half.lipschitzInDepth(hs.states().get(t))) / 3;
            // lim_L Λ(L,t): Richardson value from the two deepest runs, uncertain by its own correction; the solver's
            // value is within lipErr of Lip 𝒵(·,t)
            double lam = depths[k - 1] * dz[k - 1];
            double[] lim = limitOfOneOverL(depths[k - 2], depths[k - 2] * dz[k - 2], depths[k - 1], lam);
            double band = lim[1] + lipErr, gap = Math.abs(lip - lim[0]);
            worstGap = Math.max(worstGap, gap / Math.max(band, 1e-300));
            row.add(lim[0]);
            row.add(lip);
            row.add(lipErr);
            row.add(c.ratios().get(c.ratios().size() - 1));
            rows.add(row);
            converged &= c.converged();
            bounded &= lam <= kT && lip <= kT + band;                 // band: the uncertainty of the limit
            agrees &= gap <= band;
        }
        e.table("Lambda_by_time", cols, rows).put("continuous_solver", Map.of("intervals", N, "evaluations",
                cs.evaluations(), "note", "Lip = max over s of ‖∂_s𝒱‖_F + ‖∂_s𝒲‖_F of the piecewise-quadratic 𝒵(·,t), "
                        + "error ≈ |Lip_N − Lip_{N/2}|/3"));
        e.put("Lambda_converges_at_every_t", converged).put("limit_below_K", bounded)
                .put("continuous_Lipschitz_matches_lim_Lambda", agrees).put("worst_gap_over_band", worstGap);
        boolean ok = converged && bounded && agrees && kCauchy.converged();
        return Outcome.of(ok, "Λ(L,t) converges at every sampled t: " + converged + "; Lip 𝒵(·,t) from the A.5 solver "
                        + "matches the extrapolated lim Λ within its uncertainty: " + agrees + "; ≤ K(T) = " + fmt(kT) + ": " + bounded,
                "Lip 𝒵(·,T) = " + fmt(cf.lipschitzInDepth(cs.states().get(nt - 1))) + " ≤ K(T) = " + fmt(kT), e);
    }

    /**
     * {Y∞, |Y∞ − Y(L2)|} for Y(L) = Y∞ + c/L + O(1/L²) known at L1 < L2: Richardson's Y∞ = Y(L2) + (Y(L2) − Y(L1))
     * L1/(L2 − L1); its correction is the uncertainty quoted with it.
     */
    static double[] limitOfOneOverL(int l1, double y1, int l2, double y2) {
        double corr = (y2 - y1) * l1 / (l2 - l1);
        return new double[]{y2 + corr, Math.abs(corr)};
    }

    /** max_k (‖V_{k+1} − V_k‖_F + ‖W_{k+1} − W_k‖_F). */
    static double depthMetrics(Architecture a, double[] theta) {
        double w = 0;
        for (int k = 1; k < a.L(); k++) {
            double[] d = DepthMap.layerDistance(a, theta, k, a, theta, k + 1);
            w = Math.max(w, d[0] + d[1]);
        }
        return w;
    }
}
