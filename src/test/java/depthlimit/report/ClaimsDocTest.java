package depthlimit.report;

import depthlimit.claims.ClaimCatalogue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/claims.md is exactly what the claims' data renders to: the documentation cannot drift from the checks. */
class ClaimsDocTest {
    @Test
    void docsClaimsMdIsCurrent() throws IOException {
        Path doc = Path.of("docs/claims.md");
        String expected = ClaimsDoc.render(ClaimCatalogue.all());
        if (Boolean.getBoolean("depthlimit.regenerateDocs")) Files.writeString(doc, expected);
        assertEquals(expected, Files.readString(doc), "docs/claims.md is stale: regenerate it with "
                + "mvn -B -ntp test -Dtest=ClaimsDocTest -Ddepthlimit.regenerateDocs=true");
    }
}
