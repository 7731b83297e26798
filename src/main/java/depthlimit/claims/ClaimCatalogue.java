package depthlimit.claims;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every checkable statement of the paper (digest §9, 26 items), grouped by topic, in digest order. */
public final class ClaimCatalogue {
    private ClaimCatalogue() {}

    public static List<Claim> all() {
        List<Claim> all = new ArrayList<>();
        all.addAll(LimitClaims.claims());
        all.addAll(InitClaims.claims());
        all.addAll(RegularityClaims.claims());
        all.addAll(ErrataClaims.claims());
        all.addAll(PlClaims.claims());
        all.addAll(CounterexampleClaims.claims());
        all.addAll(SymbolicClaims.claims());
        all.sort(Comparator.comparingInt(Claim::digestItem).thenComparing(Claim::id));
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
            m.put("title", claim.title());
            m.put("reference", claim.reference());
            m.put("digest_item", claim.digestItem());
            m.put("hypotheses", claim.hypotheses());
            m.put("measured", claim.measured());
            m.put("predicted", claim.predicted());
            m.put("verdict", outcome.verdict().toString());
            m.put("summary", outcome.summary());
            m.put("key_figure", outcome.keyFigure());
            m.put("evidence", outcome.evidence().toMap());
            m.put("seed", seed);
            m.put("scale", scale.label());
            m.put("wall_seconds", wallSeconds);
            return m;
        }
    }

    /** Runs one claim; an exception inside a check is reported as INCONCLUSIVE with its message, never thrown. */
    public static Result run(Claim c, Scale scale, long seed) {
        long t0 = System.nanoTime();
        Outcome o;
        try {
            o = c.check().apply(new Claim.Context(scale, seed));
        } catch (RuntimeException | OutOfMemoryError e) {
            o = Outcome.inconclusive("the check failed: " + e, "error", new Evidence());
        }
        return new Result(c, o, seed, scale, (System.nanoTime() - t0) / 1e9);
    }
}
