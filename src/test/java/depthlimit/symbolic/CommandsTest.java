package depthlimit.symbolic;

import depthlimit.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** symgrad, constants, prove: outputs and exit codes (0 ok, 1 failed result, 2 bad input). */
class CommandsTest {
    record Run(int code, String out, String err) {}

    @BeforeAll
    static void install() {
        SymbolicActivations.install();
    }

    static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            System.out.flush();
            return new Run(code, buf.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    static Path spec(Path dir, String activation, int depth, int width, int hidden, int in, int out, int n) throws Exception {
        Path p = dir.resolve("s.json");
        Files.writeString(p, "{\"model\": {\"convention\": \"paper\", \"activation\": \"" + activation + "\", \"depth\": " + depth
                + ", \"width\": " + width + ", \"hidden\": " + hidden + ", \"input\": " + in + ", \"output\": " + out + "},"
                + " \"data\": {\"generator\": \"gaussian\", \"n\": " + n + ", \"seed\": 1}, \"init\": {\"scheme\": \"iid\", \"seed\": 2}}");
        return p;
    }

    @Test
    void symgradOnASmallSpec(@TempDir Path dir) throws Exception {
        Run r = run("symgrad", "--spec", spec(dir, "x*Exp[-x^2/2]", 2, 1, 2, 1, 1, 2).toString(), "--points", "2");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ok: the corrected recursion agrees"), r.out());
        assertTrue(r.out().contains("Sinh standing in for σ"), r.out());
        assertTrue(r.out().contains("the printed eq. (13) (no transpose) disagrees"), r.out());
        for (String block : new String[]{"A", "V_1", "V_2", "W_1", "W_2", "B"}) assertTrue(r.out().contains("  " + block + " "), block);
    }

    @Test
    void symgradRefusesLargeSpecsInOneLine(@TempDir Path dir) throws Exception {
        Run r = run("symgrad", "--spec", spec(dir, "tanh", 8, 8, 8, 4, 4, 20).toString());
        assertEquals(Main.EXIT_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: --spec: the network is too large"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void badActivationIsExitCode2(@TempDir Path dir) throws Exception {
        Run r = run("symgrad", "--spec", spec(dir, "x*Foo[x]", 2, 1, 2, 1, 1, 2).toString());
        assertEquals(Main.EXIT_INPUT, r.code());
        assertTrue(r.err().contains("model.activation"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());

        Run c = run("constants", "--activation", "x +", "--n", "2", "--q", "4", "--d", "2", "--m", "3", "--no-exact");
        assertEquals(Main.EXIT_INPUT, c.code());
        assertTrue(c.err().startsWith("error: --activation: cannot parse"), c.err());
        Run neg = run("constants", "--activation", "tanh", "--n", "0", "--q", "4", "--d", "2", "--m", "3");
        assertEquals(Main.EXIT_INPUT, neg.code());
        assertTrue(neg.err().contains("--n"), neg.err());
    }

    @Test
    void constantsForTanh() {
        Run r = run("constants", "--activation", "tanh", "--n", "50", "--q", "16", "--d", "8", "--m", "64", "--L", "64", "--no-exact");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("smallest r ≥ 2 with η_r ≠ 0: r = 3"), r.out());
        assertTrue(r.out().contains("c1         = 1.330"), r.out());
        assertTrue(r.out().contains("m ≥ c1 n          64 ≥ 6.65"), r.out());
        assertTrue(r.out().contains("configuration is NOT inside the regime"), r.out());
        assertTrue(r.out().contains("ratio √q = 4.000"), r.out());
    }

    @Test
    void proveRunsAScriptAndFailsOnAFalseCheck(@TempDir Path dir) throws Exception {
        Run ok = run("prove", "--file", "02-adjoint.m", "--dir", "proofs");
        assertEquals(0, ok.code(), ok.out());
        assertTrue(ok.out().contains("02-adjoint.m"), ok.out());
        assertTrue(ok.out().contains("0 failed;"), ok.out());

        Files.writeString(dir.resolve("f.m"), "@check false identity\n  Expand[(a + b)^2] == a^2 + b^2\n");
        Run bad = run("prove", "--dir", dir.toString());
        assertEquals(Main.EXIT_FAILED, bad.code(), bad.out());
        assertTrue(bad.out().contains("FAIL"), bad.out());
        assertTrue(bad.out().contains("did not reduce to True"), bad.out());

        Run missing = run("prove", "--dir", dir.resolve("nope").toString());
        assertEquals(Main.EXIT_INPUT, missing.code());
    }
}
