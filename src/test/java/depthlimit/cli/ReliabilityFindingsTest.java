package depthlimit.cli;

import depthlimit.io.AtomicFiles;
import depthlimit.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per finding of the reliability issue (the bad inputs themselves are in {@link BadInputCatalogueTest}). */
class ReliabilityFindingsTest {
    @TempDir
    Path dir;

    static final String MODEL = "\"model\": {\"convention\": \"paper\", \"activation\": \"tanh\", \"depth\": 6, \"width\": 4, "
            + "\"hidden\": 5, \"input\": 2, \"output\": 3}, \"data\": {\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1}, ";
    static final String INIT = "\"init\": {\"scheme\": \"gp\", \"seed\": 3, \"lengthScale\": 0.4}";

    Path spec(String train) throws IOException {
        Path f = dir.resolve("s" + System.nanoTime() + ".json");
        Files.writeString(f, "{" + MODEL + INIT + (train.isEmpty() ? "" : ", " + train) + "}");
        return f;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path f) throws Exception {
        return (Map<String, Object>) Json.parse(Files.readString(f));
    }

    static BadInputCatalogueTest.Result run(String... args) {
        return BadInputCatalogueTest.run(List.of(args));
    }

    /** The loss of final/*.npy, recomputed independently by grad from those files. */
    double lossOfFinal(Path out) throws Exception {
        Path f = out.resolve("final");
        Path s = dir.resolve("final" + System.nanoTime() + ".json");
        Files.writeString(s, "{" + MODEL + "\"init\": {\"scheme\": \"file\", \"A\": \"" + f.resolve("A.npy") + "\", \"V\": \""
                + f.resolve("V.npy") + "\", \"W\": \"" + f.resolve("W.npy") + "\", \"B\": \"" + f.resolve("B.npy") + "\"}}");
        Path g = dir.resolve("g" + System.nanoTime());
        assertEquals(0, run("grad", "--spec", s.toString(), "--out", g.toString()).code());
        return ((Number) json(g.resolve("loss.json")).get("loss")).doubleValue();
    }

    // 3 and 7: one --out rule; never two runs mixed
    @Test
    void outputDirectoryIsNeverMixed() throws Exception {
        Path out = dir.resolve("run");
        assertEquals(0, run("train", "--spec", spec("\"train\": {\"method\": \"gd\", \"eta\": 0.05, \"steps\": 20, \"sampleEverySteps\": 1}, "
                + "\"output\": {\"snapshots\": true}").toString(), "--out", out.toString()).code());
        assertTrue(Files.isDirectory(out.resolve("snapshots/t_20")));
        assertEquals(0, run("train", "--spec", spec("\"train\": {\"method\": \"gd\", \"eta\": 0.05, \"steps\": 5, \"sampleEverySteps\": 1}, "
                + "\"output\": {\"snapshots\": true}").toString(), "--out", out.toString()).code());
        try (Stream<Path> s = Files.list(out.resolve("snapshots"))) {
            assertEquals(6, s.count(), "old snapshots t_6…t_20 must not stay beside a 5-step run");
        }
        assertEquals(7, Files.readAllLines(out.resolve("metrics.csv")).size());
        BadInputCatalogueTest.Result r = run("grad", "--spec", spec("").toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("holds the output of 'depthlimit train'"), r.err());
        assertFalse(Files.exists(out.resolve("loss.json")));
    }

    // 4: atomic writes; a write that throws after N bytes leaves the old file or nothing, never a truncated one
    @Test
    void diskFullLeavesNoTruncatedFileAndNoOkStatus() throws Exception {
        Path target = dir.resolve("a.bin");
        Files.write(target, new byte[]{1, 2, 3});
        byte[] big = new byte[10_000];
        for (int n : new int[]{0, 1, 4096, 9_999}) {
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> AtomicFiles.write(target, big, full(n)));
            assertTrue(e.getMessage().contains("No space left"), e.getMessage());
            assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(target), "previous content kept after a failure at " + n + " bytes");
            try (Stream<Path> s = Files.list(dir)) {
                assertFalse(s.anyMatch(AtomicFiles::isPartial), "temporary file removed");
            }
        }
        // grad's whole output: for every point of failure, loss.json (with its status) exists only beside complete arrays
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("dA.npy", new byte[300]);
        files.put("dV.npy", new byte[5000]);
        files.put("params/A.npy", new byte[300]);
        files.put("loss.json", "{\"status\": \"ok\"}".getBytes(StandardCharsets.UTF_8));
        int total = files.values().stream().mapToInt(b -> b.length).sum();
        for (int budget = 0; budget < total; budget += 97) {
            Path out = dir.resolve("grad" + budget);
            Files.createDirectories(out);
            Files.writeString(out.resolve("loss.json"), "{\"status\": \"ok\"}"); // a stale status from an earlier attempt
            int[] left = {budget};
            AtomicFiles.Opener shared = tmp -> limited(Files.newOutputStream(tmp), left);
            org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> GradCommand.writeAll(out, files, shared));
            assertFalse(Files.exists(out.resolve("loss.json")), "no status after a failure at byte " + budget);
            for (String name : files.keySet()) {
                Path f = out.resolve(name);
                assertTrue(!Files.exists(f) || Files.size(f) == files.get(name).length, name + " is complete or absent");
            }
        }
        // and the CLI: an unwritable output is one line, exit 2
        BadInputCatalogueTest.Result r = run("train", "--spec", spec("\"train\": {\"method\": \"gd\", \"eta\": 0.05, \"steps\": 2}").toString(),
                "--out", "/proc/self/nope");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    static AtomicFiles.Opener full(int n) {
        return tmp -> limited(Files.newOutputStream(tmp), new int[]{n});
    }

    /** A stream on which writing fails with ENOSPC's message once {@code left[0]} bytes have been written. */
    static OutputStream limited(OutputStream o, int[] left) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                int k = Math.min(len, left[0]);
                o.write(b, off, k);
                left[0] -= k;
                if (k < len) throw new IOException("No space left on device");
            }

            @Override
            public void close() throws IOException {
                o.close();
            }
        };
    }

    // 8 and 9: the final loss is the loss of final/*.npy; solver statistics exact (never −1)
    @Test
    void finalLossIsTheLossOfTheFinalWeightsAndRejectedStepsAreCounted() throws Exception {
        for (String train : new String[]{
                "\"train\": {\"method\": \"dp853\", \"T\": 5, \"maxEvaluations\": 60, \"sampleEvery\": 5}", // budget: last sample t = 0
                "\"train\": {\"method\": \"dp54\", \"T\": 2, \"rtol\": 1e-3, \"sampleEvery\": 2}",
                "\"train\": {\"method\": \"dp853\", \"T\": 1, \"sampleTimes\": [0.3]}",
                "\"train\": {\"method\": \"dp853\", \"T\": 30, \"rtol\": 1e-2, \"atol\": 1e-6}", // rejects steps
                "\"train\": {\"method\": \"dp54\", \"T\": 30, \"rtol\": 1e-2, \"atol\": 1e-6}",
                "\"train\": {\"method\": \"gd\", \"eta\": 0.05, \"steps\": 9, \"sampleEverySteps\": 4}"}) {
            Path out = dir.resolve("f" + System.nanoTime());
            BadInputCatalogueTest.Result r = run("train", "--spec", spec(train).toString(), "--out", out.toString());
            Map<String, Object> runJson = json(out.resolve("run.json"));
            double finalLoss = ((Number) runJson.get("final_loss")).doubleValue();
            assertEquals(lossOfFinal(out), finalLoss, 0.0, train + " (the loss of final/*.npy, bit for bit)");
            @SuppressWarnings("unchecked")
            Map<String, Object> solver = (Map<String, Object>) runJson.get("solver");
            assertNotNull(solver.get("rejected_steps"), train + ": rejected steps known");
            long rejected = ((Number) solver.get("rejected_steps")).longValue();
            assertTrue(rejected >= 0, train);
            if (train.contains("rtol\": 1e-2")) {
                assertTrue(rejected > 0, train + ": a loose tolerance rejects some steps");
                // the evaluations decompose into whole attempts (2 to start): dp54 (Hipparchus) 6 per attempt; dp853
                // (flat-buffer stepper) 11 per rejected attempt, 12 per accepted step and 3 more for each step whose
                // dense output a sample used
                long acc = ((Number) solver.get("accepted_steps")).longValue();
                long evals = ((Number) solver.get("rhs_evaluations")).longValue();
                if (train.contains("dp853")) {
                    long dense = evals - 2 - 12 * acc - 11 * rejected;
                    assertTrue(dense >= 0 && dense % 3 == 0 && dense / 3 <= acc, train + ": " + evals + " evaluations");
                } else assertEquals(evals - 2, (acc + rejected) * 6, train);
            }
            assertFalse(r.out().contains("-1 rejected"), r.out());
            assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "t = %.6g", ((Number) runJson.get("final_time")).doubleValue())), r.out());
        }
    }

    // 10: outputs other than timings are byte-identical across runs and thread counts
    @Test
    void runRecordIsByteReproducibleAcrossThreadCounts() throws Exception {
        Path s = spec("\"train\": {\"method\": \"dp853\", \"T\": 1, \"sampleEvery\": 0.25}");
        Path a = dir.resolve("a"), b = dir.resolve("b");
        assertEquals(0, run("--threads", "1", "train", "--spec", s.toString(), "--out", a.toString()).code());
        assertEquals(0, run("--threads", "2", "train", "--spec", s.toString(), "--out", b.toString()).code());
        assertEquals(withoutTimings(a.resolve("run.json")), withoutTimings(b.resolve("run.json")));
        assertArrayEquals(Files.readAllBytes(a.resolve("metrics.csv")), Files.readAllBytes(b.resolve("metrics.csv")));
        assertTrue(Files.readString(a.resolve("run.json")).matches("(?s).*\"seeds\": \\{\\s*\"data\": 1,\\s*\"init\": 3\\s*}.*"));
    }

    static String withoutTimings(Path runJson) throws IOException {
        return Files.readAllLines(runJson).stream()
                .filter(l -> !l.contains("_seconds\"") && !l.contains("\"threads\"")).reduce("", (x, y) -> x + y + "\n");
    }

    // 11: accepted, but with a one-line warning naming the hypothesis
    @Test
    void settingsOutsideThePapersHypothesesAreWarned() throws Exception {
        depthlimit.symbolic.SymbolicActivations.install();
        String[][] cases = {{"x^2", "Lipschitz"}, {"Abs[x]", "C²"}, {"Sin[x]+1", "σ(0)"}};
        for (String[] c : cases) {
            Path f = dir.resolve("w" + System.nanoTime() + ".json");
            Files.writeString(f, "{" + MODEL.replace("\"tanh\"", "\"" + c[0] + "\"") + INIT + "}");
            BadInputCatalogueTest.Result r = run("grad", "--spec", f.toString(), "--out", dir.resolve("w" + System.nanoTime()).toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith("warning: model.activation") && l.contains(c[1])), c[0] + ": " + r.err());
        }
        for (String[] c : new String[][]{{"\"train\": {\"method\": \"dp853\", \"T\": 1, \"rtol\": 1}", "train.rtol"},
                {"\"train\": {\"method\": \"dp853\", \"T\": 1e-300}", "train.T"}}) {
            BadInputCatalogueTest.Result r = run("train", "--spec", spec(c[0]).toString(), "--out", dir.resolve("t" + System.nanoTime()).toString());
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith("warning: " + c[1])), c[0] + ": " + r.err());
        }
        BadInputCatalogueTest.Result quiet = run("grad", "--spec", spec("").toString(), "--out", dir.resolve("q").toString());
        assertEquals("", quiet.err(), "tanh meets every hypothesis: no warning");
    }

    // the top-level handler: an unexpected throwable is one line and a log file with the trace, exit 3
    @Test
    void internalErrorsAreOneLineWithALogFile() throws Exception {
        java.io.StringWriter w = new java.io.StringWriter();
        int code = Main.report(new IllegalStateException("boom\nsecond line"), new java.io.PrintWriter(w, true));
        assertEquals(3, code);
        List<String> lines = w.toString().lines().toList();
        assertEquals(1, lines.size(), w.toString());
        String log = lines.get(0).replaceAll(".*trace in (\\S+);.*", "$1");
        assertTrue(Files.readString(Path.of(log)).contains("\tat depthlimit."), "the trace is in the log");
        Files.delete(Path.of(log));
        w = new java.io.StringWriter();
        assertEquals(2, Main.report(new OutOfMemoryError("Java heap space"), new java.io.PrintWriter(w, true)));
        assertEquals(1, w.toString().lines().count());
    }
}
