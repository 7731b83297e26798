package depthlimit.claims.limit;

import depthlimit.claims.Claim;
import depthlimit.claims.DepthMapCalibration;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.Figures;
import depthlimit.claims.Outcome;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.DepthMap;
import depthlimit.limit.RateFit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.limit.LimitCommon.*;

/** Claim 9, {@code thm4.weights-limit}: Trained weights converge as depth functions, uniformly in t (Theorem 4 (ii), eq. (8); Figure 1 (right)). */
public final class Thm4WeightsLimit {
    private Thm4WeightsLimit() {}

    /** The claim as data, with its check {@link #thm4Weights}. */
    public static Claim claim() {
        return new Claim("thm4.weights-limit", 9, "Trained weights converge as depth functions, uniformly in t",
                "Theorem 4 (ii), eq. (8); Figure 1 (right)",
                "model (3), weight-tied init (Section 3), A, B, V, W trained by the gradient flow (4) on [0, T]",
                "‖𝒵^L(·,t) − 𝒵^{2L}(·,t)‖ in sup_s and L²(0,1) (max over the sampled t ≤ T), and against a much "
                        + "deeper reference",
                "→ 0 like 1/L: " + SLOPES + ", " + converges("L·distance") + "; the distance grows with t" + DepthMapCalibration.PREDICTED,
                Thm4WeightsLimit::thm4Weights)
                .documented("i.i.d. N(0, 1) weights per layer (T = 0.5, reference depth 256): 𝒵^L and 𝒵^{2L} stay O(1) apart, slope ≈ 0",
                        "Theorem 4 is a limit L → ∞ on [0, T]: depths ≤ 128 (ci) or 1024 (paper) against one deeper reference, uniformity in t read on 9 sample times")
                .paperEstimate(201)
                .sizes(THM4_SIZES);
    }

    static Outcome thm4Weights(Claim.Context ctx) {
        Thm4Sweep sw = thm4Sweep(ctx.scale(), ctx.seed(), ctx.fault());
        Evidence e = copy(sw.base());
        if (sw.failure() != null) return Outcome.inconclusive(sw.failure().summary(), sw.failure().keyFigure(), e);
        int k = sw.depths().length, nt = sw.spec().sampleTimes().length;
        double[] times = sw.spec().sampleTimes();
        double[] supD = new double[k - 1], l2D = new double[k - 1], supRef = new double[k], l2Ref = new double[k];
        double[][] supT = new double[k - 1][nt];
        for (int j = 0; j + 1 < k; j++) {
            Experiment.Run a = sw.runs().get(j), b = sw.runs().get(j + 1);
            for (int t = 0; t < nt; t++) {
                DepthMap.Distance dd = DepthMap.distance(a.arch(), a.snapshots().get(t), b.arch(), b.snapshots().get(t));
                supT[j][t] = dd.supZ();
                supD[j] = Math.max(supD[j], dd.supZ());
                l2D[j] = Math.max(l2D[j], dd.l2Z());
            }
        }
        for (int j = 0; j < k; j++) {
            Experiment.Run a = sw.runs().get(j);
            for (int t = 0; t < nt; t++) {
                DepthMap.Distance dd = DepthMap.distance(a.arch(), a.snapshots().get(t), sw.ref().arch(), sw.ref().snapshots().get(t));
                supRef[j] = Math.max(supRef[j], dd.supZ());
                l2Ref[j] = Math.max(l2Ref[j], dd.l2Z());
            }
        }
        double zScale = sw.ref().last().maxNormZ();
        int[] pairs = Arrays.copyOf(sw.depths(), k - 1);
        List<Rate> rates = List.of(rate(e, "sup_s_L_vs_2L", pairs, supD, fill(k - 1, zScale), sw.fitFrom()),
                rate(e, "L2_L_vs_2L", pairs, l2D, fill(k - 1, zScale), sw.fitFrom()));
        // against the reference the O(1/L_ref) error of the reference biases the slope upwards (by ≈ 0.1 at
        // L = L_ref/8): fit only L ≤ L_ref/8
        int refCut = sw.ref().arch().L() / 8;
        int kr = (int) Arrays.stream(sw.depths()).filter(L -> L <= refCut).count();
        int[] refDepths = Arrays.copyOf(sw.depths(), kr);
        RateFit refSup = RateFit.fitFrom(refDepths, Arrays.copyOf(supRef, kr), fill(kr, zScale), sw.fitFrom());
        RateFit refL2 = RateFit.fitFrom(refDepths, Arrays.copyOf(l2Ref, kr), fill(kr, zScale), sw.fitFrom());
        e.fit("fit_sup_s_vs_reference (L ≤ L_ref/8)", refSup).fit("fit_L2_vs_reference (L ≤ L_ref/8)", refL2);
        // the reference's own error: Σ_j C/(2^j L_ref) = 2C/L_ref with C from the L-vs-2L fit
        double refOwn = 2 * rates.get(0).fit().constant() * Math.pow(1.0 / sw.ref().arch().L(), rates.get(0).fit().slope());
        e.put("reference_own_error_estimate_sup", refOwn);
        Evidence.Table tab = new Evidence.Table("L", "max_t sup_s ‖𝒵^L − 𝒵^{2L}‖", "max_t L²", "L·sup", "sup vs ref", "L² vs ref");
        for (int j = 0; j < k; j++)
            tab.row(sw.depths()[j], j + 1 < k ? supD[j] : null, j + 1 < k ? l2D[j] : null,
                    j + 1 < k ? sw.depths()[j] * supD[j] : null, supRef[j], l2Ref[j]);
        e.table("sweep", tab);
        List<String> cols = new ArrayList<>();
        cols.add("L");
        for (double t : times) cols.add("t=" + fmt(t));
        List<List<Object>> rows = new ArrayList<>();
        boolean growing = true;
        for (int j = 0; j + 1 < k; j++) {
            List<Object> row = new ArrayList<>();
            row.add(sw.depths()[j]);
            for (int t = 0; t < nt; t++) {
                row.add(supT[j][t]);
                if (t > 0 && supT[j][t] < supT[j][t - 1]) growing = false;
            }
            rows.add(row);
        }
        e.table("sup_s_L_vs_2L_by_time", cols, rows).put("error_non_decreasing_in_t", growing);
        boolean refOk = RATE.fits(refSup) && RATE.fits(refL2);
        DepthMapCalibration.Result cal = DepthMapCalibration.check(sw.runs());
        cal.into(e);
        boolean ok = allOk(rates) && refOk && sw.solverError() < 1e-3 * supD[k - 2] && cal.exact();
        Figures.solver(e, sw.runs());
        e.plot("rate", "Theorem 4 (ii): trained weights, depth L against 2L", "max over sampled t ≤ T; predicted slope −1. "
                + "Against the deep reference L_ref = " + sw.ref().arch().L() + " (fitted for L ≤ L_ref/8).", "distance",
                ConvergenceStudy.of("max_t sup_s ‖𝒵^L − 𝒵^{2L}‖", pairs, supD, rates.get(0).fit(), sw.fitFrom()),
                ConvergenceStudy.of("max_t ‖𝒵^L − 𝒵^{2L}‖_L²", pairs, l2D, rates.get(1).fit(), sw.fitFrom()),
                ConvergenceStudy.of("max_t sup_s ‖𝒵^L − 𝒵^{L_ref}‖", sw.depths(), supRef, refSup, sw.fitFrom(), refCut));
        double[][] hv = new double[nt][k], hw = new double[nt][k];
        for (int j = 0; j < k; j++)
            for (int t = 0; t < nt; t++) {
                Experiment.Run a = sw.runs().get(j);
                DepthMap.Distance dd = DepthMap.distance(a.arch(), a.snapshots().get(t), sw.ref().arch(), sw.ref().snapshots().get(t));
                hv[t][j] = dd.supV();
                hw[t][j] = dd.supW();
            }
        String refL = "L_ref = " + sw.ref().arch().L();
        e.plot(new depthlimit.plot.HeatMap("figure1-right-V", "Figure 1 (right): sup_s ‖𝒱^L(·,t) − 𝒱(·,t)‖, 𝒱 ≈ 𝒱^{L_ref}",
                "Colour: log₁₀ of the distance of the depth-L weights to those of the deep reference (" + refL + "), over training time "
                        + "and depth; each doubling of L should lower it by log₁₀ 2 ≈ 0.3 at every t. At t = 0 the distance is 0 (the "
                        + "weight-tied init is the same function at every depth): blank on the log scale.", depthlimit.plot.Axis.linear("training time t"),
                depthlimit.plot.Axis.linear("depth L"), "sup_s ‖𝒱^L − 𝒱^{L_ref}‖", true, times, asDouble(sw.depths()), hv));
        e.plot(new depthlimit.plot.HeatMap("figure1-right-W", "Figure 1 (right): sup_s ‖𝒲^L(·,t) − 𝒲(·,t)‖, 𝒲 ≈ 𝒲^{L_ref}",
                "As for 𝒱.", depthlimit.plot.Axis.linear("training time t"), depthlimit.plot.Axis.linear("depth L"),
                "sup_s ‖𝒲^L − 𝒲^{L_ref}‖", true, times, asDouble(sw.depths()), hw));
        return Outcome.of(ok, summary(rates) + "; vs L_ref = " + sw.ref().arch().L() + ": slopes " + fmt(refSup.slope())
                        + ", " + fmt(refL2.slope()) + "; distance non-decreasing in t: " + growing,
                "sup slope " + fmt(rates.get(0).fit().slope()) + ", L² slope " + fmt(rates.get(1).fit().slope())
                        + ", L·sup → " + fmt(sw.depths()[k - 2] * supD[k - 2]), e);
    }
}
