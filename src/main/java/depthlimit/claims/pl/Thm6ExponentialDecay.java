package depthlimit.claims.pl;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.Figures;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;
import depthlimit.claims.Tolerance;
import depthlimit.data.SphereData;
import depthlimit.flow.Method;
import depthlimit.flow.MetricsRecorder;
import depthlimit.flow.TrainSpec;
import depthlimit.init.WeightTied;
import depthlimit.limit.CauchyRatios;
import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.model.Vectors;

import java.util.ArrayList;
import java.util.List;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.pl.PlCommon.*;

/** Claim 21, {@code thm6.exponential-decay}: Wide networks with small labels: exponential decay and uniform regularity (Theorem 6, eq. (10); Proposition 8). */
public final class Thm6ExponentialDecay {
    private Thm6ExponentialDecay() {}

    /** The claim as data, with its check {@link #exponentialDecay}. */
    public static Claim claim() {
        return new Claim("thm6.exponential-decay", 21, "Wide networks with small labels: exponential decay and uniform regularity",
                "Theorem 6, eq. (10); Proposition 8", "ci: model (3), tanh, m ≫ n, ‖x_i‖ = √q, labels × 0.1, unclipped gradient flow "
                + "(dp853); paper: the Figure-2 experiment (authors-code convention, GELU, n = 50, q = d = 16, m = 64, labels "
                + "N(0, I), 80,000 GD steps at lr 5L×10⁻³), which is outside the theorem's hypotheses (labels are not small and m is not ≥ c₁n)",
                "ℓ(t)/ℓ(0), the empirical rate μ_emp = min_t −log(ℓ(t)/ℓ(0))/t, sup_t dist_init, sup_t L·max_k‖ΔZ_k‖, "
                        + "‖θ(T) − θ(T/2)‖ over a depth sweep",
                "ℓ(T) ≤ " + Tolerance.number(DECAY_TARGET) + "·ℓ(0) with μ_emp > 0 and max/min of μ_emp across L ≤ "
                        + Tolerance.number(MU_SPREAD) + "; sup_t dist_init and sup_t L·max‖ΔZ‖ converge in L (last ratio "
                        + Tolerance.CAUCHY_RATIO.text() + "); the weights settle: ‖θ(T) − θ(T/2)‖ ≤ " + Tolerance.number(SETTLE)
                        + "·‖θ(T/2) − θ(T/4)‖ (geometric convergence in t). "
                        + "A sweep whose Cauchy ratios still shrink towards 1 without reaching the tolerance is INCONCLUSIVE "
                        + "(pre-asymptotic in L)",
                Thm6ExponentialDecay::exponentialDecay)
                .documented("i.i.d. N(0, 1) W_k with V_k = 0 (depths 4, 8, 16): the loss decays but sup_t L·max‖ΔZ‖ doubles with L (no uniform regularity)",
                        "ci uses m = 64 for n = 8, not m ≥ c₁n (c₁ ≈ 10⁷); paper scale runs Figure 2, outside the hypotheses of Theorem 6; a loss that has not decayed within the horizon budget is INCONCLUSIVE; the printed eq. (13) is not caught here (V stays small, ∂₁f nearly symmetric)")
                .paperEstimate(2676)
                .sizes(SIZES);
    }

    /** The loss must fall below this fraction of ℓ(0) within the horizon (Theorem 6's exponential decay made visible). */
    static final double DECAY_TARGET = 1e-6;

    /** One rate for every L (Theorem 6's μ does not depend on L): max/min of μ_emp across the sweep at most this. */
    static final double MU_SPREAD = 1.2;

    /** Geometric convergence in t: the move over [T/2, T] at most this fraction of the move over [T/4, T/2]. */
    static final double SETTLE = 0.5;

    /** ci: the horizon is extended (by half each time) up to this flow time; beyond it the claim is INCONCLUSIVE (budget). */
    static final double T_MAX = 2560;

    /**
     * n samples, widths d, d', q, m, σ and the depth sweep. ci: the theorem's hypotheses at small size (paper model,
     * bounded σ, m ≫ n, ‖x_i‖ = √q, labels scaled by 0.1), horizon predicted up to {@link #T_MAX}; paper: Figure 2
     * (authors-code convention, labels N(0, I), 80,000 GD steps at η = 0.005).
     */
    record Sizes(int n, int d, int dOut, int q, int m, Activation sigma, int[] depths) {}

    static final PerScale<Sizes> SIZES = new PerScale<>(
            new Sizes(8, 8, 2, 10, 64, SIGMA, new int[]{8, 16, 32}),
            new Sizes(50, 16, 16, 16, 64, Activations.GELU, new int[]{16, 32, 64, 128, 256}));

    static Outcome exponentialDecay(Claim.Context ctx) {
        if (ctx.scale() == Scale.PAPER) return exponentialDecayFigure2(ctx);
        Sizes z = SIZES.ci();
        int n = z.n(), d = z.d(), dOut = z.dOut(), q = z.q(), m = z.m();
        Experiment.Setup s = ctx.fault().apply(new Experiment.Setup(Convention.PAPER, z.sigma(), m, q, d, dOut, true,
                new SphereData(n, ctx.seed(), 0.1), new WeightTied(ctx.seed() + 1)), ctx.seed() + 1);
        int div = ctx.fault().size("depth_divisor", 1);
        int[] depths = java.util.Arrays.stream(z.depths()).map(L -> L / div).toArray();
        // The horizon is predicted, not fixed: a pilot flow to t = 40 at the smallest depth measures the late decay rate
        // μ₀ = −d log ℓ/dt (= G/ℓ along the flow), and T is the time ℓ needs to fall by DECAY_TARGET at 0.8 of that
        // rate (it slows as the residual aligns with the slowest mode), rounded up to a multiple of 20; if that is
        // not enough, T grows by half until T_MAX.
        Experiment.Run pilot = Experiment.train(s, depths[0], spec(40), false, ctx.fault().recursion());
        Evidence e = new Evidence().put("setup", s.describe());
        if (!pilot.result().completed()) {
            Outcome f = Experiment.failed(List.of(pilot), e);
            if (f != null) return f;
        }
        MetricsRecorder.Row mid = pilot.rows().get(pilot.rows().size() / 2), end = pilot.last();
        double mu0 = -Math.log(end.loss() / mid.loss()) / (end.t() - mid.t());
        double predicted = mu0 > 0 ? 1.25 * Math.log(1 / DECAY_TARGET) / mu0 : Double.POSITIVE_INFINITY;
        double T = Math.min(T_MAX, Math.max(40, 20 * Math.ceil(predicted / 20)));
        e.put("pilot_late_rate_mu0", mu0).put("predicted_horizon", predicted).put("horizon_budget_T_max", T_MAX);
        // The rate may still grow after the pilot's window (seed 2: 0.025 at t = 40, 0.049 at t = 300), so the prediction
        // can overshoot. The smallest depth (the cheapest run) is flowed to T first, and T is cut to the first sample time
        // t_j (j a multiple of 4, so t_j/2 and t_j/4 are samples) where both criteria hold there; the sweep then runs to it.
        Experiment.Run probe = Experiment.train(s, depths[0], spec(T), true, ctx.fault().recursion());
        if (probe.result().completed()) {
            List<MetricsRecorder.Row> rows = probe.rows();
            List<double[]> sn = probe.snapshots();
            double l0 = rows.get(0).loss();
            for (int j = 4; j < rows.size() && j < sn.size(); j += 4) {
                boolean decayed = rows.get(j).loss() <= DECAY_TARGET * l0;
                boolean settled = Vectors.distance(sn.get(j), sn.get(j / 2)) <= 0.5 * Vectors.distance(sn.get(j / 2), sn.get(j / 4));
                if (decayed && settled) {
                    double cut = Math.max(40, 20 * Math.ceil(rows.get(j).t() / 20));
                    e.put("probe_first_decided_time", rows.get(j).t());
                    T = Math.min(T, cut);
                    break;
                }
            }
        }
        Evidence.Table attempts = new Evidence.Table("T", "decided", "why extended");
        while (true) {
            Sweep sw = decaySweep(s, depths, spec(T), T, ctx.fault().recursion(), ctx.threads());
            if (sw.failure != null) return sw.failure;
            String undecided = sw.undecidedReason();
            attempts.row(T, undecided == null, undecided == null ? "" : undecided);
            if (undecided == null || T >= T_MAX) {
                e.table("horizons tried", attempts).put("training", spec(T).describe()).table("sweep", sw.table);
                for (var kv : sw.extra.toMap().entrySet()) e.put(kv.getKey(), kv.getValue());
                Figures.solver(e, sw.runs);
                e.plot(Figures.lossDecay("loss-decay", "Theorem 6: the loss against training time (semilog)",
                        "Straight lines on this axis are exponential decay; dashed: least-squares exponential fit over t ≥ T/4; μ = μ_emp "
                                + "= min_t −log(ℓ(t)/ℓ(0))/t, the rate the check reports (ℓ(t) ≤ ℓ(0)e^(−μ_emp t)).",
                        sw.runs, sw.mus, sw.runs.get(0).rows().size() / 4, -1));
                e.plot(Figures.weightsAcrossLayers("weights-across-layers", "Theorem 6: one weight entry across layers",
                        "(W_k)₁₁ against k/L at the largest depth, at sample times from 0 to T: a smooth function of depth that settles as t grows.",
                        sw.runs.get(sw.runs.size() - 1), 5));
                if (undecided != null)
                    return Outcome.inconclusive("budget: at the largest horizon T = " + fmt(T) + " " + undecided
                            + " (the decay is still under way; a longer horizon is needed)", "T = " + fmt(T), e);
                return sw.verdict(e);
            }
            T = Math.min(T_MAX, 1.5 * T);
        }
    }

    private static TrainSpec spec(double T) {
        double[] times = new double[40];
        for (int i = 0; i < times.length; i++) times[i] = T * (i + 1) / times.length;
        return TrainSpec.adaptive(Method.DP853, T, 1e-9, 1e-14, 2_000_000, Double.NaN, times);
    }

    /** One depth sweep of the ci check at horizon T: per depth ℓ(T)/ℓ(0), rates, settling; then the verdict. */
    private static final class Sweep {
        final Evidence.Table table = new Evidence.Table("L", "ℓ(0)", "ℓ(T)", "ℓ(T)/ℓ(0)", "μ_emp", "rate −Δlog ℓ/Δt where 1e-4 ≤ ℓ/ℓ(0) ≤ 0.1",
                "mean G/ℓ there", "rate rel. diff", "tolerance", "sup_t dist_init", "sup_t L·max‖ΔZ‖",
                "‖θ(T/2) − θ(T/4)‖", "‖θ(T) − θ(T/2)‖", "rhs evals");
        final Evidence extra = new Evidence();
        final List<Integer> notDecayed = new ArrayList<>(), notSettled = new ArrayList<>(), rateMismatch = new ArrayList<>();
        double[] mus, dist, reg;
        List<Experiment.Run> runs;
        Outcome failure;

        String undecidedReason() {
            List<String> why = new ArrayList<>();
            if (!notDecayed.isEmpty()) why.add("ℓ(T)/ℓ(0) > " + DECAY_TARGET + " at L = " + notDecayed);
            if (!notSettled.isEmpty()) why.add("weights not yet settled (‖θ(T) − θ(T/2)‖ > " + Tolerance.number(SETTLE) + "·‖θ(T/2) − θ(T/4)‖) at L = " + notSettled);
            return why.isEmpty() ? null : String.join("; ", why);
        }

        Outcome verdict(Evidence e) {
            double muMin = java.util.Arrays.stream(mus).min().orElse(0), muMax = java.util.Arrays.stream(mus).max().orElse(0);
            Outcome judged = judgeAcrossDepths(e, mus, dist, reg, muMin > 0 && rateMismatch.isEmpty(),
                    "μ_emp spread across L or convergence in L failed");
            if (!rateMismatch.isEmpty())
                return Outcome.of(false, "the loss decays at a rate other than the one G/ℓ predicts (dℓ/dt = −G) at L = " + rateMismatch
                        + ": the flow is slowed or sped up", "late rate ≠ mean G/ℓ at L = " + rateMismatch, e);
            if (judged != null) return judged;
            return Outcome.of(true, "ℓ decays exponentially at μ_emp ∈ [" + fmt(muMin) + ", " + fmt(muMax) + "] across L, at the rate G/ℓ "
                    + "predicts; distance to init and L·max‖ΔZ‖ stay bounded uniformly in t and converge in L",
                    "μ_emp ≈ " + fmt(muMin) + ", ℓ(T)/ℓ(0) ≤ " + fmt(maxRatio), e);
        }

        double maxRatio;
    }

    private static Sweep decaySweep(Experiment.Setup s, int[] depths, TrainSpec t, double T, depthlimit.model.Backprop.Recursion rec,
                                    int threads) {
        Sweep sw = new Sweep();
        sw.mus = new double[depths.length];
        sw.dist = new double[depths.length];
        sw.reg = new double[depths.length];
        List<Experiment.Run> runs = Experiment.trainAll(s, depths, t, true, rec, threads);
        sw.runs = runs;
        for (int i = 0; i < depths.length; i++) {
            Experiment.Run r = runs.get(i);
            if (!r.result().completed()) continue;
            List<MetricsRecorder.Row> rows = r.rows();
            double l0 = rows.get(0).loss(), mu = Double.POSITIVE_INFINITY, maxReg = 0, maxDist = 0;
            double[] ts = new double[rows.size()], ratio = new double[rows.size()];
            for (int j = 0; j < rows.size(); j++) {
                MetricsRecorder.Row row = rows.get(j);
                if (row.t() > 0) mu = Math.min(mu, -Math.log(row.loss() / l0) / row.t());
                maxReg = Math.max(maxReg, depths[i] * row.maxDZ());
                maxDist = Math.max(maxDist, row.distInit());
                ts[j] = row.t();
                ratio[j] = row.G() / row.loss();
            }
            // Two-sided rate check. Along the flow dℓ/dt = −G, so the decay rate of ℓ over a window must equal the mean of
            // G/ℓ there — measured from gradients at the sample times, independently of how the flow was integrated: a
            // slowed or sped-up flow moves one and not the other. The window is where 10⁻⁴ ≤ ℓ/ℓ(0) ≤ 10⁻¹: later, the
            // residual r = F − y is so small that the state's absolute error (rtol 1e-9) is a visible fraction of it.
            // Tolerance: 10 × the trapezoid rule's Richardson error estimate, plus 1e-5 for the flow's error relative to r.
            int a = 0, b = rows.size() - 1;
            while (a < b && rows.get(a).loss() > 1e-1 * l0) a++;
            while (b > a && rows.get(b).loss() < 1e-4 * l0) b--;
            if (b - a < 4) { a = rows.size() / 4; b = rows.size() / 2; } // a very fast or slow flow: a fixed window
            double late = -Math.log(rows.get(b).loss() / rows.get(a).loss()) / (ts[b] - ts[a]);
            double[] mean = depthlimit.limit.Sampled.meanWithError(ts, ratio, a, b);
            double rel = Math.abs(late - mean[0]) / mean[0], tol = 10 * mean[1] / mean[0] + 1e-5;
            if (!(rel <= tol)) sw.rateMismatch.add(depths[i]);
            List<double[]> sn = r.snapshots();
            int last = sn.size() - 1;
            double lateMove = Vectors.distance(sn.get(last), sn.get(last / 2)), earlyMove = Vectors.distance(sn.get(last / 2), sn.get(last / 4));
            sw.mus[i] = mu;
            sw.dist[i] = maxDist;
            sw.reg[i] = maxReg;
            double lr = r.last().loss() / l0;
            sw.maxRatio = Math.max(sw.maxRatio, lr);
            if (!(lr <= DECAY_TARGET)) sw.notDecayed.add(depths[i]);
            if (!(lateMove <= SETTLE * earlyMove)) sw.notSettled.add(depths[i]);
            sw.table.row(depths[i], l0, r.last().loss(), lr, mu, late, mean[0], rel, tol, maxDist, maxReg, earlyMove, lateMove,
                    r.result().stats().rhsEvaluations());
        }
        sw.failure = Experiment.failed(runs, new Evidence().put("horizon", T).table("sweep", sw.table));
        return sw;
    }

    /**
     * The part of the verdict both scales share: μ_emp within MU_SPREAD across the depths, and sup_t dist_init and
     * sup_t L·max‖ΔZ‖ converging as L doubles — INCONCLUSIVE (pre-asymptotic) while their ratios still shrink towards 1.
     * Returns null when everything holds (the caller states the confirmation), else the outcome.
     */
    private static Outcome judgeAcrossDepths(Evidence e, double[] mus, double[] dist, double[] reg, boolean ok, String failure) {
        double muMin = java.util.Arrays.stream(mus).min().orElse(0), muMax = java.util.Arrays.stream(mus).max().orElse(0);
        double[] ones = new double[mus.length];
        java.util.Arrays.fill(ones, 1);
        CauchyRatios cd = Tolerance.CAUCHY_RATIO.cauchy(ones, dist), cr = Tolerance.CAUCHY_RATIO.cauchy(ones, reg);
        e.cauchy("sup_dist_init_over_L", cd).cauchy("sup_L_maxdZ_over_L", cr);
        ok &= muMax <= MU_SPREAD * muMin;
        if (ok && !(cd.converged() && cr.converged()) && cd.shrinking() && cr.shrinking())
            return Outcome.inconclusive("pre-asymptotic in L: the ratios of sup_t dist_init " + cd.ratios().stream().map(Experiment::fmt).toList()
                    + " and of sup_t L·max‖ΔZ‖ " + cr.ratios().stream().map(Experiment::fmt).toList()
                    + " shrink towards 1 but have not reached " + Tolerance.CAUCHY_RATIO.text() + " at the largest depth: larger L is needed", "μ_emp ∈ [" + fmt(muMin)
                    + ", " + fmt(muMax) + "], L·max‖ΔZ‖ ratios " + cr.ratios().stream().map(Experiment::fmt).toList(), e);
        ok &= cd.converged() && cr.converged();
        if (!ok) return Outcome.of(false, failure + ": see the table and Cauchy ratios", "μ_emp ∈ [" + fmt(muMin) + ", " + fmt(muMax) + "]", e);
        return null;
    }

    static Outcome exponentialDecayFigure2(Claim.Context ctx) {
        Experiment.Setup s;
        int[] depths;
        TrainSpec t;
        {
            // Figure 2: authors-code convention, GELU, n = 50, q = d = 16, m = 64, A = B = I, labels N(0, I),
            // 80,000 GD iterations at lr 5L×10⁻³ (η = 0.005, t = 400). Outside the theorem's hypotheses (GELU unbounded,
            // labels not small, m not ≥ c₁n) — it is the paper's own illustration of Theorem 6.
            Sizes z = SIZES.paper();
            s = new Experiment.Setup(Convention.AUTHORS_CODE, z.sigma(), z.m(), z.q(), z.d(), z.dOut(), false,
                    new depthlimit.data.GaussianData(z.n(), ctx.seed(), 1.0), new WeightTied(ctx.seed() + 1));
            depths = z.depths().clone();
            t = TrainSpec.gd(0.005, 80_000, Double.NaN, TrainSpec.everyStep(80_000, 1000));
        }
        // The five trainings are independent: on two threads the deepest (half the work: a step costs ∝ L) runs beside
        // the other four, so the sweep takes about the L = 256 run's time instead of the sum.
        List<Experiment.Run> runs = Experiment.trainAll(s, depths, t, true, depthlimit.model.Backprop.Recursion.CORRECTED, ctx.threads());
        Evidence.Table tab = new Evidence.Table("L", "ℓ(0)", "ℓ(T)", "ℓ(T)/ℓ(0)", "μ_emp", "sup_t dist_init", "sup_t L·max‖ΔZ‖",
                "‖θ(T/2) − θ(T/4)‖", "‖θ(T) − θ(T/2)‖", "rhs evals");
        double[] mus = new double[depths.length], dist = new double[depths.length], reg = new double[depths.length];
        boolean ok = true;
        for (int i = 0; i < depths.length; i++) {
            Experiment.Run r = runs.get(i);
            if (!r.result().completed()) continue;
            double l0 = r.rows().get(0).loss(), mu = Double.POSITIVE_INFINITY, maxReg = 0, maxDist = 0;
            for (MetricsRecorder.Row row : r.rows()) {
                if (row.t() > 0) mu = Math.min(mu, -Math.log(row.loss() / l0) / row.t());
                maxReg = Math.max(maxReg, depths[i] * row.maxDZ());
                maxDist = Math.max(maxDist, row.distInit());
            }
            // snapshots at t_j = jT/J, j = 0..J (J even, sampled uniformly): θ(T), θ(T/2), θ(T/4)
            List<double[]> sn = r.snapshots();
            int last = sn.size() - 1;
            double late = Vectors.distance(sn.get(last), sn.get(last / 2)), early = Vectors.distance(sn.get(last / 2), sn.get(last / 4));
            mus[i] = mu;
            dist[i] = maxDist;
            reg[i] = maxReg;
            ok &= r.last().loss() <= DECAY_TARGET * l0 && mu > 0 && late <= SETTLE * early;
            tab.row(depths[i], l0, r.last().loss(), r.last().loss() / l0, mu, maxDist, maxReg, early, late, r.result().stats().rhsEvaluations());
        }
        Evidence e = new Evidence().put("setup", s.describe()).put("training", t.describe()).table("sweep", tab);
        Figures.solver(e, runs);
        Outcome fail = Experiment.failed(runs, e);
        if (fail != null) return fail;
        e.plot(Figures.lossDecay("loss-decay", "Theorem 6: the loss against training time (semilog)",
                "Straight lines on this axis are exponential decay; dashed: least-squares exponential fit over t ≥ T/4; μ = μ_emp "
                        + "= min_t −log(ℓ(t)/ℓ(0))/t, the rate the check reports (ℓ(t) ≤ ℓ(0)e^(−μ_emp t)).",
                runs, mus, runs.get(0).rows().size() / 4, -1));
        e.plot(Figures.weightsAcrossLayers("weights-across-layers", "Figure 2 (left): one weight entry across layers",
                "(W_k)₁₁ against k/L at the largest depth, at sample times from 0 to T: a smooth function of depth that settles as t grows.",
                runs.get(runs.size() - 1), 5));
        double muMin = java.util.Arrays.stream(mus).min().orElse(0), muMax = java.util.Arrays.stream(mus).max().orElse(0);
        Outcome judged = judgeAcrossDepths(e, mus, dist, reg, ok, "ℓ(T)/ℓ(0), μ_emp spread, settling or convergence in L failed");
        if (judged != null) return judged;
        return Outcome.of(true, "ℓ decays exponentially at μ_emp ∈ [" + fmt(muMin) + ", " + fmt(muMax) + "] across L; distance to init and "
                + "L·max‖ΔZ‖ stay bounded uniformly in t and converge in L", "μ_emp ≈ " + fmt(muMin) + ", ℓ(T)/ℓ(0) ≤ "
                + fmt(runs.get(0).last().loss() / runs.get(0).rows().get(0).loss()), e);
    }
}
