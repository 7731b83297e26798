package depthlimit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sweep end to end: the table, a rerun that evaluates nothing, one-line refusals. */
class SweepCommandTest {
    @TempDir
    Path dir;

    static final String SPEC = "{\"space\": {\"depth\": [2, 4], \"seed\": [1, 2], \"width\": 2, \"hidden\": 3, \"input\": 1, \"output\": 1, "
            + "\"n\": 2, \"method\": \"gd\", \"steps\": 5, \"T\": 0.25}, \"record\": [\"lx0\", \"loss_T\"]}";

    @Test
    void writesTheTableAndResumes() throws Exception {
        Path p = dir.resolve("s.json"), out = dir.resolve("o");
        Files.writeString(p, SPEC);
        GradCommandTest.Run r = GradCommandTest.run("sweep", p.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(Main.EXIT_OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("4 trials: 0 kept from an earlier run, 4 evaluated"), r.out());
        var lines = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).contains(",config_hash,status,reason,lx0,loss_T,seconds"), lines.get(0));
        GradCommandTest.Run again = GradCommandTest.run("sweep", p.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(Main.EXIT_OK, again.code(), again.out() + again.err());
        assertTrue(again.out().contains("4 kept from an earlier run, 0 evaluated"), again.out());
    }

    @Test
    void badInputIsOneLineNamingTheField() throws Exception {
        Path p = dir.resolve("bad.json");
        Files.writeString(p, SPEC.replace("\"depth\": [2, 4]", "\"depth\": [2, 0]"));
        GradCommandTest.Run r = GradCommandTest.run("sweep", p.toString(), "--out", dir.resolve("o").toString());
        assertEquals(Main.EXIT_INPUT, r.code());
        assertTrue(r.err().strip().startsWith("error: space.depth") && !r.err().strip().contains("\n"), r.err());
        Files.writeString(p, SPEC);
        GradCommandTest.Run e = GradCommandTest.run("sweep", p.toString(), "--engine", "cloud", "--out", dir.resolve("o").toString());
        assertEquals(Main.EXIT_INPUT, e.code());
        assertTrue(e.err().strip().startsWith("error: --engine") && !e.err().strip().contains("\n"), e.err());
        boolean sparkBuilt;
        try {
            Class.forName("org.apache.spark.SparkConf");
            sparkBuilt = true;
        } catch (ClassNotFoundException x) {
            sparkBuilt = false;
        }
        if (!sparkBuilt) {   // the default build: Spark is not on the class path
            GradCommandTest.Run s = GradCommandTest.run("sweep", p.toString(), "--engine", "spark", "--out", dir.resolve("s").toString());
            assertEquals(Main.EXIT_INPUT, s.code());
            assertTrue(s.err().contains("the Spark engine is not in this build: rebuild with -Pspark"), s.err());
            assertTrue(!Files.exists(dir.resolve("s")), "nothing written when the engine is missing");
        }
    }
}
