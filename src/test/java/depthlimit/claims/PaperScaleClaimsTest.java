package depthlimit.claims;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The catalogue at the paper's sizes (minutes to tens of minutes per claim): {@code mvn -B -ntp test -Ppaper}, or
 * {@code bin/depthlimit verify --scale paper --out DIR} for the report. Not part of CI.
 */
@Tag("paper-scale")
@org.junit.jupiter.api.Timeout(value = 3, unit = java.util.concurrent.TimeUnit.HOURS) // long by design; still bounded
class PaperScaleClaimsTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("depthlimit.claims.ClaimCatalogueTest#ids")
    void claimIsConfirmedAtPaperScale(String id) {
        ClaimCatalogue.Result r = ClaimCatalogue.run(ClaimCatalogue.byId(id).orElseThrow(), Scale.PAPER, 1);
        System.out.printf("%-34s %-14s %8.1f s  %s%n", id, r.outcome().verdict(), r.wallSeconds(), r.outcome().keyFigure());
        assertEquals(Verdict.CONFIRMED, r.outcome().verdict(), id + ": " + r.outcome().summary());
    }
}
