package depthlimit.cli;

import depthlimit.io.AtomicFiles;
import depthlimit.io.Json;
import depthlimit.io.Npy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault injection: {@code train} and {@code verify} run as real processes and are killed at random points with
 * SIGINT, SIGTERM or SIGKILL. After each kill every file in the output directory must be complete or recognisably
 * partial (run.json "running"/"interrupted", a *.partial-* name, a metrics row without its newline), and
 * {@code --resume} must finish the run with results identical to an uninterrupted run's. The default suite runs
 * 20 train and 2 verify trials (≈ 40 s); {@code -Pfaults} runs 100 and 10.
 */
class FaultInjectionTest {
    @TempDir
    Path dir;

    static final String SPEC = "{\"model\": {\"convention\": \"paper\", \"activation\": \"tanh\", \"depth\": 6, \"width\": 4, "
            + "\"hidden\": 5, \"input\": 2, \"output\": 3}, \"data\": {\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1}, "
            + "\"init\": {\"scheme\": \"gp\", \"seed\": 3, \"lengthScale\": 0.4}, "
            + "\"train\": {\"method\": \"rk4\", \"h\": 0.004, \"steps\": 3000, \"sampleEverySteps\": 20}, \"output\": {\"snapshots\": true}}";
    static final String[] CLAIMS = {"init.weight-tied-identities", "erratum.eq13-transpose"};
    static final String[] SIGNALS = {"INT", "TERM", "KILL"};

    @Test
    void killedRunsAreRecognisablyPartialAndResumeIdentically() throws Exception {
        trials(20, 2, 20261202L);
    }

    @Test
    @Tag("fault-injection-long")
    void longLoop() throws Exception {
        trials(100, 10, 7L);
    }

    void trials(int trainTrials, int verifyTrials, long seed) throws Exception {
        Random rnd = new Random(seed);
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, SPEC);
        Path ref = dir.resolve("ref");
        assertEquals(0, BadInputCatalogueTest.run(List.of("train", "--spec", spec.toString(), "--out", ref.toString())).code());
        // how long the run lasts once started, as a subprocess under the current load: kills are drawn within it
        killAfter(dir.resolve("timing/run.json"), 600_000, "KILL", "train", "--spec", spec.toString(), "--out", dir.resolve("timing").toString());
        long runMs = Math.max(100, lastRunMs);
        int identical = 0, interruptedMidway = 0, finishedFirst = 0;
        for (int i = 0; i < trainTrials; i++) {
            Path out = dir.resolve("t" + i);
            String sig = SIGNALS[i % 3];
            long delay = (long) (rnd.nextDouble() * 0.8 * runMs);
            int code = killAfter(out.resolve("run.json"), delay, sig, "train", "--checkpoint-seconds", "0", "--spec", spec.toString(), "--out", out.toString());
            // killed before run.json was first written (JVM start-up): nothing to resume, --resume starts afresh
            String status = Files.exists(out.resolve("run.json")) ? (String) TrainCommandTest.json(out.resolve("run.json")).get("status") : "not started";
            if ("interrupted".equals(status) || "running".equals(status)) interruptedMidway++;
            if ("completed".equals(status)) finishedFirst++;
            if (!sig.equals("KILL") && !"completed".equals(status) && !"not started".equals(status)) {
                assertEquals(130, code, "exit code after SIG" + sig);
                assertEquals("interrupted", status);
            }
            if (sig.equals("KILL") && !"completed".equals(status) && !"not started".equals(status)) assertEquals("running", status, "after SIGKILL run.json still says running");
            assertRecognisable(out);
            BadInputCatalogueTest.Result r = BadInputCatalogueTest.run(List.of("train", "--resume", "--checkpoint-seconds", "0",
                    "--spec", spec.toString(), "--out", out.toString()));
            assertEquals(0, r.code(), r.err() + r.out());
            BadInputCatalogueTest.Result again = BadInputCatalogueTest.run(List.of("train", "--resume", "--spec", spec.toString(), "--out", out.toString()));
            assertEquals(0, again.code(), "resuming twice is harmless");
            assertArrayEquals(Files.readAllBytes(ref.resolve("metrics.csv")), Files.readAllBytes(out.resolve("metrics.csv")), "trial " + i + " metrics.csv");
            for (String b : new String[]{"A", "V", "W", "B"}) {
                assertArrayEquals(Files.readAllBytes(ref.resolve("final/" + b + ".npy")), Files.readAllBytes(out.resolve("final/" + b + ".npy")));
                assertArrayEquals(Files.readAllBytes(ref.resolve("snapshots/t_150/" + b + ".npy")), Files.readAllBytes(out.resolve("snapshots/t_150/" + b + ".npy")));
            }
            Map<String, Object> done = TrainCommandTest.json(out.resolve("run.json"));
            Map<String, Object> want = TrainCommandTest.json(ref.resolve("run.json"));
            for (String k : new String[]{"status", "final_time", "final_step", "final_loss", "samples", "spec", "seeds"})
                assertEquals(want.get(k), done.get(k), k);
            identical++;
        }
        // verify: a few claims without the proofs; the kept results must equal an uninterrupted run's
        Path vref = dir.resolve("vref");
        List<String> vargs = new ArrayList<>(List.of("verify", "--skip-proofs"));
        for (String c : CLAIMS) { vargs.add("--claim"); vargs.add(c); }
        List<String> refArgs = new ArrayList<>(vargs);
        refArgs.addAll(List.of("--out", vref.toString()));
        BadInputCatalogueTest.run(refArgs);
        int verifyIdentical = 0;
        for (int i = 0; i < verifyTrials; i++) {
            Path out = dir.resolve("v" + i);
            List<String> a = new ArrayList<>(vargs);
            a.addAll(List.of("--out", out.toString()));
            killAfter(out.resolve("run.json"), rnd.nextInt(1500), SIGNALS[i % 3], a.toArray(String[]::new));
            assertRecognisable(out);
            a.add("--resume");
            BadInputCatalogueTest.Result r = BadInputCatalogueTest.run(a);
            assertTrue(r.code() == 0 || r.code() == 1, r.err());
            assertEquals(withoutTimes(vref.resolve("claims.json")), withoutTimes(out.resolve("claims.json")), "verify trial " + i);
            assertEquals("completed", TrainCommandTest.json(out.resolve("run.json")).get("status"));
            verifyIdentical++;
        }
        System.out.printf("fault injection: train %d of %d killed runs resumed identical (%d stopped mid-run, %d finished before "
                        + "the signal, run ≈ %d ms), verify %d of %d%n",
                identical, trainTrials, interruptedMidway, finishedFirst, runMs, verifyIdentical, verifyTrials);
        assertTrue(interruptedMidway >= trainTrials / 2, "most kills must land mid-run, or the test proves little: " + interruptedMidway);
    }

    static Object withoutTimes(Path claims) throws Exception {
        Object o = Json.parse(Files.readString(claims));
        String s = Json.write(o);
        return s.lines().filter(l -> !l.contains("seconds\"")).toList();
    }

    /** Every file is complete or recognisably partial. */
    static void assertRecognisable(Path out) throws Exception {
        if (!Files.exists(out)) return; // killed before the directory was made
        Map<String, Object> run = Files.exists(out.resolve("run.json")) ? TrainCommandTest.json(out.resolve("run.json")) : null;
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                if (f.toString().contains(AtomicFiles.PARTIAL)) continue; // named partial
                String name = f.getFileName().toString();
                if (name.endsWith(".npy")) Npy.read(f); // throws if truncated or padded
                else if (name.endsWith(".json")) Json.parse(Files.readString(f)); // complete JSON
                else if (name.equals("metrics.csv")) {
                    String text = Files.readString(f);
                    String[] lines = text.split("\n", -1);
                    for (int i = 0; i < lines.length - 1; i++) assertEquals(20, lines[i].split(",").length, "complete row " + i);
                    // a last line without its newline is a cut row: only allowed while run.json does not say finished
                    if (!lines[lines.length - 1].isEmpty())
                        assertTrue(run == null || "running".equals(run.get("status")), "a cut row only in an unfinished run");
                }
            }
        }
    }

    /**
     * Starts the CLI in a fresh JVM, waits until {@code started} exists (the run has begun: JVM start-up is not
     * worth killing), then sends SIG{sig} after {@code delayMs} more; returns the exit code.
     */
    static int killAfter(Path started, long delayMs, String sig, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "depthlimit.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 3000 && p.isAlive() && !Files.exists(started); i++) Thread.sleep(10);
        long t0 = System.nanoTime();
        if (!p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
            new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("process did not end after SIG" + sig);
        }
        lastRunMs = (System.nanoTime() - t0) / 1_000_000;
        return p.exitValue();
    }

    /** Milliseconds from {@code started} appearing to the end of the last process (test bookkeeping only). */
    static long lastRunMs;
}
