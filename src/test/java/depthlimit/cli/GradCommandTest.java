package depthlimit.cli;

import depthlimit.io.Json;
import depthlimit.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        java.io.PrintStream oldOut = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            picocli.CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Run(code, out + captured.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
        }
    }

    static double sumSq(Path npy) throws Exception {
        double s = 0;
        for (double x : Npy.read(npy).data()) s += x * x;
        return s;
    }

    static final String MODEL = "\"model\": {\"convention\": \"%s\", \"activation\": \"%s\", \"depth\": 6, \"width\": 4, "
            + "\"hidden\": 5, \"input\": 2, \"output\": 3}";

    Path spec(String body) throws Exception {
        Path f = dir.resolve("spec" + System.nanoTime() + ".json");
        Files.writeString(f, body);
        return f;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "paper, tanh, weight-tied", "paper, gelu, gp", "paper, sin, fbm", "paper, gauss-x, iid",
            "authors-code, relu, weight-tied", "authors-code, identity, gp", "authors-code, gelu, fbm", "authors-code, tanh, iid"})
    void gradWritesEveryArrayForEveryActivationConventionAndInit(String conv, String act, String scheme) throws Exception {
        String init = switch (scheme) {
            case "gp" -> "{\"scheme\": \"gp\", \"seed\": 3, \"lengthScale\": 0.3}";
            case "fbm" -> "{\"scheme\": \"fbm\", \"seed\": 3, \"hurst\": 0.75}";
            default -> "{\"scheme\": \"" + scheme + "\", \"seed\": 3}";
        };
        Path s = spec("{" + String.format(MODEL, conv, act) + ", \"data\": {\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1}, \"init\": " + init + "}");
        Path out = dir.resolve("out");
        Run r = run("grad", "--spec", s.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> res = (Map<String, Object>) Json.parse(Files.readString(out.resolve("loss.json")));
        // G of Definition 1 from the written gradients: ‖dA‖² + L Σ_k (‖dV_k‖² + ‖dW_k‖²) + ‖dB‖², A and B counted
        // only where trained (the paper trains them, the authors' scripts freeze them). Same sums in another order:
        // relative round-off ≤ (number of squares ≈ 300)·ε, asserted at 1e-13. (G ≥ 0 alone could never fail.)
        assertTrue((Double) res.get("loss") > 0);
        boolean trained = conv.equals("paper");
        double g = 6 * (sumSq(out.resolve("dV.npy")) + sumSq(out.resolve("dW.npy")))
                + (trained ? sumSq(out.resolve("dA.npy")) + sumSq(out.resolve("dB.npy")) : 0);
        assertEquals(g, (Double) res.get("G"), 1e-13 * g, "G from dA, dV, dW, dB");
        assertTrue(g > 0);
        assertArrayEquals(new int[]{5, 2}, Npy.read(out.resolve("dA.npy")).shape());
        assertArrayEquals(new int[]{6, 5, 4}, Npy.read(out.resolve("dV.npy")).shape());
        assertArrayEquals(new int[]{6, 4, 5}, Npy.read(out.resolve("dW.npy")).shape());
        assertArrayEquals(new int[]{3, 5}, Npy.read(out.resolve("dB.npy")).shape());
        assertArrayEquals(new int[]{6, 5, 4}, Npy.read(out.resolve("params/V.npy")).shape());
        assertArrayEquals(new int[]{7, 2}, Npy.read(out.resolve("data/X.npy")).shape());
        assertArrayEquals(new int[]{7, 3}, Npy.read(out.resolve("data/Y.npy")).shape());

        // replay from the written arrays ("file" data and init) gives the same numbers bit for bit
        Path replay = spec("{" + String.format(MODEL, conv, act) + ", \"data\": {\"x\": \"" + out.resolve("data/X.npy")
                + "\", \"y\": \"" + out.resolve("data/Y.npy") + "\"}, \"init\": {\"scheme\": \"file\", \"A\": \""
                + out.resolve("params/A.npy") + "\", \"V\": \"" + out.resolve("params/V.npy") + "\", \"W\": \""
                + out.resolve("params/W.npy") + "\", \"B\": \"" + out.resolve("params/B.npy") + "\"}}");
        Path out2 = dir.resolve("out2");
        assertEquals(0, run("grad", "--spec", replay.toString(), "--out", out2.toString()).code());
        @SuppressWarnings("unchecked")
        Map<String, Object> res2 = (Map<String, Object>) Json.parse(Files.readString(out2.resolve("loss.json")));
        assertEquals(res.get("loss"), res2.get("loss"));
        assertEquals(res.get("G"), res2.get("G"));
        assertArrayEquals(Npy.read(out.resolve("dW.npy")).data(), Npy.read(out2.resolve("dW.npy")).data(), 0.0);
    }

    static final String GOOD_DATA = "\"data\": {\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1}";
    static final String GOOD_INIT = "\"init\": {\"scheme\": \"weight-tied\", \"seed\": 3}";

    void assertInputError(String body, String field) throws Exception {
        Run r = run("grad", "--spec", spec(body).toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code(), "exit code for " + field + ": " + r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line: " + r.err());
        assertTrue(lines[0].startsWith("error: ") && lines[0].contains(field), "names " + field + ": " + lines[0]);
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), r.err());
    }

    @Test
    void badSpecsAreOneLineErrorsNamingTheField() throws Exception {
        String model = String.format(MODEL, "paper", "tanh");
        assertInputError("{" + model + ", " + GOOD_DATA + ", " + GOOD_INIT + ", \"extra\": 1}", "extra");
        assertInputError("{" + model.replace("\"width\": 4", "\"widht\": 4") + ", " + GOOD_DATA + ", " + GOOD_INIT + "}", "model.widht");
        assertInputError("{" + model.replace("\"width\": 4, ", "") + ", " + GOOD_DATA + ", " + GOOD_INIT + "}", "model.width");
        assertInputError("{" + model.replace("\"depth\": 6", "\"depth\": 0") + ", " + GOOD_DATA + ", " + GOOD_INIT + "}", "model.depth");
        assertInputError("{" + model.replace("\"depth\": 6", "\"depth\": 2.5") + ", " + GOOD_DATA + ", " + GOOD_INIT + "}", "model.depth");
        assertInputError("{" + model.replace("\"hidden\": 5", "\"hidden\": 2") + ", " + GOOD_DATA + ", " + GOOD_INIT + "}", "model.hidden");
        assertInputError("{" + model.replace("tanh", "swish") + ", " + GOOD_DATA + ", " + GOOD_INIT + "}", "model.activation");
        assertInputError("{" + model.replace("paper", "pytorch") + ", " + GOOD_DATA + ", " + GOOD_INIT + "}", "model.convention");
        assertInputError("{" + model + ", \"data\": {\"generator\": \"gaussian\", \"n\": -3, \"seed\": 1}, " + GOOD_INIT + "}", "data.n");
        assertInputError("{" + model + ", \"data\": {\"generator\": \"gaussian\", \"n\": 3}, " + GOOD_INIT + "}", "data.seed");
        assertInputError("{" + model + ", " + GOOD_DATA + ", \"init\": {\"scheme\": \"gp\", \"seed\": 1, \"lenghtScale\": 0.2}}", "init.lenghtScale");
        assertInputError("{" + model + ", " + GOOD_DATA + ", \"init\": {\"scheme\": \"gp\", \"seed\": 1, \"lengthScale\": -1}}", "init.lengthScale");
        assertInputError("{" + model + ", " + GOOD_DATA + ", \"init\": {\"scheme\": \"fbm\", \"seed\": 1, \"hurst\": 1.5}}", "init.hurst");
        assertInputError("{" + model + ", " + GOOD_DATA + ", \"init\": {\"scheme\": \"xavier\", \"seed\": 1}}", "init.scheme");
        assertInputError("{" + model + ", " + GOOD_DATA + "}", "init");
        assertInputError("{" + model + ", " + GOOD_DATA + ", " + GOOD_INIT, "--spec"); // truncated JSON
        assertInputError("{" + model + ", " + GOOD_DATA + ", \"init\": [1]}", "init");
    }

    @Test
    void badFilesAreOneLineErrors() throws Exception {
        String model = String.format(MODEL, "paper", "tanh");
        Path x = dir.resolve("X.npy"), y = dir.resolve("Y.npy"), yNan = dir.resolve("Ynan.npy");
        Npy.write(x, new double[14], 7, 2);
        Npy.write(y, new double[21], 7, 3);
        double[] nan = new double[21];
        nan[4] = Double.NaN;
        Npy.write(yNan, nan, 7, 3);
        Npy.write(dir.resolve("Xwrong.npy"), new double[21], 7, 3);
        assertInputError("{" + model + ", \"data\": {\"x\": \"Xwrong.npy\", \"y\": \"Y.npy\"}, " + GOOD_INIT + "}", "data.x");
        assertInputError("{" + model + ", \"data\": {\"x\": \"X.npy\", \"y\": \"Ynan.npy\"}, " + GOOD_INIT + "}", "data.y");
        assertInputError("{" + model + ", \"data\": {\"x\": \"X.npy\", \"y\": \"missing.npy\"}, " + GOOD_INIT + "}", "data.y");
        Npy.write(dir.resolve("A.npy"), new double[10], 5, 2);
        Npy.write(dir.resolve("V.npy"), new double[120], 6, 5, 4);
        Npy.write(dir.resolve("Wbad.npy"), new double[120], 6, 5, 4); // should be (6, 4, 5)
        Npy.write(dir.resolve("B.npy"), new double[15], 3, 5);
        assertInputError("{" + model + ", " + GOOD_DATA + ", \"init\": {\"scheme\": \"file\", \"A\": \"A.npy\", \"V\": \"V.npy\", "
                + "\"W\": \"Wbad.npy\", \"B\": \"B.npy\"}}", "init.W");
        Run r = run("grad", "--spec", dir.resolve("nope.json").toString(), "--out", dir.toString());
        assertEquals(2, r.code());
        r = run("grad", "--spec");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: "), r.err());
    }

    @Test
    void overflowIsAFailedResultWithItsReason() throws Exception {
        Path s = spec("{" + String.format(MODEL, "paper", "identity") + ", " + GOOD_DATA
                + ", \"init\": {\"scheme\": \"iid\", \"seed\": 2, \"vScale\": 1e200, \"wScale\": 1e200}}");
        Run r = run("grad", "--spec", s.toString(), "--out", dir.resolve("ovf").toString());
        assertEquals(1, r.code(), r.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> res = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("ovf/loss.json")));
        assertEquals("failed", res.get("status"));
        assertTrue(((String) res.get("reason")).contains("non-finite"));
        Run t = run("grad", "--threads", "0", "--spec", s.toString(), "--out", dir.resolve("t").toString());
        assertEquals(2, t.code());
        assertTrue(t.err().contains("--threads"), t.err());
    }

    @Test
    void sameSpecGivesBitIdenticalArrays() throws Exception {
        Path s = spec("{" + String.format(MODEL, "paper", "gelu") + ", \"data\": {\"generator\": \"teacher\", \"n\": 5, \"seed\": 4}, "
                + "\"init\": {\"scheme\": \"gp\", \"seed\": 9, \"lengthScale\": 0.5}}");
        assertEquals(0, run("grad", "--spec", s.toString(), "--out", dir.resolve("a").toString()).code());
        assertEquals(0, run("grad", "--threads", "1", "--spec", s.toString(), "--out", dir.resolve("b").toString()).code());
        for (String f : new String[]{"dA.npy", "dV.npy", "dW.npy", "dB.npy", "params/W.npy", "data/Y.npy"})
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
    }
}
