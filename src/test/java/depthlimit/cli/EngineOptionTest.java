package depthlimit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --engine} and {@code --master} of {@code sweep} and {@code falsify}: every refusal is one line on stderr
 * naming the option and what it expected, exit 2, no trace, and nothing written. In the default build (Spark not on
 * the class path) {@code --engine spark} is such a refusal too; the {@code -Pspark} build runs it instead
 * ({@code SparkFalsifyTest}, {@code SparkSubmitTest}).
 */
class EngineOptionTest {
    @TempDir
    Path dir;

    /** The two commands, each with an input that is valid, so that only the options are at fault. */
    private List<List<String>> commands() throws Exception {
        Path sweep = dir.resolve("s.json");
        Files.writeString(sweep, SweepCommandTest.SPEC);
        return List.of(List.of("sweep", sweep.toString()), List.of("falsify", "examples/properties/b-iid-init-regular.json", "--budget", "2"));
    }

    private GradCommandTest.Run run(List<String> command, String... options) {
        List<String> a = new ArrayList<>(command);
        a.addAll(List.of("--out", dir.resolve("out").toString(), "--no-progress"));
        a.addAll(List.of(options));
        return GradCommandTest.run(a.toArray(String[]::new));
    }

    /** One line starting {@code error: FIELD:}, containing {@code expected}, exit 2, no output directory. */
    private void refused(GradCommandTest.Run r, String field, String expected) {
        String err = r.err().strip();
        assertEquals(Main.EXIT_INPUT, r.code(), r.out() + r.err());
        assertTrue(err.startsWith("error: " + field + ":"), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no trace: " + err);
        assertTrue(err.contains(expected), err);
        assertFalse(Files.exists(dir.resolve("out")), "nothing written on a refusal");
    }

    @Test
    void unknownEngineIsRefused() throws Exception {
        for (List<String> c : commands()) {
            refused(run(c, "--engine", "cloud"), "--engine", "expected local or spark, got \"cloud\"");
            refused(run(c, "--engine", "Spark"), "--engine", "expected local or spark");   // case matters, as for every option value
            refused(run(c, "--engine", ""), "--engine", "expected local or spark");
        }
    }

    @Test
    void masterWithoutSparkIsRefused() throws Exception {
        for (List<String> c : commands()) {
            refused(run(c, "--master", "local[2]"), "--master", "only with --engine spark");
            refused(run(c, "--engine", "local", "--master", "spark://h:7077"), "--master", "only with --engine spark");
        }
    }

    /** A master Spark would refuse with a trace once started, refused up front in every build. */
    @Test
    void malformedMasterIsRefused() throws Exception {
        for (List<String> c : commands())
            for (String m : List.of("local[0]", "local[two]", "locl", "spark:/h:7077", "http://h:7077", "local[2"))
                refused(run(c, "--engine", "spark", "--master", m), "--master", "expected a Spark master URL");
    }

    @Test
    void sparkMissingFromTheDefaultBuildIsOneLine() throws Exception {
        boolean sparkBuilt;
        try {
            Class.forName("org.apache.spark.SparkConf");
            sparkBuilt = true;
        } catch (ClassNotFoundException x) {
            sparkBuilt = false;
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(sparkBuilt, "the -Pspark build has the engine (tested by SparkFalsifyTest, SparkSubmitTest)");
        for (List<String> c : commands()) {
            refused(run(c, "--engine", "spark"), "--engine", "the Spark engine is not in this build: rebuild with -Pspark");
            refused(run(c, "--engine", "spark", "--master", "local[2]"), "--engine", "rebuild with -Pspark");
        }
    }

    /** The accepted forms are Spark's own (SparkContext's choice of scheduler, Spark 3.5). */
    @Test
    void masterPatternAcceptsSparksForms() {
        for (String m : List.of("local", "local[1]", "local[*]", "local[4,2]", "local[*, 3]", "local-cluster[2,1,1024]",
                "spark://host:7077", "spark://h1:7077,h2:7077", "yarn", "k8s://https://10.0.0.1:6443", "mesos://zk://h:2181/mesos"))
            assertTrue(depthlimit.sweep.TrialEngine.MASTER.matcher(m).matches(), m);
    }
}
