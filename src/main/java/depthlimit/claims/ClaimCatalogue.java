package depthlimit.claims;

import depthlimit.claims.counterexample.AppDReluLosesSmoothness;
import depthlimit.claims.counterexample.AppDSmoothContrast;
import depthlimit.claims.errata.ErratumEq13Transpose;
import depthlimit.claims.errata.GfLossDerivative;
import depthlimit.claims.init.GpInitRegularity;
import depthlimit.claims.init.IidNoRegularity;
import depthlimit.claims.init.InitGdFirstSteps;
import depthlimit.claims.init.InitWeightTiedIdentities;
import depthlimit.claims.limit.AppA5LimitDynamics;
import depthlimit.claims.limit.Prop11HiddenTrajectory;
import depthlimit.claims.limit.Prop2ResnetToOde;
import depthlimit.claims.limit.Thm4LipschitzLimit;
import depthlimit.claims.limit.Thm4TrajectoryLimit;
import depthlimit.claims.limit.Thm4WeightsLimit;
import depthlimit.claims.limit.Thm6DoubleLimit;
import depthlimit.claims.pl.Def1PlRatio;
import depthlimit.claims.pl.Lemma20GaussianNorm;
import depthlimit.claims.pl.Lemma21SminLowerBound;
import depthlimit.claims.pl.Prop5ProofBounds;
import depthlimit.claims.pl.Thm6ExponentialDecay;
import depthlimit.claims.regularity.Fig1MetricMismatch;
import depthlimit.claims.regularity.Prop3DepthRegularity;
import depthlimit.claims.regularity.Prop3KGrowth;
import depthlimit.claims.regularity.Prop3WeightsBounded;
import depthlimit.claims.symbolic.ConstantsSymbolic;
import depthlimit.claims.symbolic.HermiteCoefficients;
import depthlimit.model.Cancellation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/** Every checkable statement of the paper (26 claims, numbered by the project), one class per claim in a package per part of the paper, in number order. */
public final class ClaimCatalogue {
    private ClaimCatalogue() {}

    /** Default wall-clock limit of one claim: generous against the slowest claim's measured time at each scale. */
    public static double defaultTimeoutSeconds(Scale scale) { return scale.pick(600.0, 7200.0); }

    /** After a timeout, how long the interrupted check gets to notice it before it is abandoned. */
    static final long GRACE_MILLIS = 10_000;

    public static List<Claim> all() {
        List<Claim> all = new ArrayList<>();
        all.add(Prop2ResnetToOde.claim());
        all.add(Prop11HiddenTrajectory.claim());
        all.add(InitWeightTiedIdentities.claim());
        all.add(InitGdFirstSteps.claim());
        all.add(Prop3DepthRegularity.claim());
        all.add(Prop3WeightsBounded.claim());
        all.add(Prop3KGrowth.claim());
        all.add(Fig1MetricMismatch.claim());
        all.add(Thm4WeightsLimit.claim());
        all.add(Thm4TrajectoryLimit.claim());
        all.add(Thm4LipschitzLimit.claim());
        all.add(AppA5LimitDynamics.claim());
        all.add(ErratumEq13Transpose.claim());
        all.add(GfLossDerivative.claim());
        all.add(Def1PlRatio.claim());
        all.add(Prop5ProofBounds.claim());
        all.add(Lemma20GaussianNorm.claim());
        all.add(Lemma21SminLowerBound.claim());
        all.add(HermiteCoefficients.claim());
        all.add(ConstantsSymbolic.claim());
        all.add(Thm6ExponentialDecay.claim());
        all.add(Thm6DoubleLimit.claim());
        all.add(AppDReluLosesSmoothness.claim());
        all.add(AppDSmoothContrast.claim());
        all.add(IidNoRegularity.claim());
        all.add(GpInitRegularity.claim());
        all.sort(Comparator.comparingInt(Claim::number).thenComparing(Claim::id));
        return all;
    }

    public static Optional<Claim> byId(String id) {
        return all().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The result of running one claim. */
    public record Result(Claim claim, Outcome outcome, long seed, Scale scale, double wallSeconds) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", claim.id());
            m.put("number", claim.number());
            m.put("title", claim.title());
            m.put("reference", claim.reference());
            m.put("hypotheses", claim.hypotheses());
            m.put("measured", claim.measured());
            m.put("predicted", claim.predicted());
            m.put("verdict", outcome.verdict().toString());
            m.put("summary", outcome.summary());
            m.put("key_figure", outcome.keyFigure());
            m.put("evidence", outcome.evidence().toJsonMap());
            m.put("seed", seed);
            m.put("scale", scale.label());
            m.put("wall_seconds", wallSeconds);
            return m;
        }
    }

    /** Told when a claim of {@link #start} begins and ends (called from the runner threads, concurrently). */
    public interface Listener {
        void started(Claim c);

        void finished(Result r);

        Listener NONE = new Listener() {
            public void started(Claim c) {}

            public void finished(Result r) {}
        };
    }

    /**
     * Starts the claims on {@code threads} runner threads, longest expected first ({@link #startOrder}), each with its
     * own time limit ({@link #run(Claim, Scale, long, double)}), and returns their results as futures in the given
     * order. The results
     * do not depend on {@code threads}: a check's randomness derives from (seed, claim) alone, the only state claims
     * share are caches of deterministic values (the Theorem-4 sweep, quadrature rules) and the gradient kernel's pool,
     * whose splitting of the work is fixed. The runner threads are daemons and end when the queue is empty.
     */
    public static List<CompletableFuture<Result>> start(List<Claim> claims, Scale scale, long seed, double timeoutSeconds,
                                                        int threads, Listener listener) {
        if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        ExecutorService pool = Experiment.daemonPool(Math.min(threads, Math.max(1, claims.size())), "claims-runner-");
        List<CompletableFuture<Result>> out = new ArrayList<>(java.util.Collections.nCopies(claims.size(), null));
        for (int i : startOrder(claims)) {
            Claim c = claims.get(i);
            out.set(i, CompletableFuture.supplyAsync(() -> {
                listener.started(c);
                Result r = run(c, scale, seed, timeoutSeconds, threads);
                listener.finished(r);
                return r;
            }, pool));
        }
        pool.shutdown(); // the queued claims still run; no new ones are accepted
        return out;
    }

    /**
     * The order in which {@link #start} queues the claims: by decreasing {@link Claim#paperSeconds} (claims without an
     * estimate last), ties in the given order. Starting the longest claim first keeps it off the end of the run: at
     * paper scale Theorem 6's sweep is most of the total, and queued behind the others it would run alone on one
     * runner at the end (longest-processing-time-first scheduling). The paper-scale times also order the ci run,
     * where the same claims are the long ones. Only the timing depends on this order, never a result.
     */
    static List<Integer> startOrder(List<Claim> claims) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) order.add(i);
        order.sort(java.util.Comparator.comparingDouble((Integer i) -> {
            double s = claims.get(i).paperSeconds();
            return Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
        }).reversed());
        return order;
    }

    /** {@link #start} and waits for every result, in the given order. */
    public static List<Result> runAll(List<Claim> claims, Scale scale, long seed, double timeoutSeconds, int threads,
                                      Listener listener) {
        return start(claims, scale, seed, timeoutSeconds, threads, listener).stream().map(CompletableFuture::join).toList();
    }

    /** Runs one claim with the scale's default time limit. */
    public static Result run(Claim c, Scale scale, long seed) {
        return run(c, scale, seed, defaultTimeoutSeconds(scale));
    }

    /**
     * Runs one claim on its own thread, bounded by {@code timeoutSeconds} of wall-clock time. An exception inside a
     * check, or running out of time, is reported as INCONCLUSIVE with its reason, never thrown: a claim that cannot
     * be decided in its budget has not been refuted. On timeout the check's thread is interrupted (the engine's
     * {@link Cancellation} checkpoints end it) and abandoned after a short grace period.
     */
    public static Result run(Claim c, Scale scale, long seed, double timeoutSeconds) {
        return run(c, scale, seed, timeoutSeconds, 1);
    }

    /**
     * As {@link #run(Claim, Scale, long, double)}, the check allowed {@code threads} threads for independent runs of its
     * own ({@link Claim.Context#threads}); the result does not depend on it.
     */
    public static Result run(Claim c, Scale scale, long seed, double timeoutSeconds, int threads) {
        long t0 = System.nanoTime();
        AtomicReference<Outcome> result = new AtomicReference<>();
        Thread worker = new Thread(() -> result.set(guarded(c, scale, seed, threads)), "claim-" + c.id());
        worker.setDaemon(true);
        worker.start();
        long millis = (long) Math.min(Long.MAX_VALUE / 2.0, Math.ceil(timeoutSeconds * 1000));
        boolean interrupted = false;
        try {
            worker.join(millis);
        } catch (InterruptedException e) {
            interrupted = true; // the caller is being stopped: stop the check too, and report it as such
        }
        Outcome o = result.get();
        if (o == null || worker.isAlive()) {
            worker.interrupt();
            try {
                worker.join(GRACE_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            String why = interrupted ? "interrupted before the check finished"
                    : String.format(java.util.Locale.ROOT, "timeout: the check did not finish within its time limit of %.0f s", timeoutSeconds);
            o = Outcome.inconclusive(why, interrupted ? "interrupted" : "timeout",
                    new Evidence().put("time_limit_seconds", timeoutSeconds));
        }
        if (interrupted) Thread.currentThread().interrupt();
        return new Result(c, o, seed, scale, (System.nanoTime() - t0) / 1e9);
    }

    private static Outcome guarded(Claim c, Scale scale, long seed, int threads) {
        try {
            return c.check().apply(new Claim.Context(scale, seed, Fault.NONE, threads));
        } catch (Cancellation.Cancelled e) {
            return null;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            return Outcome.inconclusive("the check failed: " + e, "error", new Evidence());
        }
    }
}
