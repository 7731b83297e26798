package depthlimit.symbolic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/** proofs/: every check of every script must evaluate to True; the runner reports failures faithfully. */
class ProofRunnerTest {
    @Test
    void everyProofHolds() {
        List<ProofRunner.Row> rows = ProofRunner.runAll(Path.of("proofs"));
        List<String> files = rows.stream().map(ProofRunner.Row::file).distinct().toList();
        assertTrue(files.size() >= 9, "the nine topics of the issue: " + files);
        String failures = rows.stream().filter(r -> !r.passed())
                .map(r -> r.file() + " / " + r.name() + ": " + r.result()).collect(Collectors.joining("\n"));
        assertEquals("", failures);
        assertTrue(rows.size() >= 60, rows.size() + " checks");
    }

    @Test
    void failingChecksShowWhatTheyReducedTo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.m");
        Files.writeString(f, """
                (* a script with one true and two false checks *)
                @def
                  sq = (a + b)^2
                @check binomial
                  Expand[sq] == a^2 + 2*a*b + b^2
                @check wrong binomial
                  Expand[sq] == a^2 + b^2
                @check not a boolean
                  D[Sin[x], x]
                """);
        List<ProofRunner.Row> rows = ProofRunner.run(f);
        assertEquals(3, rows.size());
        assertTrue(rows.get(0).passed());
        assertFalse(rows.get(1).passed());
        assertTrue(rows.get(1).result().contains("2*a*b"), rows.get(1).result());
        assertFalse(rows.get(2).passed());
        assertTrue(rows.get(2).result().contains("Cos(x)"), rows.get(2).result());
    }

    @Test
    void definitionErrorsAndMalformedFilesFail(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.m");
        Files.writeString(f, "@check unbalanced\n  Expand[(a + b)^2 == \n");
        List<ProofRunner.Row> rows = ProofRunner.run(f);
        assertEquals(1, rows.size());
        assertFalse(rows.get(0).passed(), rows.get(0).result());

        Path g = dir.resolve("stray.m");
        Files.writeString(g, "x = 1\n@check t\n True\n");
        List<ProofRunner.Row> r2 = ProofRunner.run(g);
        assertFalse(r2.get(0).passed());
        assertTrue(r2.get(0).result().contains("outside a block"), r2.get(0).result());
    }

    @Test
    void commentsAreStripped() {
        List<ProofRunner.Block> b = ProofRunner.parse("(* head\n (* nested *) *)\n@check c (* not part of the name? *)\n  1 + 1 == 2 (* trailing *)\n");
        assertEquals(1, b.size());
        assertEquals("1 + 1 == 2", b.get(0).body());
        assertEquals("c", b.get(0).name());
    }
}
