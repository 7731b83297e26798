package depthlimit.flow;

import depthlimit.model.Parallel;
import org.hipparchus.util.FastMath;

import java.util.function.IntConsumer;

/**
 * Dormand–Prince 8(5,3) — Hairer's DOP853: 12 stages, the 5th- and 3rd-order embedded error estimates combined as
 * err5² / √(err5² + 0.01 err3²), the order-7 continuous extension with three extra stages — on flat double[] buffers
 * allocated once per run, with the step-size control of Hipparchus' {@code DormandPrince853Integrator} (its initial
 * step guess, safety 0.9, step factor within [0.2, 10], exponent −1/8, the error scaled by atol + rtol·max(|y_n|,
 * |y_{n+1}|), steps clipped to T and to [minStep, maxStep]). Both therefore take the same steps and agree to rounding
 * ({@code FlatDormandPrince853Test}). Coefficients: Hairer, Nørsett and Wanner, Solving Ordinary Differential
 * Equations I, §II.5 and the DOP853 code, rounded to double.
 *
 * <p>Why not Hipparchus for the gradient flow (JDK Flight Recorder, dp853 to T = 0.5 at L = 1014, ≈ 1.04·10⁶
 * unknowns, 2026-12-02): Hipparchus allocates every stage derivative and state copy per attempt (≈ 150 MB per step;
 * the garbage collector's pauses took 20 s of a 69 s run) and it evaluates the three dense-output stages on every
 * attempt, 15 right-hand sides per attempt against SciPy's 12. Here a rejected attempt costs 11 evaluations, an
 * accepted step 12, and the three extra stages are evaluated only for an accepted step that holds a sample time.
 *
 * <p>Element-wise work runs on {@link Parallel} over chunks that depend only on the dimension (every entry computed by
 * one task, reductions summed in chunk order), so results do not depend on the thread count. Not thread-safe: one
 * instance per run. Nothing is allocated per step (the three extra stages on first use).
 */
final class FlatDormandPrince853 {
    /** Receives each accepted step [t0, t1] and the state at t1; may call {@link #interpolate} for t in [t0, t1]. */
    interface StepHandler {
        void accepted(double t0, double t1, double[] y1);
    }

    /** More right-hand-side evaluations were needed than the budget allows. */
    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded(int max) { super("more than " + max + " right-hand-side evaluations", null, false, false); }
    }

    /** The step size fell below minStep. */
    static final class StepUnderflow extends RuntimeException {
        StepUnderflow(double h, double min) { super("step " + h + " below " + min, null, false, false); }
    }

    private static final double[] C = {0.0, 0.05260015195876773, 0.0789002279381516, 0.1183503419072274, 0.2816496580927726, 0.3333333333333333, 0.25, 0.3076923076923077, 0.6512820512820513, 0.6, 0.8571428571428571, 1.0, 1.0, 0.1, 0.2, 0.7777777777777778};
    /** A[s][l], l < s: stage s (0-based) is f(t + C[s] h, y + h Σ_l A[s][l] k_l); row 12 holds the weights b of y_{n+1}. */
    private static final double[][] A = {
            {},
            {0.05260015195876773},
            {0.0197250569845379, 0.0591751709536137},
            {0.02958758547680685, 0.0, 0.08876275643042054},
            {0.2413651341592667, 0.0, -0.8845494793282861, 0.924834003261792},
            {0.037037037037037035, 0.0, 0.0, 0.17082860872947386, 0.12546768756682242},
            {0.037109375, 0.0, 0.0, 0.17025221101954405, 0.06021653898045596, -0.017578125},
            {0.03709200011850479, 0.0, 0.0, 0.17038392571223998, 0.10726203044637328, -0.015319437748624402, 0.008273789163814023},
            {0.6241109587160757, 0.0, 0.0, -3.3608926294469414, -0.868219346841726, 27.59209969944671, 20.154067550477894, -43.48988418106996},
            {0.47766253643826434, 0.0, 0.0, -2.4881146199716677, -0.590290826836843, 21.230051448181193, 15.279233632882423, -33.28821096898486, -0.020331201708508627},
            {-0.9371424300859873, 0.0, 0.0, 5.186372428844064, 1.0914373489967295, -8.149787010746927, -18.52006565999696, 22.739487099350505, 2.4936055526796523, -3.0467644718982196},
            {2.273310147516538, 0.0, 0.0, -10.53449546673725, -2.0008720582248625, -17.9589318631188, 27.94888452941996, -2.8589982771350235, -8.87285693353063, 12.360567175794303, 0.6433927460157636},
            {0.054293734116568765, 0.0, 0.0, 0.0, 0.0, 4.450312892752409, 1.8915178993145003, -5.801203960010585, 0.3111643669578199, -0.1521609496625161, 0.20136540080403034, 0.04471061572777259},
            {0.056167502283047954, 0.0, 0.0, 0.0, 0.0, 0.0, 0.25350021021662483, -0.2462390374708025, -0.12419142326381637, 0.15329179827876568, 0.00820105229563469, 0.007567897660545699, -0.008298},
            {0.03183464816350214, 0.0, 0.0, 0.0, 0.0, 0.028300909672366776, 0.053541988307438566, -0.05492374857139099, 0.0, 0.0, -0.00010834732869724932, 0.0003825710908356584, -0.00034046500868740456, 0.1413124436746325},
            {-0.42889630158379194, 0.0, 0.0, 0.0, 0.0, -4.697621415361164, 7.683421196062599, 4.06898981839711, 0.3567271874552811, 0.0, 0.0, 0.0, -0.0013990241651590145, 2.9475147891527724, -9.15095847217987}};
    /** Error weights of the embedded 5th-order (E5) and 3rd-order (E3) estimates, over stages 0..11. */
    private static final double[] E5 = {0.01312004499419488, 0.0, 0.0, 0.0, 0.0, -1.2251564463762044, -0.4957589496572502, 1.6643771824549864, -0.35032884874997366, 0.3341791187130175, 0.08192320648511571, -0.022355307863886294};
    private static final double[] E3 = {-0.18980075407240762, 0.0, 0.0, 0.0, 0.0, 4.450312892752409, 1.8915178993145003, -5.801203960010585, -0.4226823213237919, -0.1521609496625161, 0.20136540080403034, 0.02265179219836082};
    /** Dense-output weights of the order-7 continuous extension (Hairer's d_{4..7}), over stages 0..15. */
    private static final double[][] D = {
            {-8.428938276109013, 0.0, 0.0, 0.0, 0.0, 0.5667149535193777, -3.0689499459498917, 2.38466765651207, 2.117034582445028, -0.871391583777973, 2.2404374302607883, 0.6315787787694688, -0.08899033645133331, 18.148505520854727, -9.194632392478356, -4.436036387594894},
            {10.427508642579134, 0.0, 0.0, 0.0, 0.0, 242.28349177525817, 165.20045171727028, -374.5467547226902, -22.113666853125306, 7.733432668472264, -30.674084731089398, -9.332130526430229, 15.697238121770845, -31.139403219565178, -9.35292435884448, 35.81684148639408},
            {19.985053242002433, 0.0, 0.0, 0.0, 0.0, -387.0373087493518, -189.17813819516758, 527.8081592054236, -11.57390253995963, 6.8812326946963, -1.0006050966910838, 0.7777137798053443, -2.778205752353508, -60.19669523126412, 84.32040550667716, 11.99229113618279},
            {-25.69393346270375, 0.0, 0.0, 0.0, 0.0, -154.18974869023643, -231.5293791760455, 357.6391179106141, 93.40532418362432, -37.45832313645163, 104.0996495089623, 29.8402934266605, -43.53345659001114, 96.32455395918828, -39.17726167561544, -149.72683625798564}};

    private static final double SAFETY = 0.9, MIN_REDUCTION = 0.2, MAX_GROWTH = 10.0, EXPONENT = -1.0 / 8;
    /** Elements per inner block: the partial sums stay in L1 while the stage vectors stream through. */
    private static final int BLOCK = 512;
    /** Below this dimension one chunk: the fork/join cost would exceed the work. */
    private static final int PARALLEL_MIN = 1 << 15;

    private final GradientFlow flow;
    private final int n, chunks, maxEvaluations;
    private final double minStep, maxStep, atol, rtol;
    private double[] y, yNew, yTmp;
    private final double[][] k = new double[16][];
    private final double[][] scratch;
    private final double[][] partial;
    private final IntConsumer stageOp = this::stageChunk, denseOp = this::denseChunk,
            interpOp = this::interpChunk;
    private long evaluations, accepted, rejected, denseSteps;
    // the operation in progress (set before each Parallel.forEach)
    private int stage;
    private double h, t0, theta;
    private double[] target;
    private boolean denseReady;

    FlatDormandPrince853(GradientFlow flow, double minStep, double maxStep, double atol, double rtol, int maxEvaluations) {
        this.flow = flow;
        this.n = flow.getDimension();
        this.minStep = minStep;
        this.maxStep = maxStep;
        this.atol = atol;
        this.rtol = rtol;
        this.maxEvaluations = maxEvaluations;
        this.chunks = n < PARALLEL_MIN ? 1 : 16;
        this.scratch = new double[chunks][BLOCK];
        this.partial = new double[chunks][2];
        y = new double[n];
        yNew = new double[n];
        yTmp = new double[n];
        for (int s = 0; s <= 12; s++) k[s] = new double[n];
    }

    long evaluations() { return evaluations; }

    long acceptedSteps() { return accepted; }

    long rejectedSteps() { return rejected; }

    /** Accepted steps for which the three dense-output stages were evaluated. */
    long denseSteps() { return denseSteps; }

    private void evaluate(double t, double[] at, double[] into) {
        if (evaluations >= maxEvaluations) throw new BudgetExceeded(maxEvaluations);
        evaluations++;
        flow.rhs(t, at, into);
    }

    /** Integrates from (0, y0) to T, calling the handler after every accepted step. */
    void integrate(double[] y0, double T, StepHandler handler) {
        System.arraycopy(y0, 0, y, 0, n);
        double t = 0;
        evaluate(t, y, k[0]);
        double hNew = initialStep(t);
        boolean last = false;
        while (!last) {
            double err;
            do {
                h = hNew;
                last = t + h >= T;
                if (last) h = T - t;
                for (int s = 1; s <= 12; s++) {
                    stage = s;
                    target = s == 12 ? yNew : yTmp;
                    Parallel.forEach(chunks, stageOp);
                    if (s < 12) evaluate(t + C[s] * h, yTmp, k[s]);
                }
                err = error();
                if (err >= 1.0) {
                    rejected++;
                    hNew = filter(h * factor(err), false);
                }
            } while (err >= 1.0);
            double t1 = last ? T : t + h;
            evaluate(t1, yNew, k[12]);          // k_13 = f(y_{n+1}): the first stage of the next step
            accepted++;
            t0 = t;
            denseReady = false;
            handler.accepted(t, t1, yNew);
            double[] sw = y; y = yNew; yNew = sw;
            sw = k[0]; k[0] = k[12]; k[12] = sw;
            t = t1;
            if (!last) {
                double scaled = h * factor(err);
                hNew = filter(scaled, t + scaled >= T);
                if (t + hNew >= T) hNew = T - t;
            }
        }
    }

    private static double factor(double err) {
        return FastMath.min(MAX_GROWTH, FastMath.max(MIN_REDUCTION, SAFETY * FastMath.pow(err, EXPONENT)));
    }

    private double filter(double step, boolean acceptSmall) {
        if (step < minStep) {
            if (!acceptSmall) throw new StepUnderflow(step, minStep);
            step = minStep;
        }
        return Math.min(step, maxStep);
    }

    /**
     * Hipparchus' (and Hairer's) starting step: an Euler step of 0.01·‖y‖/‖y′‖ (norms scaled by atol + rtol|y|)
     * estimates y″, and h is chosen with h⁸·max(‖y′‖, ‖y″‖) = 0.01, within 100 times the Euler step. One evaluation.
     */
    private double initialStep(double t) {
        double yy = 0, dd = 0;
        for (int j = 0; j < n; j++) {
            double sc = atol + rtol * Math.abs(y[j]);
            double a = y[j] / sc, b = k[0][j] / sc;
            yy += a * a;
            dd += b * b;
        }
        double h0 = (yy < 1.0e-10 || dd < 1.0e-10) ? 1.0e-6 : 0.01 * FastMath.sqrt(yy / dd);
        for (int j = 0; j < n; j++) yTmp[j] = y[j] + h0 * k[0][j];
        evaluate(t + h0, yTmp, k[1]);
        double dd2 = 0;
        for (int j = 0; j < n; j++) {
            double r = (k[1][j] - k[0][j]) / (atol + rtol * Math.abs(y[j]));
            dd2 += r * r;
        }
        double ydd = FastMath.sqrt(dd2) / h0;
        double maxInv2 = FastMath.max(FastMath.sqrt(dd), ydd);
        double h1 = maxInv2 < 1.0e-15 ? FastMath.max(1.0e-6, 0.001 * FastMath.abs(h0)) : FastMath.pow(0.01 / maxInv2, 1.0 / 8);
        double step = FastMath.min(100.0 * FastMath.abs(h0), h1);
        step = FastMath.max(step, 1.0e-12 * FastMath.abs(t));
        return FastMath.max(minStep, FastMath.min(maxStep, step));
    }

    private int lo(int c) { return (int) ((long) n * c / chunks); }

    /** target = y + h Σ_l A[stage][l] k_l on chunk c (zero coefficients skipped; the sum in Hipparchus' order). */
    private void stageChunk(int c) {
        double[] a = A[stage], buf = scratch[c], out = target;
        for (int b0 = lo(c), hi = lo(c + 1); b0 < hi; b0 += BLOCK) {
            int len = Math.min(BLOCK, hi - b0);
            boolean first = true;
            for (int l = 0; l < a.length; l++) {
                double al = a[l];
                if (al == 0) continue;
                double[] kl = k[l];
                if (first) for (int i = 0; i < len; i++) buf[i] = al * kl[b0 + i];
                else for (int i = 0; i < len; i++) buf[i] += al * kl[b0 + i];
                first = false;
            }
            for (int i = 0; i < len; i++) out[b0 + i] = y[b0 + i] + h * buf[i];
            // y_{n+1}: the error sums over the same block while its stage vectors are still in cache (one pass
            // over the 12 stage vectors per attempt instead of two)
            if (stage == 12) errorBlock(c, b0, b0 + len);
        }
    }

    /**
     * Hairer's error norm |h| err5² / √(n (err5² + 0.01 err3²)), each error scaled by atol + rtol max(|y_n|, |y_{n+1}|),
     * from the per-chunk sums that the pass computing y_{n+1} left (added in chunk order).
     */
    private double error() {
        double e5 = 0, e3 = 0;
        for (double[] p : partial) {
            e5 += p[0];
            e3 += p[1];
        }
        double den = e5 + 0.01 * e3;
        if (den <= 0.0) den = 1.0;
        return Math.abs(h) * e5 / Math.sqrt(n * den);
    }

    private void errorBlock(int c, int from, int to) {
        if (from == lo(c)) {
            partial[c][0] = 0;
            partial[c][1] = 0;
        }
        double e5 = partial[c][0], e3 = partial[c][1];
        for (int j = from; j < to; j++) {
            double s5 = 0, s3 = 0;
            for (int l = 0; l < 12; l++) {
                double kl = k[l][j];
                s5 += E5[l] * kl;
                s3 += E3[l] * kl;
            }
            double tol = atol + rtol * Math.max(Math.abs(y[j]), Math.abs(yNew[j]));
            double r5 = s5 / tol, r3 = s3 / tol;
            e5 += r5 * r5;
            e3 += r3 * r3;
        }
        partial[c][0] = e5;
        partial[c][1] = e3;
    }

    /**
     * The order-7 dense output at t in the last accepted step [t0, t0 + h], into {@code out} (Hairer's continuous
     * extension of DOP853). The first call in a step evaluates the three extra stages (3 evaluations).
     */
    void interpolate(double t, double[] out) {
        if (!denseReady) {
            for (int s = 13; s <= 15; s++) if (k[s] == null) k[s] = new double[n];
            for (int s = 13; s <= 15; s++) {
                stage = s;
                target = yTmp;
                Parallel.forEach(chunks, stageOp);
                evaluate(t0 + C[s] * h, yTmp, k[s]);
            }
            Parallel.forEach(chunks, denseOp);   // h Σ D[i] k into yTmp, k13, k14, k15 (in place, entry by entry)
            denseReady = true;
            denseSteps++;
        }
        theta = (t - t0) / h;
        target = out;
        Parallel.forEach(chunks, interpOp);
    }

    private void denseChunk(int c) {
        double[][] kk = k;
        for (int j = lo(c), hi = lo(c + 1); j < hi; j++) {
            double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
            for (int l = 0; l < 16; l++) {
                double kl = kk[l][j];
                d0 += D[0][l] * kl;
                d1 += D[1][l] * kl;
                d2 += D[2][l] * kl;
                d3 += D[3][l] * kl;
            }
            yTmp[j] = h * d0;
            kk[13][j] = h * d1;
            kk[14][j] = h * d2;
            kk[15][j] = h * d3;
        }
    }

    private void interpChunk(int c) {
        double th = theta, th1 = 1 - th;
        double[] out = target, f0 = k[0], f1 = k[12], r4 = yTmp, r5 = k[13], r6 = k[14], r7 = k[15];
        for (int j = lo(c), hi = lo(c + 1); j < hi; j++) {
            double dy = yNew[j] - y[j];
            double r1 = h * f0[j] - dy, r2 = 2 * dy - h * (f0[j] + f1[j]);
            out[j] = y[j] + th * (dy + th1 * (r1 + th * (r2 + th1 * (r4[j] + th * (r5[j] + th1 * (r6[j] + th * r7[j]))))));
        }
    }
}
