package depthlimit.claims;

import java.util.function.Function;

/**
 * A checkable statement of the paper as data: id, the project's stable claim number, title, the paper reference,
 * its hypotheses, the quantity measured, the behaviour predicted, a short check, for the documentation the
 * settings in which the check must fail and the limits of what it shows, and the check's expected wall time at
 * {@code paper} scale ({@link #paperSeconds}, NaN when unknown) so that a long run can say beforehand how long it takes,
 * and its problem sizes per scale ({@link #sizes}, null for a claim without scale-dependent sizes).
 */
public record Claim(String id, int number, String title, String reference, String hypotheses, String measured,
                    String predicted, Function<Context, Outcome> check, String failsWhen, String limits,
                    double paperSeconds, PerScale<?> sizes) {
    /**
     * What a check gets: the scale, the seed every random choice flows from, and a {@link Fault} (default
     * {@link Fault#NONE}: the published setting) that tests use to run the check where its prediction must fail,
     * and how many threads the check may use for independent runs of its own (a depth sweep's trainings); no
     * result depends on it.
     */
    public record Context(Scale scale, long seed, Fault fault, int threads) {
        public Context {
            if (threads < 1) throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }

        public Context(Scale scale, long seed, Fault fault) { this(scale, seed, fault, 1); }

        public Context(Scale scale, long seed) { this(scale, seed, Fault.NONE); }
    }

    /**
     * The ratio of the two whole paper runs measured on idle 2-core AMD EPYC machines, one with AVX-512 (20 min 40 s,
     * 2026-12-02) and one with AVX2 + FMA only (45 min 05 s, 2026-12-06). The {@link #paperSeconds} are the AVX2
     * run's; with 512-bit vectors they scale by this (the claims' time is almost all gradient kernel, whose cost per
     * element about halves with twice the lanes; for Theorem 6's Figure-2 experiment alone it was 1216 s / 2676 s).
     */
    public static final double AVX512_TIME_RATIO = (20 * 60 + 40) / (45 * 60 + 5.0);

    public Claim(String id, int number, String title, String reference, String hypotheses, String measured,
                 String predicted, Function<Context, Outcome> check) {
        this(id, number, title, reference, hypotheses, measured, predicted, check, "", "", Double.NaN, null);
    }

    /** This claim with its failing settings and known limits (documentation only; the check is unchanged). */
    public Claim documented(String failsWhen, String limits) {
        return new Claim(id, number, title, reference, hypotheses, measured, predicted, check, failsWhen, limits, paperSeconds, sizes);
    }

    /**
     * This claim with its expected wall time at paper scale: the seconds measured for seed 1 with 2 threads on an idle
     * 2-core AVX2 machine (the verdict table of the README), i.e. an estimate for such a machine, not a bound (the
     * estimate printed before a run scales it by {@link #AVX512_TIME_RATIO} for 512-bit vectors).
     */
    public Claim paperEstimate(double seconds) {
        return new Claim(id, number, title, reference, hypotheses, measured, predicted, check, failsWhen, limits, seconds, sizes);
    }

    /** This claim with its problem sizes per scale (documentation; the check reads the same constants). */
    public Claim sizes(PerScale<?> perScale) {
        return new Claim(id, number, title, reference, hypotheses, measured, predicted, check, failsWhen, limits, paperSeconds, perScale);
    }
}
