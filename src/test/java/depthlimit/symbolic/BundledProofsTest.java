package depthlimit.symbolic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proofs built into the jar: found when no proofs/ lies beside it, and the same scripts as proofs/. */
class BundledProofsTest {
    @Test
    void theBuildCopiesEveryScript() throws Exception {
        Path classes = Path.of("target/classes");
        Path bundled = ProofRunner.bundled(classes);
        assertTrue(bundled != null, "target/classes/" + ProofRunner.BUNDLED + " exists");
        List<String> src = names(Path.of("proofs")), copy = names(bundled);
        assertEquals(src, copy);
        for (String f : src) assertEquals(Files.readString(Path.of("proofs", f)), Files.readString(bundled.resolve(f)), f);
    }

    @Test
    void aJarsScriptsAreExtracted(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("x.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(ProofRunner.BUNDLED + "/"));
            out.putNextEntry(new JarEntry(ProofRunner.BUNDLED + "/01-one.m"));
            out.write("@check one\n1 + 1 == 2\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry(ProofRunner.BUNDLED + "/notes.txt"));
            out.write("not a script".getBytes(StandardCharsets.UTF_8));
        }
        Path dir = ProofRunner.bundled(jar);
        assertEquals(List.of("01-one.m"), names(dir));
        List<ProofRunner.Row> rows = ProofRunner.runAll(dir);
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).passed(), rows.get(0).result());
        // a jar without scripts has no bundled directory
        Path empty = tmp.resolve("empty.jar");
        try (OutputStream o = Files.newOutputStream(empty); JarOutputStream out = new JarOutputStream(o)) {
            out.putNextEntry(new JarEntry("a.txt"));
        }
        assertNull(ProofRunner.bundled(empty));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".m")).sorted().toList();
        }
    }
}
