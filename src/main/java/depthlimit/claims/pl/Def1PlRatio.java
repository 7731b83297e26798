package depthlimit.claims.pl;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Figures;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;
import depthlimit.data.Dataset;
import depthlimit.data.SphereData;
import depthlimit.init.WeightTied;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.random.Rng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.ArrayList;
import java.util.List;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.pl.PlCommon.*;

/** Claim 15, {@code def1.pl-ratio}: The PL ratio G/ℓ: L-independent at init, positive once m ≳ n (Definition 1, Proposition 5). */
public final class Def1PlRatio {
    private Def1PlRatio() {}

    /** The claim as data, with its check {@link #plRatio}. */
    public static Claim claim() {
        return new Claim("def1.pl-ratio", 15, "The PL ratio G/ℓ: L-independent at init, positive once m ≳ n",
                "Definition 1, Proposition 5", "model (3), tanh, ‖x_i‖ = √q, q ≥ d + d′, weight-tied init and the M-ball around it",
                "G/ℓ at init over depths; the worst case over labels, 4λ·λ_min(2XXᵀ + SSᵀ/m) (S = σ(W̄Āx/√q)), over m/n; "
                        + "min G/ℓ over random points of the ball of radius M = c₃/√(nq)",
                "G/ℓ at init identical for every L (round-off); worst-case ratio ≈ 0 below m ≈ n − d, positive above, and "
                        + "its mean over inits non-decreasing as m doubles (concavity of λ_min); in the ball G/ℓ ≥ μ = c₄/(n√n q) and its minimum does not decrease with L",
                Def1PlRatio::plRatio)
                .documented("i.i.d. N(0, 1) V_k, W_k instead of the tied init: G/ℓ at init depends on L far beyond round-off",
                        "μ = c₄/(n√n q) of Proposition 5 is ~10⁻¹³, so the ball check is far from tight; m ≥ c₁n (c₁ ≈ 10⁷, Theorem 6) is out of numerical reach; the worst case over labels is the closed form at the tied init")
                .paperEstimate(43)
                .sizes(SIZES);
    }

    /**
     * n samples on the sphere, widths d, d', q, the depths of (a) and (c), the widths m of (b) and the number of random
     * points of the M-ball per depth in (c).
     */
    record Sizes(int n, int d, int dOut, int q, int[] depths, int[] widths, int ballPoints) {}

    static final PerScale<Sizes> SIZES = new PerScale<>(
            new Sizes(16, 8, 2, 10, new int[]{2, 8, 32, 128}, new int[]{2, 4, 8, 16, 32, 64, 128}, 20),
            new Sizes(100, 32, 2, 34, new int[]{2, 16, 128, 1024}, new int[]{16, 32, 68, 100, 200, 400, 800}, 10));

    static Outcome plRatio(Claim.Context ctx) {
        Sizes z = SIZES.at(ctx.scale());
        // d comparable to n: Lemma 21's δ needs n at most polynomial in d, and with d ≪ n the kernel of σ on the
        // sphere is numerically singular (its λ_min is round-off), so the PL constant would be invisible
        int n = z.n(), d = z.d(), dOut = z.dOut(), q = z.q();
        double[] cs = constants();
        double c3 = cs[2], c4 = cs[3];
        double mu = c4 / (n * Math.sqrt(n) * q), radius = c3 / Math.sqrt(n * q);
        Evidence e = new Evidence().put("n", n).put("d", d).put("d'", dOut).put("q", q)
                .put("eta_r", cs[1]).put("r", (int) cs[0]).put("c3", c3).put("c4", c4).put("mu", mu).put("M (ball radius)", radius);
        Dataset data = new SphereData(n, ctx.seed(), 1.0).create(d, dOut, q);
        double lambda = Convention.PAPER.lossWeight(n, dOut);
        // (a) at the init, G/ℓ for several depths
        int m0 = 2 * n;
        int[] depths = z.depths().clone();
        Evidence.Table a = new Evidence.Table("L", "G/ℓ at init", "relative deviation from L = " + depths[0], "round-off bound");
        double ref = Double.NaN;
        boolean ok = true;
        for (int L : depths) {
            Architecture arch = new Architecture(d, q, m0, dOut, L, SIGMA, Convention.PAPER, true, true);
            double[] theta = ctx.fault().init(ctx.seed() + 1, new WeightTied(ctx.seed() + 1)).create(arch).theta;
            double[] g = new double[arch.size()];
            double loss = new Backprop(arch, data).lossAndGradient(theta, g);
            double ratio = Backprop.flowMetric(arch, g) / loss;
            if (Double.isNaN(ref)) ref = ratio;
            double dev = Math.abs(ratio - ref) / ref, bound = (arch.size() + 8) * Math.ulp(1.0);
            ok &= dev <= bound && ratio >= mu;
            a.row(L, ratio, dev, bound);
        }
        e.table("init_over_L (m = 2n)", a);
        // (b) worst case over labels against m/n, checked against the engine at the minimizing labels
        Evidence.Table b = new Evidence.Table("m", "m/n", "worst-case G/ℓ (formula)", "G/ℓ from the engine at those labels", "rel. diff",
                "condition λ_max/λ_min", "mean worst case over " + DRAWS + " inits", "standard error");
        double[] prev = {-1, 0};
        boolean monotoneAbove = true, zeroBelow = true, positiveAbove = true;
        for (int m : z.widths()) {
            Architecture arch = new Architecture(d, q, m, dOut, 4, SIGMA, Convention.PAPER, true, true);
            double[] theta = ctx.fault().init(ctx.seed() + 1, new WeightTied(ctx.seed() + 1)).create(arch).theta;
            double[] worst = worstCaseLabels(arch, theta, data);
            double formula = worst[0];
            Dataset yWorst = new Dataset(n, d, dOut, data.x(), java.util.Arrays.copyOfRange(worst, 2, worst.length));
            double[] g = new double[arch.size()];
            double loss = new Backprop(arch, yWorst).lossAndGradient(theta, g);
            double engine = Backprop.flowMetric(arch, g) / loss;
            double rel = Math.abs(engine - formula) / Math.max(engine, 1e-300);
            // below the rank threshold m < n − d the matrix 2XXᵀ + SSᵀ/m is singular: λ_min is round-off (≤ 1e-12)
            // Above it, E[worst case] is non-decreasing as m doubles: S Sᵀ/(2m) is the average of two independent
            // width-m copies and λ_min is concave, so E λ_min(2XXᵀ + SSᵀ/2m) ≥ E λ_min(2XXᵀ + SSᵀ/m). One draw need not
            // increase (it fluctuates around the infinite-width value): the mean over DRAWS inits is tested, one-sided,
            // against 3 standard errors of the difference.
            double[] mean = {formula, 0};
            if (m + d < n) zeroBelow &= formula < 1e-10;
            else {
                // positive: λ_min above its round-off uncertainty 64ε·λ_max, i.e. condition number below 1/(64ε)
                positiveAbove &= worst[1] < 1 / (64 * Math.ulp(1.0));
                mean = worstCaseMean(arch, data, ctx.seed() + 1);
                if (prev[0] >= 0) monotoneAbove &= mean[0] >= prev[0] - 3 * Math.hypot(mean[1], prev[1]);
                prev = mean;
                // a small eigenvalue is known to ε·λ_max, i.e. to relative ε·cond: near the threshold the two
                // computations can only agree that well
                ok &= rel < 1e-8 + 64 * Math.ulp(1.0) * worst[1];
            }
            b.row(m, (double) m / n, formula, engine, rel, worst[1], mean[0], mean[1]);
        }
        List<String> failed = new ArrayList<>();
        if (!ok) failed.add("G/ℓ at init depends on L beyond round-off, or a ratio is below μ");
        if (!zeroBelow) failed.add("worst case not 0 below m = n − d");
        if (!monotoneAbove) failed.add("mean worst case decreasing (beyond 3 standard errors) as m doubles above m = n − d");
        if (!positiveAbove) failed.add("worst case not positive (beyond round-off) at m ≥ n − d");
        ok &= zeroBelow && monotoneAbove && positiveAbove;
        e.table("worst_case_over_labels (L = 4, λ = 1/n)", b);
        // (c) random points of the M-ball
        Evidence.Table c = new Evidence.Table("L", "min G/ℓ over " + z.ballPoints() + " points", "μ");
        double prevMin = Double.NaN;
        for (int L : depths) {
            Architecture arch = new Architecture(d, q, m0, dOut, L, SIGMA, Convention.PAPER, true, true);
            double[] center = ctx.fault().init(ctx.seed() + 1, new WeightTied(ctx.seed() + 1)).create(arch).theta;
            Backprop bp = new Backprop(arch, data);
            double[] g = new double[arch.size()];
            double min = Double.POSITIVE_INFINITY;
            Rng rng = Rng.stream(ctx.seed(), "claim15.ball." + L);
            for (int s = 0; s < z.ballPoints(); s++) {
                double[] th = ballPoint(arch, center, radius, rng);
                double loss = bp.lossAndGradient(th, g);
                min = Math.min(min, Backprop.flowMetric(arch, g) / loss);
            }
            if (!(min >= mu && (Double.isNaN(prevMin) || min >= 0.95 * prevMin))) {
                ok = false;
                failed.add("ball minimum at L = " + L + " below μ or decreasing with L");
            }
            prevMin = min;
            c.row(L, min, mu);
        }
        e.table("ball_minimum_over_L", c);
        double[] la = Figures.column(a, 0), lc = Figures.column(c, 0);
        e.plot(new depthlimit.plot.Figure("pl-ratio-vs-depth", "Definition 1: the PL ratio G/ℓ against depth",
                "At the weight-tied init G/ℓ does not depend on L; inside the ball of radius M its minimum stays far above the "
                        + "proof's μ (grey).", depthlimit.plot.Axis.log("depth L"), depthlimit.plot.Axis.log("G/ℓ"), List.of(
                depthlimit.plot.Series.points("G/ℓ at init (m = 2n)", la, Figures.column(a, 1)),
                depthlimit.plot.Series.points("min G/ℓ over the ball", lc, Figures.column(c, 1)),
                Figures.level("μ = c₄/(n^{3/2} q)", mu, lc))));
        // below the rank threshold m = n − d both are round-off (0 and ~10⁻²⁷): the plot shows m ≥ n − d, the table all
        int firstRank = 0;
        while (firstRank < b.rows().size() && ((Number) b.rows().get(firstRank).get(0)).intValue() + d < n) firstRank++;
        double[] mn = Figures.column(b, 1), wf = Figures.column(b, 2), we = Figures.column(b, 3);
        int nb = mn.length;
        e.plot(new depthlimit.plot.Figure("pl-ratio-vs-width", "Proposition 5: worst-case G/ℓ over labels against m/n",
                "4λ·λ_min(2XXᵀ + SSᵀ/m) at L = 4 for m ≥ n − d (below, the matrix is singular and the worst case is 0: see the "
                        + "table); it is positive there, its mean over 16 initializations does not decrease as m doubles, and the engine's G/ℓ at "
                        + "the minimizing labels lies on it.", depthlimit.plot.Axis.log("m/n"),
                depthlimit.plot.Axis.log("worst-case G/ℓ"), List.of(
                depthlimit.plot.Series.points("formula", java.util.Arrays.copyOfRange(mn, firstRank, nb), java.util.Arrays.copyOfRange(wf, firstRank, nb)),
                new depthlimit.plot.Series("engine at those labels", java.util.Arrays.copyOfRange(mn, firstRank, nb),
                        java.util.Arrays.copyOfRange(we, firstRank, nb), depthlimit.plot.Series.Style.MARKERS),
                depthlimit.plot.Series.points("mean over " + DRAWS + " inits", java.util.Arrays.copyOfRange(mn, firstRank, nb),
                        java.util.Arrays.copyOfRange(Figures.column(b, 6), firstRank, nb)))));
        return Outcome.of(ok, ok ? "G/ℓ at init is L-independent to round-off; worst case over labels is 0 below m = n − d, positive above, "
                + "and its mean over inits does not decrease as m doubles; inside the ball min G/ℓ ≥ " + fmt(prevMin) + " ≫ μ = " + fmt(mu) : String.join("; ", failed),
                "min G/ℓ in ball " + fmt(prevMin) + " ≥ μ = " + fmt(mu), e);
    }

    /** Independent weight-tied inits averaged for the expected worst case. */
    static final int DRAWS = 16;

    /** {mean, standard error} of the worst-case ratio over DRAWS weight-tied inits with seeds seed, seed + 1, …. */
    static double[] worstCaseMean(Architecture arch, Dataset data, long seed) {
        double sum = 0, sum2 = 0;
        for (int k = 0; k < DRAWS; k++) {
            double w = worstCaseLabels(arch, new WeightTied(seed + k).create(arch).theta, data)[0];
            sum += w;
            sum2 += w * w;
        }
        double mean = sum / DRAWS, var = Math.max(0, (sum2 - DRAWS * mean * mean) / (DRAWS - 1));
        return new double[]{mean, Math.sqrt(var / DRAWS)};
    }

    /**
     * At the weight-tied init with q ≥ d + d′ (F = 0, p_i = −2λB̄ᵀy_i): G = 4λ²(2‖YᵀX‖² + ‖YᵀS‖²/m) with S = σ(W̄Āx/√q),
     * ℓ = λ‖Y‖², so min_Y G/ℓ = 4λ·λ_min(2XXᵀ + SSᵀ/m). Returns {ratio, condition λ_max/λ_min, Y (n×d′) attaining it}.
     */
    static double[] worstCaseLabels(Architecture a, double[] theta, Dataset data) {
        int n = data.n(), d = a.d(), m = a.m(), q = a.q();
        DMatrixRMaj k = new DMatrixRMaj(n, n);
        double[] s = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                double u = 0;
                for (int c = 0; c < d; c++) u += theta[a.offW() + j * q + c] * data.x()[i * d + c];
                s[i * m + j] = SIGMA.value(a.cPre() * u);
            }
        for (int i = 0; i < n; i++)
            for (int l = 0; l < n; l++) {
                double xx = 0, ss = 0;
                for (int c = 0; c < d; c++) xx += data.x()[i * d + c] * data.x()[l * d + c];
                for (int j = 0; j < m; j++) ss += s[i * m + j] * s[l * m + j];
                k.set(i, l, 2 * xx + ss / m);
            }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        eig.decompose(k);
        int arg = 0;
        double top = 0;
        for (int i = 0; i < n; i++) {
            if (eig.getEigenvalue(i).real < eig.getEigenvalue(arg).real) arg = i;
            top = Math.max(top, eig.getEigenvalue(i).real);
        }
        double lambda = a.convention().lossWeight(n, a.dOut()), low = Math.max(0, eig.getEigenvalue(arg).real);
        DMatrixRMaj v = eig.getEigenVector(arg);
        double[] out = new double[2 + n * a.dOut()];
        out[0] = 4 * lambda * low;
        out[1] = top / low;
        for (int i = 0; i < n; i++) out[2 + i * a.dOut()] = v.get(i); // the worst labels: eigenvector in the first output column
        return out;
    }
}
