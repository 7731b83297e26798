package depthlimit.cli;

import depthlimit.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input catalogue (issue: every bad input a clean refusal): hostile specs, arrays and command lines, each
 * run through the real command line. Each must end with exit 2 (bad input) — or 1 for a numerical failure — with
 * exactly one line on stderr that names the field at fault, and no stack trace.
 */
class BadInputCatalogueTest {
    @TempDir
    Path dir;

    static final String BASE = "{\"model\": {\"convention\": \"paper\", \"activation\": \"tanh\", \"depth\": 6, \"width\": 4, "
            + "\"hidden\": 5, \"input\": 2, \"output\": 3}, \"data\": {\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1}, "
            + "\"init\": {\"scheme\": \"gp\", \"seed\": 3, \"lengthScale\": 0.4}, "
            + "\"train\": {\"method\": \"gd\", \"eta\": 0.05, \"steps\": 4}}";

    /** One case: the command line, the exit code expected and a text the single stderr line must contain. */
    record Case(String label, List<String> args, int code, String field) {}

    final List<Case> cases = new ArrayList<>();
    int counter;

    Path file(String name, String text) throws Exception {
        Path f = dir.resolve((counter++) + "-" + name);
        Files.writeString(f, text);
        return f;
    }

    Path npy(String name, String header, int dataBytes) throws Exception {
        String dict = header;
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String h = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length()).put(h.getBytes(StandardCharsets.ISO_8859_1));
        Path f = dir.resolve((counter++) + "-" + name);
        Files.write(f, b.array());
        return f;
    }

    /** A spec where {@code from} (which must occur in BASE) is replaced by {@code to}. */
    void spec(String command, String from, String to, String field) throws Exception {
        assertTrue(BASE.contains(from), from);
        Path s = file("spec.json", BASE.replace(from, to));
        cases.add(new Case(command + ": " + from + " → " + to, List.of(command, "--spec", s.toString(), "--out",
                dir.resolve("out" + counter).toString()), 2, field));
    }

    void train(String trainSection, String field) throws Exception {
        spec("train", "\"train\": {\"method\": \"gd\", \"eta\": 0.05, \"steps\": 4}", "\"train\": " + trainSection, field);
    }

    void args(String field, int code, String... args) {
        cases.add(new Case(String.join(" ", args), List.of(args), code, field));
    }

    @Test
    void everyBadInputIsOneLineNamingTheFieldWithoutATrace() throws Exception {
        // ---- model
        spec("grad", "\"depth\": 6", "\"depth\": 0", "model.depth");
        spec("grad", "\"depth\": 6", "\"depth\": -3", "model.depth");
        spec("grad", "\"depth\": 6", "\"depth\": 2.5", "model.depth");
        spec("grad", "\"depth\": 6", "\"depth\": 2147483648", "2147483647");
        spec("grad", "\"depth\": 6", "\"depth\": \"six\"", "model.depth");
        spec("grad", "\"depth\": 6", "\"depth\": 1e300", "model.depth");
        spec("grad", "\"width\": 4", "\"width\": null", "model.width");
        spec("grad", "\"hidden\": 5", "\"hidden\": 1", "model.hidden");
        spec("grad", "\"input\": 2, \"output\": 3", "\"input\": 1e6, \"output\": 3", "model.");
        spec("grad", "\"hidden\": 5, \"input\": 2", "\"hidden\": 1000000, \"input\": 1000000", "model.");
        spec("grad", "\"depth\": 6", "\"depth\": 100000, \"widthh\": 3", "model.widthh");
        spec("grad", "\"activation\": \"tanh\"", "\"activation\": \"nope\"", "model.activation");
        spec("grad", "\"activation\": \"tanh\"", "\"activation\": 3", "model.activation");
        spec("grad", "\"convention\": \"paper\"", "\"convention\": \"other\"", "model.convention");
        spec("grad", "\"convention\": \"paper\", ", "", "model.convention");
        spec("grad", "\"depth\": 6", "\"depth\": 6, \"trainA\": \"yes\"", "model.trainA");
        // ---- data
        spec("grad", "\"n\": 7", "\"n\": 0", "data.n");
        spec("grad", "\"n\": 7", "\"n\": 1e9", "data.n");
        spec("grad", "\"n\": 7", "\"n\": 1e8", "data.n");
        spec("grad", "\"n\": 7", "\"n\": 3e7", "data.n");
        spec("grad", "\"generator\": \"gaussian\"", "\"generator\": \"uniform\"", "data.generator");
        spec("grad", "\"seed\": 1}", "\"seed\": 1.5}", "data.seed");
        spec("grad", "\"seed\": 1}", "\"seed\": 1e300}", "data.seed");
        spec("grad", "\"n\": 7, \"seed\": 1", "\"n\": 7", "data.seed");
        spec("grad", "\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1", "\"generator\": \"teacher\", \"n\": 7, \"seed\": 1, \"depth\": 100000000", "data.depth");
        spec("grad", "\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1", "\"generator\": \"teacher\", \"n\": 7, \"seed\": 1, \"noise\": -1", "data.noise");
        spec("grad", "\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1", "\"generator\": \"file\", \"x\": \"missing.npy\", \"y\": \"missing.npy\"", "data.x");
        spec("grad", "\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1", "\"x\": \"/dev/null\", \"y\": \"/dev/null\"", "not a regular file");
        spec("grad", "\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1", "\"x\": \".\", \"y\": \".\"", "not a regular file");
        // ---- arrays
        Path good = dir.resolve("good.npy");
        Npy.write(good, new double[14], 7, 2);
        String goodY = dir.resolve("goodY.npy").toString();
        Npy.write(Path.of(goodY), new double[21], 7, 3);
        String[][] badArrays = {
                {"shape 1e12", "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000, 2), }", "0"},
                {"shape -10", "{'descr': '<f8', 'fortran_order': False, 'shape': (-10, 2), }", "0"},
                {"shape 2^31 elements", "{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 65536), }", "0"},
                {"shape garbage", "{'descr': '<f8', 'fortran_order': False, 'shape': (7x, 2), }", "112"},
                {"dtype complex", "{'descr': '<c16', 'fortran_order': False, 'shape': (7, 2), }", "224"},
                {"dtype object", "{'descr': '|O', 'fortran_order': False, 'shape': (7, 2), }", "112"},
                {"truncated", "{'descr': '<f8', 'fortran_order': False, 'shape': (7, 2), }", "100"},
                {"trailing garbage", "{'descr': '<f8', 'fortran_order': False, 'shape': (7, 2), }", "120"},
                {"no fortran_order", "{'descr': '<f8', 'shape': (7, 2), }", "112"},
                {"wrong shape", "{'descr': '<f8', 'fortran_order': False, 'shape': (7, 5), }", "280"},
        };
        for (String[] b : badArrays) {
            Path x = npy(b[0].replace(' ', '_') + ".npy", b[1], Integer.parseInt(b[2]));
            spec("grad", "\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1",
                    "\"x\": \"" + x + "\", \"y\": \"" + goodY + "\"", "data.x");
        }
        Path notNpy = file("text.npy", "hello");
        spec("grad", "\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1", "\"x\": \"" + notNpy + "\", \"y\": \"" + goodY + "\"", "data.x");
        Path nanCsv = file("nan.csv", "1,2\nNaN,3\n");
        spec("grad", "\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1", "\"x\": \"" + nanCsv + "\", \"y\": \"" + goodY + "\"", "data.");
        Path raggedCsv = file("ragged.csv", "1,2\n3\n");
        spec("grad", "\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1", "\"x\": \"" + raggedCsv + "\", \"y\": \"" + goodY + "\"", "data.x");
        // ---- init
        spec("grad", "\"scheme\": \"gp\"", "\"scheme\": \"zero\"", "init.scheme");
        spec("grad", "\"lengthScale\": 0.4", "\"lengthScale\": 0", "init.lengthScale");
        spec("grad", "\"lengthScale\": 0.4", "\"lengthScale\": 1e-9", "init.lengthScale");
        spec("grad", "\"scheme\": \"gp\", \"seed\": 3, \"lengthScale\": 0.4", "\"scheme\": \"fbm\", \"seed\": 3, \"hurst\": 1.5", "init.hurst");
        spec("grad", "\"scheme\": \"gp\", \"seed\": 3, \"lengthScale\": 0.4", "\"scheme\": \"file\", \"A\": \"" + good + "\", \"V\": \"" + good
                + "\", \"W\": \"" + good + "\", \"B\": \"" + good + "\"", "init.A");
        // ---- train
        train("{\"method\": \"rk5\"}", "train.method");
        train("{\"method\": \"gd\", \"eta\": -1, \"steps\": 4}", "train.eta");
        train("{\"method\": \"gd\", \"eta\": 0.1, \"steps\": 0}", "train.steps");
        train("{\"method\": \"gd\", \"eta\": 0.1}", "train.steps");
        train("{\"method\": \"gd\", \"eta\": 0.1, \"steps\": 3e9}", "2147483647");
        train("{\"method\": \"euler\", \"h\": 0.1, \"T\": 1, \"steps\": 10}", "train.");
        train("{\"method\": \"dp853\", \"T\": 1, \"sampleEvery\": 1e-9}", "train.sampleEvery");
        train("{\"method\": \"dp853\", \"T\": 1, \"sampleEvery\": 4.9e-324}", "train.sampleEvery");
        train("{\"method\": \"gd\", \"eta\": 1e-3, \"steps\": 2000000000, \"sampleEverySteps\": 1}", "train.sampleEverySteps");
        train("{\"method\": \"dp853\", \"T\": 1, \"sampleTimes\": [0.5, 2]}", "train.sampleTimes[1]");
        train("{\"method\": \"dp853\", \"T\": 1, \"sampleTimes\": [\"a\"]}", "train.sampleTimes[0]");
        train("{\"method\": \"dp853\", \"T\": 1, \"rtol\": 0}", "train.rtol");
        train("{\"method\": \"dp853\", \"T\": 1, \"minStep\": 2, \"maxStep\": 1}", "train.minStep");
        train("{\"method\": \"dp853\", \"T\": 1, \"sampleEverySteps\": 3}", "train.sampleEverySteps");
        train("{\"method\": \"gd\", \"eta\": 0.1, \"steps\": 4, \"clip\": 0}", "train.clip");
        train("{\"method\": \"dp853\", \"T\": 1, \"maxEvaluations\": 0.5}", "train.maxEvaluations");
        train("[]", "train");
        // numerical failures: a result with its reason (exit 1), still one line on stderr? none: the reason is on stdout
        // ---- JSON syntax
        for (String[] j : new String[][]{{"deep", "[".repeat(100_000)}, {"deep objects", "{\"a\":".repeat(50_000)},
                {"truncated", BASE.substring(0, 40)}, {"trailing", BASE + " x"}, {"duplicate", "{\"model\": 1, \"model\": 2}"},
                {"empty", ""}, {"bad escape", "{\"a\\q\": 1}"}, {"NaN literal", BASE.replace("0.05", "NaN")},
                {"top-level array", "[1, 2]"}, {"control char", "{\"description\": \"a\u0001b\"}"}}) {
            Path s = file("json.json", j[1]);
            cases.add(new Case("json " + j[0], List.of("grad", "--spec", s.toString(), "--out", dir.resolve("o" + counter).toString()), 2,
                    j[0].equals("top-level array") ? "expected a JSON object" : j[0].equals("duplicate") ? "duplicate" : "--spec"));
        }
        // ---- command lines and --out
        Path okSpec = file("ok.json", BASE);
        Path aFile = file("plain.txt", "x");
        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        for (String cmd : new String[]{"train", "grad"}) {
            args("--out", 2, cmd, "--spec", okSpec.toString(), "--out", aFile.toString());
            args("--out", 2, cmd, "--spec", okSpec.toString(), "--out", "");
            args("--out", 2, cmd, "--spec", okSpec.toString(), "--out", "/proc/version/x");
            args("--out", 2, cmd, "--spec", okSpec.toString(), "--out", foreign.toString());
            args("--spec", 2, cmd, "--spec", dir.toString(), "--out", dir.resolve("o" + counter++).toString());
            args("--spec", 2, cmd, "--spec", "/dev/null", "--out", dir.resolve("o" + counter++).toString());
            args("--spec", 2, cmd, "--spec", dir.resolve("absent.json").toString(), "--out", dir.resolve("o" + counter++).toString());
        }
        args("--out", 2, "check", "--claim", "init.weight-tied-identities", "--out", aFile.toString());
        args("--out", 2, "check", "--claim", "init.weight-tied-identities", "--out", "");
        args("--out", 2, "check", "--claim", "init.weight-tied-identities", "--out", foreign.toString());
        args("--out", 2, "verify", "--claim", "init.weight-tied-identities", "--out", aFile.toString());
        args("--out", 2, "verify", "--claim", "init.weight-tied-identities", "--out", "");
        args("--claim", 2, "verify", "--claim", "no.such-claim", "--out", dir.resolve("v").toString());
        args("--scale", 2, "check", "--scale", "huge", "--out", dir.resolve("c").toString());
        args("--claim", 2, "check", "--claim", "nope", "--out", dir.resolve("c2").toString());
        args("--claim-timeout", 2, "check", "--claim-timeout", "-1", "--out", dir.resolve("c4").toString());
        args("--claim-timeout", 2, "verify", "--claim-timeout", "0", "--out", dir.resolve("c5").toString());
        args("--threads", 2, "--threads", "0", "grad", "--spec", okSpec.toString(), "--out", dir.resolve("t0").toString());
        args("--threads", 2, "--threads", "2147483648", "grad", "--spec", okSpec.toString(), "--out", dir.resolve("t1").toString());
        args("--seed", 2, "check", "--seed", "x", "--out", dir.resolve("c3").toString());
        args("--spec", 2, "grad", "--out", dir.resolve("c4").toString());
        args("--spec", 2, "grad", "--bogus");
        args("Unmatched", 2, "frobnicate");

        assertTrue(cases.size() >= 60, "catalogue has " + cases.size() + " cases");
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Result r = run(c.args());
            List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
            boolean trace = r.err().contains("\tat ") || r.err().contains("Exception") || r.out().contains("\tat ");
            if (r.code() != c.code() || lines.size() != 1 || trace || !lines.get(0).contains(c.field()))
                failures.add(c.label() + " → exit " + r.code() + ", stderr: " + r.err().strip());
        }
        System.out.println("bad-input catalogue: " + cases.size() + " inputs tried, " + failures.size() + " failures");
        assertEquals(List.of(), failures, failures.size() + " of " + cases.size() + " cases failed");
    }

    record Result(int code, String out, String err) {}

    /** Runs the command line in-process, capturing picocli's writers and System.out/err (warnings go there). */
    static Result run(List<String> args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            picocli.CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args.toArray(String[]::new));
            return new Result(code, out + o.toString(StandardCharsets.UTF_8), err + e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
