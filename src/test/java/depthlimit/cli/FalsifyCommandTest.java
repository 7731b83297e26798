package depthlimit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** falsify and replay end to end: exit codes, outputs, bit-for-bit replay, one-line refusals. */
class FalsifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void counterexampleIsWrittenAndReplaysBitForBit() throws Exception {
        Path out = dir.resolve("run");
        GradCommandTest.Run r = GradCommandTest.run("falsify", "examples/properties/b-iid-init-regular.json", "--budget", "8",
                "--seed", "3", "--out", out.toString(), "--no-progress");
        assertEquals(Main.EXIT_FAILED, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("COUNTEREXAMPLE"), r.out());
        assertTrue(Files.exists(out.resolve("witness.json")) && Files.exists(out.resolve("trials.csv")));
        GradCommandTest.Run rep = GradCommandTest.run("replay", out.resolve("witness.json").toString());
        assertEquals(Main.EXIT_FAILED, rep.code(), rep.out() + rep.err());
        assertTrue(rep.out().contains("reproduced bit for bit"), rep.out());
    }

    @Test
    void survivingPropertyExitsZero() throws Exception {
        Path p = dir.resolve("p.json");
        Files.writeString(p, "{\"space\": {\"depth\": [2, 4], \"width\": 2, \"hidden\": 3, \"input\": 1, \"output\": 1, \"n\": 2, "
                + "\"init\": \"weight-tied\"}, \"measure\": \"lx0\", \"holds\": \"<= 1e-12\"}");
        GradCommandTest.Run r = GradCommandTest.run("falsify", p.toString(), "--budget", "4", "--out", dir.resolve("o").toString(), "--no-progress");
        assertEquals(Main.EXIT_OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("survived 4 trials"), r.out());
    }

    @Test
    void badInputIsOneLineNamingTheField() throws Exception {
        Path p = dir.resolve("bad.json");
        Files.writeString(p, "{\"space\": {\"width\": [4, 2]}, \"measure\": \"lx\", \"holds\": \"<= 1\"}");
        GradCommandTest.Run r = GradCommandTest.run("falsify", p.toString(), "--out", dir.resolve("o").toString());
        assertEquals(Main.EXIT_INPUT, r.code());
        assertTrue(r.err().strip().startsWith("error: space.width") && !r.err().strip().contains("\n"), r.err());
        GradCommandTest.Run b = GradCommandTest.run("falsify", "examples/properties/b-iid-init-regular.json", "--budget", "0",
                "--out", dir.resolve("o").toString());
        assertEquals(Main.EXIT_INPUT, b.code());
        assertTrue(b.err().contains("--budget"), b.err());
        Files.writeString(p, "{\"space\": {}, \"measure\": ");
        GradCommandTest.Run j = GradCommandTest.run("falsify", p.toString(), "--out", dir.resolve("o").toString());
        assertEquals(Main.EXIT_INPUT, j.code());
        assertTrue(j.err().contains("not valid JSON"), j.err());
    }
}
