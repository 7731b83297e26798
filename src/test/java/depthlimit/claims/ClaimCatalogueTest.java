package depthlimit.claims;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every claim of the catalogue at ci scale gets the verdict the paper predicts (CONFIRMED), with its evidence. */
class ClaimCatalogueTest {
    static Stream<String> ids() {
        return ClaimCatalogue.all().stream().map(Claim::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void claimIsConfirmedAtCiScale(String id) {
        ClaimCatalogue.Result r = ClaimCatalogue.run(ClaimCatalogue.byId(id).orElseThrow(), Scale.CI, 1);
        System.out.printf("%-34s %-14s %6.1f s  %s%n", id, r.outcome().verdict(), r.wallSeconds(), r.outcome().keyFigure());
        assertEquals(Verdict.CONFIRMED, r.outcome().verdict(), id + ": " + r.outcome().summary() + "\n" + r.outcome().evidence().toMap());
        assertTrue(!r.outcome().evidence().toMap().isEmpty(), "a verdict without evidence");
    }

    @Test
    void idsAreUniqueAndEveryClaimIsDescribed() {
        Set<String> seen = new HashSet<>();
        for (Claim c : ClaimCatalogue.all()) {
            assertTrue(seen.add(c.id()), "duplicate id " + c.id());
            for (String s : List.of(c.title(), c.reference(), c.hypotheses(), c.measured(), c.predicted()))
                assertTrue(s != null && !s.isBlank(), c.id());
        }
    }
}
