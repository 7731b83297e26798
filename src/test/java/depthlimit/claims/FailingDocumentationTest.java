package depthlimit.claims;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every claim documents the setting in which its check fails (tested in the Failing*Test classes) and its limits. */
class FailingDocumentationTest {
    @Test
    void everyClaimSaysWhereItFailsAndWhatItCannotShow() {
        for (Claim c : ClaimCatalogue.all()) {
            assertTrue(c.failsWhen() != null && !c.failsWhen().isBlank(), c.id() + ": failsWhen");
            assertTrue(c.limits() != null && !c.limits().isBlank(), c.id() + ": limits");
            for (String s : new String[]{c.failsWhen(), c.limits()})
                assertFalse(s.toLowerCase(java.util.Locale.ROOT).contains("digest") || s.contains("§"), c.id() + ": " + s);
        }
    }

    @Test
    void theDefaultContextHasNoFault() {
        assertTrue(new Claim.Context(Scale.CI, 1).fault().isNone());
    }
}
