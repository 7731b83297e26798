package depthlimit.claims.pl;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.random.Rng;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;


/** Claim 17, {@code lemma20.gaussian-norm}: Tail bound for the Frobenius norm of a Gaussian matrix (Lemma 20 (Laurent–Massart)). */
public final class Lemma20GaussianNorm {
    private Lemma20GaussianNorm() {}

    /** The claim as data, with its check {@link #lemma20}. */
    public static Claim claim() {
        return new Claim("lemma20.gaussian-norm", 17, "Tail bound for the Frobenius norm of a Gaussian matrix",
                "Lemma 20 (Laurent–Massart)", "W ∈ ℝ^{q×m} with i.i.d. N(0,1) entries, M_W ∈ {√2, 2}",
                "Monte Carlo frequency of ‖W‖_F > M_W√(qm) (with a 99.9% Wilson interval) and the exact χ² tail",
                "frequency (upper end of its interval) and exact tail ≤ exp(−(M_W² − 1)qm/16)", Lemma20GaussianNorm::lemma20)
                .documented("entries with standard deviation 1.5 instead of 1: the tails exceed the bound",
                        "Monte Carlo and exact χ² tails for qm ≤ 16 and M_W ∈ {√2, 2}")
                .paperEstimate(4)
                .sizes(SIZES);
    }

    /** Monte-Carlo samples of the Gaussian matrix per (q, m). */
    record Sizes(int samples) {}

    static final PerScale<Sizes> SIZES = new PerScale<>(new Sizes(200_000), new Sizes(2_000_000));

    static Outcome lemma20(Claim.Context ctx) {
        int samples = ctx.fault().size("samples", SIZES.at(ctx.scale()).samples());
        double sd = ctx.fault().size("entry_sd", 1.0);                  // the entries' standard deviation (1: the lemma's)
        Evidence.Table tab = new Evidence.Table("q", "m", "M_W", "frequency", "99.9% upper", "exact χ² tail", "bound exp(−(M_W²−1)qm/16)");
        boolean ok = true;
        Rng rng = Rng.stream(ctx.seed(), "claim17");
        for (int[] qm : new int[][]{{1, 1}, {1, 2}, {2, 2}, {2, 4}, {4, 4}}) {
            int q = qm[0], m = qm[1], dim = q * m;
            for (double mw : new double[]{Math.sqrt(2), 2}) {
                double thr = mw * mw * dim;
                long hits = 0;
                for (int s = 0; s < samples; s++) {
                    double sum = 0;
                    for (int i = 0; i < dim; i++) { double z = sd * rng.nextGaussian(); sum += z * z; }
                    if (sum > thr) hits++;
                }
                double p = (double) hits / samples, z = 3.29; // two-sided 99.9%
                double upper = (p + z * z / (2 * samples) + z * Math.sqrt(p * (1 - p) / samples + z * z / (4.0 * samples * samples)))
                        / (1 + z * z / samples);
                double exact = 1 - new ChiSquaredDistribution(dim).cumulativeProbability(thr);
                double bound = Math.exp(-(mw * mw - 1) * dim / 16);
                ok &= upper <= bound && exact <= bound;
                tab.row(q, m, mw, p, upper, exact, bound);
            }
        }
        Evidence e = new Evidence().put("samples per case", samples).table("tails", tab);
        return Outcome.of(ok, "every Monte Carlo frequency (upper 99.9% end) and exact χ² tail is below the Lemma-20 bound",
                ok ? "all below the bound" : "a tail above the bound", e);
    }
}
