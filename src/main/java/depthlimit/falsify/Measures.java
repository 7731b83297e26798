package depthlimit.falsify;

import depthlimit.data.DataSource;
import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.data.SphereData;
import depthlimit.data.TeacherData;
import depthlimit.flow.Method;
import depthlimit.flow.TrainSpec;
import depthlimit.flow.Trainer;
import depthlimit.flow.TrainingResult;
import depthlimit.flow.WeightMetrics;
import depthlimit.init.FractionalBrownian;
import depthlimit.init.GaussianProcess;
import depthlimit.init.Iid;
import depthlimit.init.InitScheme;
import depthlimit.init.WeightTied;
import depthlimit.model.Activation;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.model.ResNet;
import depthlimit.random.Rng;
import depthlimit.symbolic.SymbolicActivations;
import depthlimit.symbolic.SymbolicOracle;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The library of measurements a property can use, each computed on one configuration by training the network
 * of eq. (3) with {@link Trainer} (depth L = the {@code depth} field; some measures also train at 2L and 4L, the
 * depth ladder). A measure is computed only when the property reads it, and each training runs once per trial.
 * A training that diverges, exhausts its budget or underflows its step raises {@link TrialError}: numerical
 * trouble is an error with its reason, never a violation.
 */
public final class Measures {
    private Measures() {}

    /** Measure names and what they measure (also printed by {@code falsify --help} and in the README). */
    public static final Map<String, String> LIBRARY = new LinkedHashMap<>();

    static {
        LIBRARY.put("lx", "L·X(L,T), X = sup_{t≤T} max_k ‖Z_{k+1}(t) − Z_k(t)‖ at depth L (Proposition 3: bounded in L)");
        LIBRARY.put("lx_2L", "the same at depth 2L");
        LIBRARY.put("lx_ratio", "lx_2L / lx (→ 1 when the differences are O(1/L); 2 when they are O(1))");
        LIBRARY.put("lx0", "L·max_k ‖Z_{k+1}(0) − Z_k(0)‖ at initialization, depth L (no training)");
        LIBRARY.put("lx0_2L", "the same at depth 2L");
        LIBRARY.put("lx0_ratio", "lx0_2L / lx0");
        LIBRARY.put("log_k_bound", "ln of Proposition 7's bound on L·X(L,T): (L·max_k‖Z_{k+1}(0) − Z_k(0)‖ + βT)e^{αT} with α, β of Proposition 7 evaluated from upper bounds of K, K′ over the ball of radius M = M_0 + T·M_π (clipped flow, eq. (5): needs clip > 0); in logs because the bound is astronomically loose");
        LIBRARY.put("sup_norm", "sup_{t≤T} max_k ‖Z_k(t)‖ at depth L (Proposition 3: bounded uniformly in L)");
        LIBRARY.put("sup_norm_2L", "the same at depth 2L");
        LIBRARY.put("dist_start", "sup_{t≤T} max_k ‖Z_k(t) − Z_k(0)‖ at depth L (distance of the trajectory from its start)");
        LIBRARY.put("loss0", "ℓ(0) at depth L");
        LIBRARY.put("loss_T", "ℓ(T) at depth L");
        LIBRARY.put("pl0", "G/ℓ at initialization, depth L (the local PL ratio, Section 4.2; no training)");
        LIBRARY.put("min_pl", "min over the sample times of G(t)/ℓ(t) along the trajectory, depth L");
        LIBRARY.put("decay_rate", "least-squares slope of −ln ℓ(t) against t over the sample times, depth L");
        LIBRARY.put("ode_gap", "L·max_i ‖F_L(x_i) − F_2L(x_i)‖ at T: the 1/L-rate distance to the neural-ODE limit (Theorem 4 (ii)), estimated by Richardson between L and 2L");
        LIBRARY.put("ode_gap_2L", "the same between 2L and 4L");
        LIBRARY.put("ode_ratio", "ode_gap_2L / ode_gap (→ 1 at the O(1/L) rate)");
        LIBRARY.put("pl_ball", "μ̂: the smallest G/ℓ found at the initialization, 64 seeded random points of the M-ball around it and 48 steps of a (1+1) evolution strategy from the best of them (M = the radius field; every block within M: ‖A − A(0)‖_F, ‖Z_k − Z_k(0)‖, ‖B − B(0)‖_F ≤ M), depth L — an estimate from above of the local PL constant");
        LIBRARY.put("pl_mu", "μ of eq. (22) for the M-ball (Proposition 8), with K = max(K_1, K_2) replaced by an upper bound from K_σ = sup|σ′|, M_σ = sup|σ| and the ball's norms (so the value is at least the paper's μ: pl_ball ≥ pl_mu implies the proposition's hypothesis as far as pl_ball is exact)");
        LIBRARY.put("ball_exit", "sup_{t≤T} max(‖A − A(0)‖_F, max_k ‖Z_k − Z_k(0)‖, ‖B − B(0)‖_F) / M at depth L (Proposition 8 (1): ≤ 1)");
        LIBRARY.put("decay_excess", "max over the sample times t > 0 of ln ℓ(t) − ln ℓ(0) + μ t with μ = min(pl_ball, min_pl) (Proposition 8 (5): ≤ 0); samples where ℓ is under its round-off floor (256ε(1 + √d max|x|))²·d′ are skipped");
        LIBRARY.put("grad_agreement", "worst relative disagreement, over the blocks A, V_k, W_k, B, between backpropagation and the gradient Symja's D derives, at the initialization plus 0.5·N(0,1) (small networks only)");
        LIBRARY.put("eta_lambda", "η·ρ(PH) at initialization: step times the spectral radius of the Hessian preconditioned as gradient descent steps (A, B by η, Z_k by ηL), by power iteration (> 2: beyond the stability limit)");
    }

    /** Sample times per training (0, T and 19 in between; fixed-step methods: every steps/20 steps). */
    static final int SAMPLES = 21;

    /** Raised by a measure when the computation fails numerically: recorded as an error with this reason. */
    public static final class TrialError extends RuntimeException {
        public TrialError(String reason) { super(reason); }
    }

    /** The lazily computed measurements of one configuration. Not thread-safe: one per trial. */
    static final class Context {
        private final Config c;
        private final Map<Integer, Run> runs = new HashMap<>();
        private final Map<String, Double> values = new LinkedHashMap<>();
        private Dataset data;

        Context(Config c) { this.c = c; }

        Map<String, Double> values() { return values; }

        double get(String name) {
            Double v = values.get(name);
            if (v == null) {
                v = compute(name);
                values.put(name, v);
            }
            return v;
        }

        private double compute(String name) {
            int L = c.integer("depth");
            return switch (name) {
                case "lx" -> L * run(L).stats.supDZ;
                case "lx_2L" -> 2 * L * run(2 * L).stats.supDZ;
                case "lx_ratio" -> get("lx_2L") / get("lx");
                case "lx0" -> L * initialDZ(L);
                case "lx0_2L" -> 2 * L * initialDZ(2 * L);
                case "lx0_ratio" -> get("lx0_2L") / get("lx0");
                case "sup_norm" -> run(L).stats.supNormZ;
                case "sup_norm_2L" -> run(2 * L).stats.supNormZ;
                case "dist_start" -> run(L).stats.supDist;
                case "loss0" -> run(L).stats.loss[0];
                case "loss_T" -> run(L).result.finalLoss();
                case "pl0" -> pl0(L);
                case "min_pl" -> run(L).stats.minPl();
                case "decay_rate" -> run(L).stats.decayRate();
                case "ode_gap" -> L * outputGap(L, 2 * L);
                case "ode_gap_2L" -> 2 * L * outputGap(2 * L, 4 * L);
                case "ode_ratio" -> get("ode_gap_2L") / get("ode_gap");
                case "log_k_bound" -> logKBound(L);
                case "pl_ball" -> plBall(L);
                case "pl_mu" -> plMu(L);
                case "ball_exit" -> {
                    Run r = run(L);
                    yield Math.max(r.stats.supDist, Math.max(r.stats.supDistA, r.stats.supDistB)) / c.real("radius");
                }
                case "decay_excess" -> decayExcess(L);
                case "grad_agreement" -> gradAgreement(L);
                case "eta_lambda" -> etaLambda(L);
                default -> throw new IllegalStateException("unknown measure " + name);
            };
        }

        Architecture arch(int L) {
            Activation act = SymbolicActivations.resolve(c.text("activation"), "space.activation");
            Convention conv = Convention.fromSpecName(c.text("convention"));
            boolean train = conv.trainsEmbeddingsByDefault();
            return new Architecture(c.integer("input"), c.integer("hidden"), c.integer("width"), c.integer("output"), L,
                    act, conv, train, train);
        }

        InitScheme init() {
            long seed = c.integer("seed") + 1L;
            return switch (c.text("init")) {
                case "weight-tied" -> new WeightTied(seed);
                case "gp" -> new GaussianProcess(seed, c.real("lengthScale"), 1.0, 1.0);
                case "fbm" -> new FractionalBrownian(seed, c.real("hurst"), 1.0, 1.0);
                default -> new Iid(seed, c.real("iidScale"), c.real("iidScale"));
            };
        }

        Dataset data() {
            if (data == null) {
                int n = c.integer("n");
                long seed = c.integer("seed");
                double ls = c.real("labelScale");
                Architecture a = arch(1);
                DataSource src = switch (c.text("data")) {
                    case "gaussian" -> new GaussianData(n, seed, ls);
                    case "sphere" -> new SphereData(n, seed, ls);
                    default -> new TeacherData(n, seed, ls, 4, 3, 0.5, 0.0, a.activation(), a.convention());
                };
                data = src.create(a.d(), a.dOut(), a.q());
            }
            return data;
        }

        TrainSpec trainSpec() {
            Method m = Method.fromSpecName(c.text("method"));
            double clip = c.real("clip") > 0 ? c.real("clip") : Double.NaN;
            if (m.adaptive()) {
                double T = c.real("T");
                double[] times = new double[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) times[i] = T * i / (SAMPLES - 1);
                return TrainSpec.adaptive(m, T, c.real("rtol"), c.real("atol"), c.integer("maxEvaluations"), clip, times);
            }
            long steps = c.integer("steps");
            long[] idx = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) idx[i] = steps * i / (SAMPLES - 1);
            return TrainSpec.fixed(m, c.real("eta"), steps, clip, idx);
        }

        private record Run(TrainingResult result, TrajectoryStats stats, Architecture arch) {}

        private Run run(int L) {
            Run r = runs.get(L);
            if (r != null) return r;
            Architecture a = arch(L);
            double[] theta0 = init().create(a).theta;
            TrainSpec spec = trainSpec();
            TrajectoryStats stats = new TrajectoryStats(a, theta0, spec.sampleTimes().length);
            TrainingResult res = new Trainer(new Backprop(a, data()), spec).observe(stats).run(theta0);
            if (!res.completed())
                throw new TrialError("training at depth " + L + " " + res.status() + ": " + res.reason());
            r = new Run(res, stats, a);
            runs.put(L, r);
            return r;
        }

        private double initialDZ(int L) {
            Architecture a = arch(L);
            double[] t = init().create(a).theta;
            return WeightMetrics.of(a, t, t).maxDZ();
        }

        private double pl0(int L) {
            Architecture a = arch(L);
            double[] t = init().create(a).theta, g = new double[a.size()];
            double l = new Backprop(a, data()).lossAndGradient(t, g);
            return Backprop.flowMetric(a, g) / l;
        }

        /** max_i ‖F_{L1}(x_i) − F_{L2}(x_i)‖ at the trained parameters of both depths. */
        private double outputGap(int L1, int L2) {
            Run r1 = run(L1), r2 = run(L2);
            Dataset ds = data();
            ResNet n1 = new ResNet(r1.arch), n2 = new ResNet(r2.arch);
            double[] x = new double[ds.d()];
            double worst = 0;
            for (int i = 0; i < ds.n(); i++) {
                System.arraycopy(ds.x(), i * ds.d(), x, 0, ds.d());
                double[] f1 = n1.forward(r1.result.finalTheta(), x, null), f2 = n2.forward(r2.result.finalTheta(), x, null);
                double s = 0;
                for (int b = 0; b < f1.length; b++) s += (f1[b] - f2[b]) * (f1[b] - f2[b]);
                worst = Math.max(worst, Math.sqrt(s));
            }
            return worst;
        }

        /**
         * ln[(L·max_k‖Z_{k+1}(0) − Z_k(0)‖ + βT)e^{αT}], Proposition 7 with f(h, z) = κVσ(cWh) (κ = c_res·L, c = c_pre)
         * and upper bounds of its sup-norm constants over the ball (‖V‖_2‖W‖_2 ≤ M²/4 as ‖Z‖ = ‖V‖_F + ‖W‖_F ≤ M):
         * K_1 ≤ κcK_σM²/4; on E (‖h‖ ≤ H = e^{K_1}MM_X): K_2 ≤ κ max(min(√m M_σ, √m|σ(0)| + K_σcMH), cK_σMH),
         * ‖∂_22 f‖ ≤ 2κcK_σH + κc²M K_σ₂H², ‖∂_21 f‖ ≤ 2κcK_σM + κc²K_σ₂M²H (K_σ₂ = sup|σ″|); M = M_0 + T·M_π with
         * M_π the Frobenius size of the clipping, M_X, M_Y the largest ‖x_i‖, ‖y_i‖. Upper bounds of K and K′ give
         * an upper bound of the proposition's bound, so lx ≤ exp(log_k_bound) is implied by Proposition 3.
         */
        private double logKBound(int L) {
            double C = c.real("clip");
            if (!(C > 0)) throw new TrialError("log_k_bound needs the clipped flow of eq. (5): set clip > 0");
            Architecture a = arch(L);
            double[] t0 = init().create(a).theta;
            WeightMetrics w0 = WeightMetrics.of(a, t0, t0);
            double T = Method.fromSpecName(c.text("method")).adaptive() ? c.real("T") : c.real("eta") * c.integer("steps");
            double q = a.q(), m = a.m();
            double mPi = Math.max(C * Math.sqrt(q * a.d()), Math.max(2 * C * Math.sqrt(q * m), C * Math.sqrt(a.dOut() * q)));
            double m0 = Math.max(w0.normA(), Math.max(w0.maxNormZ(), w0.normB()));
            double M = m0 + T * mPi;
            Dataset ds = data();
            double mX = rowMax(ds.x(), ds.n(), ds.d()), mY = rowMax(ds.y(), ds.n(), ds.dOut());
            double[] sup = ActivationBounds.of(a.activation());
            double ks = sup[0], ms = sup[1], ks2 = sup[2], s0 = Math.abs(a.activation().value(0));
            double kappa = a.convention().cRes(1, a.m()), cp = a.cPre();
            double k1 = kappa * cp * ks * M * M / 4;
            double H = Math.exp(k1) * M * mX;
            double act = Math.min(Math.sqrt(m) * ms, Math.sqrt(m) * s0 + ks * cp * M * H);
            double k2 = kappa * Math.max(act, cp * ks * M * H);
            double K = Math.max(k1, k2);
            double kp = Math.max(2 * kappa * cp * ks * H + kappa * cp * cp * M * ks2 * H * H,
                    2 * kappa * cp * ks * M + kappa * cp * cp * ks2 * M * M * H);
            double inner = Math.exp(K) * M * M * mX + mY;
            double alpha = 2 * Math.exp(K) * kp * M * inner;
            double logBeta = Math.log(2 * K * M) + K + Math.log(K + Math.exp(K) * kp * M * mX) + Math.log(inner);
            double lx0 = L * w0.maxDZ();
            // ln(lx0 + βT) computed without forming β, which may overflow
            double logBT = logBeta + Math.log(T);
            double logSum = lx0 > 0 ? Math.max(Math.log(lx0), logBT) + Math.log1p(Math.exp(-Math.abs(Math.log(lx0) - logBT))) : logBT;
            double r = logSum + alpha * T;
            if (Double.isNaN(r)) throw new TrialError("log_k_bound: an activation bound is undetermined");
            if (Double.isInfinite(r)) throw new TrialError("log_k_bound: αT overflows a double even in logs");
            return r;
        }

        private static double rowMax(double[] x, int n, int d) {
            double best = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += x[i * d + j] * x[i * d + j];
                best = Math.max(best, Math.sqrt(s));
            }
            return best;
        }

        /** min G/ℓ over θ(0), 64 random points of the M-ball (half on its boundary, half inside) and a (1+1)-ES from the best. */
        private double plBall(int L) {
            Architecture a = arch(L);
            double[] t0 = init().create(a).theta, t = new double[a.size()], g = new double[a.size()];
            double M = c.real("radius");
            Backprop bp = new Backprop(a, data());
            Rng rng = Rng.stream(c.integer("seed"), "falsify.pl_ball");
            double min = Double.POSITIVE_INFINITY;
            double[] best = t0.clone();
            for (int s = 0; s <= 64; s++) {
                System.arraycopy(t0, 0, t, 0, t.length);
                if (s > 0) {
                    boolean edge = s % 2 == 1;
                    if (a.trainA()) perturb(t, a.offA(), a.sizeA(), M * (edge ? 1 : rng.nextDouble()), rng);
                    if (a.trainB()) perturb(t, a.offB(), a.sizeB(), M * (edge ? 1 : rng.nextDouble()), rng);
                    for (int k = 1; k <= L; k++) {    // ‖ΔV_k‖_F + ‖ΔW_k‖_F = r
                        double r = M * (edge ? 1 : rng.nextDouble()), share = rng.nextDouble();
                        perturb(t, a.offV() + (k - 1) * a.layerV(), a.layerV(), r * share, rng);
                        perturb(t, a.offW() + (k - 1) * a.layerW(), a.layerW(), r * (1 - share), rng);
                    }
                }
                double l = bp.lossAndGradient(t, g);
                if (!(l > 0)) continue;     // a global minimum: G/ℓ undefined there
                double ratio = Backprop.flowMetric(a, g) / l;
                if (ratio < min) { min = ratio; System.arraycopy(t, 0, best, 0, t.length); }
            }
            if (min == Double.POSITIVE_INFINITY) throw new TrialError("pl_ball: ℓ = 0 at every point");
            return Math.min(min, descend(a, bp, t0, best, M, rng));
        }

        /**
         * The targeted part of pl_ball: a (1+1) evolution strategy on G/ℓ from the best random point, 48 steps,
         * Gaussian moves of every trained block projected back onto the M-ball, step size adapted by the 1/5 rule.
         */
        private static double descend(Architecture a, Backprop bp, double[] t0, double[] start, double M, Rng rng) {
            int p = a.size();
            double[] x = start.clone(), y = new double[p], g = new double[p];
            double fx = ratio(a, bp, x, g), step = 0.3 * M;
            for (int it = 0; it < 48; it++) {
                for (int i = 0; i < p; i++) {
                    boolean frozen = (i < a.offV() && !a.trainA()) || (i >= a.offB() && !a.trainB());
                    y[i] = frozen ? x[i] : x[i] + step * rng.nextGaussian() / Math.sqrt(p);
                }
                project(a, t0, y, M);
                double fy = ratio(a, bp, y, g);
                if (fy < fx) { System.arraycopy(y, 0, x, 0, p); fx = fy; step *= 1.5; }
                else step *= Math.pow(1.5, -0.25);
            }
            return fx;
        }

        private static double ratio(Architecture a, Backprop bp, double[] t, double[] g) {
            double l = bp.lossAndGradient(t, g);
            return l > 0 ? Backprop.flowMetric(a, g) / l : Double.POSITIVE_INFINITY;
        }

        /** Scales each block's deviation from t0 (A, each Z_k = (V_k, W_k) in the paper's norm, B) back to at most M. */
        private static void project(Architecture a, double[] t0, double[] t, double M) {
            shrinkBlock(t0, t, M, new int[]{a.offA(), a.sizeA()});
            for (int k = 1; k <= a.L(); k++)
                shrinkBlock(t0, t, M, new int[]{a.offV() + (k - 1) * a.layerV(), a.layerV()}, new int[]{a.offW() + (k - 1) * a.layerW(), a.layerW()});
            shrinkBlock(t0, t, M, new int[]{a.offB(), a.sizeB()});
        }

        private static void shrinkBlock(double[] t0, double[] t, double M, int[]... parts) {
            double norm = 0;
            for (int[] part : parts) {
                double s = 0;
                for (int i = part[0]; i < part[0] + part[1]; i++) s += (t[i] - t0[i]) * (t[i] - t0[i]);
                norm += Math.sqrt(s);
            }
            if (norm <= M) return;
            double f = M / norm;
            for (int[] part : parts) for (int i = part[0]; i < part[0] + part[1]; i++) t[i] = t0[i] + f * (t[i] - t0[i]);
        }

        private static void perturb(double[] t, int off, int len, double radius, Rng rng) {
            double[] u = new double[len];
            rng.fillGaussian(u, 0, len, 1.0);
            double s = 0;
            for (double x : u) s += x * x;
            s = Math.sqrt(s);
            if (s == 0) return;
            for (int i = 0; i < len; i++) t[off + i] += radius * u[i] / s;
        }

        /**
         * μ of eq. (22) for the ball of radius M, with K bounded from above on the ball's norms (f(h, z) = κVσ(cWh),
         * κ = c_res·L, c = c_pre; ‖V‖_2‖W‖_2 ≤ ‖Z‖²/4 since ‖Z‖ = ‖V‖_F + ‖W‖_F):
         * K_1 ≤ κcK_σM_Z²/4, and on E (‖h‖ ≤ H = e^{K_1}M_AM_X) K_2 ≤ max(κ(√m|σ(0)| + K_σcM_ZH), κcK_σM_ZH).
         * M_A = ‖A(0)‖_2 + M, M_B = ‖B(0)‖_2 + M (A(0) = (I;0), B(0) = (0,I): norm 1), M_Z = max_k‖Z_k(0)‖ + M,
         * M_X = max_i ‖x_i‖, and ℓ(0) at depth L stands for sup_L ℓ^L(0) (exact for the weight-tied initialization,
         * whose ℓ(0) does not depend on L when q ≥ d + d′).
         */
        private double plMu(int L) {
            Architecture a = arch(L);
            double[] t0 = init().create(a).theta, g = new double[a.size()];
            double loss0 = new Backprop(a, data()).lossAndGradient(t0, g);
            double M = c.real("radius");
            double[] sup = ActivationBounds.of(a.activation());
            double kSigma = sup[0], mSigma = sup[1], sigma0 = Math.abs(a.activation().value(0));
            double mZ = WeightMetrics.of(a, t0, t0).maxNormZ() + M, mA = 1 + M, mB = 1 + M;
            Dataset ds = data();
            double mX = 0;
            for (int i = 0; i < ds.n(); i++) {
                double s = 0;
                for (int j = 0; j < ds.d(); j++) s += ds.x()[i * ds.d() + j] * ds.x()[i * ds.d() + j];
                mX = Math.max(mX, Math.sqrt(s));
            }
            double kappa = a.convention().cRes(1, a.m()), cp = a.cPre();
            double k1 = kappa * cp * kSigma * mZ * mZ / 4;
            double h = Math.exp(k1) * mA * mX;
            double act = Math.min(Math.sqrt(a.m()) * mSigma, Math.sqrt(a.m()) * sigma0 + kSigma * cp * mZ * h);
            double k2 = Math.max(kappa * act, kappa * cp * kSigma * mZ * h);
            double K = Math.max(k1, k2);
            return Math.max(mB * K, Math.max(mB * mX, mA * mX)) * (8 * Math.exp(K) / M) * Math.sqrt(loss0);
        }

        private double decayExcess(int L) {
            TrajectoryStats s = run(L).stats;
            double mu = Math.min(get("pl_ball"), s.minPl());
            // Below the round-off floor of ℓ the decay cannot be followed: F(x) ≈ B h_L ≈ x has rounding unit
            // ε(1 + M_X) per entry, with a factor 256 for the recursion through L layers; ℓ under its square is noise.
            Dataset ds = data();
            double mX = 0;
            for (double x : ds.x()) mX = Math.max(mX, Math.abs(x));
            double floor = Math.pow(256 * Math.ulp(1.0) * (1 + Math.sqrt(ds.d()) * mX), 2) * ds.dOut();
            double worst = Double.NEGATIVE_INFINITY;
            for (int i = 1; i < s.samples; i++)
                if (s.loss[i] > floor) worst = Math.max(worst, Math.log(s.loss[i]) - Math.log(s.loss[0]) + mu * s.t[i]);
            if (worst == Double.NEGATIVE_INFINITY)
                throw new TrialError("decay_excess: ℓ is under its round-off floor " + floor + " at every sample after t = 0 (shorten T)");
            return worst;
        }

        private double gradAgreement(int L) {
            Architecture a = arch(L);
            double[] t = init().create(a).theta;
            Rng r = Rng.stream(c.integer("seed"), "falsify.grad_agreement.point");
            for (int i = 0; i < t.length; i++) t[i] += 0.5 * r.nextGaussian(); // off the init's symmetries
            try {
                return SymbolicOracle.compare(a, data(), t).worstCorrected();
            } catch (SymbolicOracle.TooLarge e) {
                throw new TrialError(e.getMessage());
            }
        }

        /**
         * η·ρ(P^{1/2} H P^{1/2}) at θ(0), P = diag(1 on A, L on V and W, 1 on B; 0 on frozen blocks): the spectral
         * radius of the Hessian as gradient descent sees it (Appendix E's learning rate ηL on Z_k). Hessian-vector
         * products by central differences of the exact gradient (error O(ε²)); 60 power iterations from a seeded
         * random start.
         */
        private double etaLambda(int L) {
            Architecture a = arch(L);
            double[] t = init().create(a).theta;
            int p = a.size();
            double[] sq = new double[p];
            for (int i = 0; i < p; i++) {
                boolean z = i >= a.offV() && i < a.offB();
                boolean frozen = (i < a.offV() && !a.trainA()) || (i >= a.offB() && !a.trainB());
                sq[i] = frozen ? 0 : z ? Math.sqrt(L) : 1;
            }
            Backprop bp = new Backprop(a, data());
            double[] v = new double[p], w = new double[p], gp = new double[p], gm = new double[p], tp = new double[p];
            Rng.stream(c.integer("seed"), "falsify.eta_lambda.start").fillGaussian(v, 0, p, 1.0);
            double lambda = 0, norm = normalize(v, sq);
            if (norm == 0) return 0;
            double scale = 0;
            for (double x : t) scale = Math.max(scale, Math.abs(x));
            double eps = 1e-5 * (1 + scale);
            for (int it = 0; it < 60; it++) {
                for (int i = 0; i < p; i++) tp[i] = t[i] + eps * sq[i] * v[i];
                bp.lossAndGradient(tp, gp);
                for (int i = 0; i < p; i++) tp[i] = t[i] - eps * sq[i] * v[i];
                bp.lossAndGradient(tp, gm);
                double dot = 0;
                for (int i = 0; i < p; i++) { w[i] = sq[i] * (gp[i] - gm[i]) / (2 * eps); dot += w[i] * v[i]; }
                lambda = Math.abs(dot);
                System.arraycopy(w, 0, v, 0, p);
                if (normalize(v, sq) == 0) break;
            }
            if (!Double.isFinite(lambda)) throw new TrialError("eta_lambda: non-finite Hessian estimate");
            double eta = Method.fromSpecName(c.text("method")).adaptive() ? Double.NaN : c.real("eta");
            if (Double.isNaN(eta)) throw new TrialError("eta_lambda needs a fixed-step method (gd, euler, rk4) with a step eta");
            return eta * lambda;
        }

        private static double normalize(double[] v, double[] mask) {
            double s = 0;
            for (int i = 0; i < v.length; i++) { if (mask[i] == 0) v[i] = 0; s += v[i] * v[i]; }
            s = Math.sqrt(s);
            if (s > 0) for (int i = 0; i < v.length; i++) v[i] /= s;
            return s;
        }
    }
}
