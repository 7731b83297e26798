package depthlimit.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application jar under {@code spark-submit}: {@code org.apache.spark.deploy.SparkSubmit} (what
 * {@code bin/spark-submit} runs) in a separate JVM, {@code --master local[2] --class depthlimit.cli.Main APP.jar
 * sweep|falsify … --engine spark}, against {@code --engine local} in this JVM, row by row (seconds aside).
 *
 * <p>The child JVM gets this test's dependency jars (Spark and the rest, as a cluster's Spark installation plus
 * {@code --jars} would) but none of the project's class directories: the project's classes come only from
 * APP.jar, a jar of {@code target/classes} without a {@code Class-Path}, which SparkSubmit loads as the user's
 * application and which the executors' tasks (lambdas of {@code SparkEngine}) are deserialized from. Its
 * {@code --master} goes to SparkSubmit only: the engine must take the master that spark-submit set. The JVM flags
 * are this JVM's {@code --add-opens}/{@code --add-modules}, the ones Spark 3.5 needs on Java 17.
 * Run with {@code mvn -B -ntp test -Pspark -Dtest=SparkSubmitTest} (about a minute: two Spark starts).
 */
class SparkSubmitTest {
    /** A random sample (the sampler must agree too) with a check that some trials pass and some fail. */
    static final String SWEEP = """
            {"name": "submit",
             "space": {"depth": {"range": [2, 32], "log": true}, "activation": ["tanh", "gelu"], "seed": {"range": [1, 50]},
                       "eta": {"range": [0.01, 0.1]},
                       "width": 3, "hidden": 3, "input": 2, "output": 1, "n": 4, "method": "gd", "steps": 10, "T": 0.5},
             "sample": {"random": 16, "seed": 7},
             "record": ["lx0", "loss0", "loss_T"],
             "check": {"measure": "loss_T", "holds": "<= 0.5"}}""";

    static Path appJar;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** APP.jar: the project's compiled classes only, with a Main-Class and no Class-Path. */
    @BeforeAll
    static void buildAppJar() throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "expected the class directory, got " + classes);
        appJar = shared.resolve("depthlimit-app.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(appJar), mf); Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
    }

    @Test
    void sweepUnderSparkSubmitEqualsLocal() throws Exception {
        Path spec = dir.resolve("submit.json");
        Files.writeString(spec, SWEEP);
        GradCommandTest.Run local = GradCommandTest.run("sweep", spec.toString(), "--out", dir.resolve("local").toString(), "--no-progress");
        Child submitted = submit("sweep", spec.toString(), "--engine", "spark", "--out", dir.resolve("spark").toString(), "--no-progress");
        assertEquals(local.code(), submitted.code(), submitted.log());
        assertTrue(submitted.out().contains("engine spark 3.5") && submitted.out().contains("master local[2]"),
                "the engine took the master of spark-submit: " + submitted.log());
        assertTrue(submitted.out().contains("spark: 1 job(s)") && submitted.out().contains(", 16 trial(s)"), "one batch of 16: " + submitted.log());
        List<String> a = Files.readAllLines(dir.resolve("local").resolve("results.csv"));
        List<String> b = Files.readAllLines(dir.resolve("spark").resolve("results.csv"));
        assertEquals(17, a.size(), "header and 16 trials");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++)   // the last column is seconds
            assertEquals(a.get(i).substring(0, a.get(i).lastIndexOf(',')), b.get(i).substring(0, b.get(i).lastIndexOf(',')), "results.csv row " + i);
        // the comparison covers both outcomes of the check and both activations
        assertTrue(a.stream().anyMatch(r -> r.contains(",holds,")) && a.stream().anyMatch(r -> r.contains(",violated,")), String.join("\n", a));
        assertTrue(a.stream().anyMatch(r -> r.contains(",tanh,")) && a.stream().anyMatch(r -> r.contains(",gelu,")), String.join("\n", a));
    }

    @Test
    void falsifyUnderSparkSubmitEqualsLocal() throws Exception {
        Path prop = dir.resolve("planted.json");
        Files.writeString(prop, SparkFalsifyTest.PLANTED);
        GradCommandTest.Run local = GradCommandTest.run("falsify", prop.toString(), "--budget", "200", "--seed", "1",
                "--out", dir.resolve("local").toString(), "--no-progress");
        Child submitted = submit("falsify", prop.toString(), "--budget", "200", "--seed", "1", "--engine", "spark",
                "--out", dir.resolve("spark").toString(), "--no-progress");
        assertEquals(Main.EXIT_FAILED, local.code(), local.out() + local.err());
        assertEquals(local.code(), submitted.code(), submitted.log());
        assertTrue(submitted.out().contains("engine spark 3.5") && submitted.out().contains("master local[2]"), submitted.log());
        List<String> rows = SparkFalsifyTest.sameTrials(dir.resolve("local"), dir.resolve("spark"));
        assertTrue(rows.stream().anyMatch(r -> r.contains(",cmaes,") && r.contains(",violated,")), "no violation found by CMA-ES");
    }

    /** Under spark-submit without --engine spark the trials stay on the driver, and the run says so. */
    @Test
    void localEngineUnderSparkSubmitIsExplained() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, SweepCommandTest.SPEC);
        Child c = submit("sweep", spec.toString(), "--out", dir.resolve("o").toString(), "--no-progress");
        assertEquals(Main.EXIT_OK, c.code(), c.log());
        assertTrue(c.out().contains("engine local"), c.log());
        assertTrue(c.err().contains("note: started by spark-submit but --engine local: the trials run on the driver's threads; add --engine spark"), c.log());
    }

    record Child(int code, String out, String err) {
        String log() { return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err; }
    }

    /** Runs SparkSubmit in a new JVM: --master local[2] --class depthlimit.cli.Main APP.jar ARGS. */
    private Child submit(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < jvm.size(); i++) {
            String a = jvm.get(i);
            if (a.startsWith("--add-opens=") || a.startsWith("--add-modules=") || a.startsWith("--add-exports=")) cmd.add(a);
            else if ((a.equals("--add-opens") || a.equals("--add-modules") || a.equals("--add-exports")) && i + 1 < jvm.size()) {
                cmd.add(a);
                cmd.add(jvm.get(++i));
            }
        }
        assertTrue(cmd.stream().anyMatch(a -> a.contains("java.base/sun.nio.ch")), "the -Pspark argLine's --add-opens: " + jvm);
        cmd.add("-cp");
        cmd.add(dependencyJars());
        cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--class", Main.class.getName(), appJar.toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("child.out"), err = dir.resolve("child.err");
        Process p = new ProcessBuilder(cmd).directory(new File(System.getProperty("user.dir")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();   // no input
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("spark-submit did not finish in 600 s:\n" + Files.readString(err));
        }
        return new Child(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The test class path's jars (Maven's surefire names the real one), without the project's class directories. */
    static String dependencyJars() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> jars = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) if (e.endsWith(".jar") && Files.isRegularFile(Path.of(e))) jars.add(e);
        assertTrue(jars.stream().anyMatch(j -> j.contains("spark-core_2.13")), "Spark is on the test class path (-Pspark)");
        assertFalse(jars.stream().anyMatch(j -> j.contains("surefire")), "surefire's booter jar, not the real class path: " + cp);
        return String.join(File.pathSeparator, jars);
    }
}
