package depthlimit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM without {@code --add-modules jdk.incubator.vector} (a Spark executor started by a cluster manager, or
 * {@code DEPTHLIMIT_SIMD=0}) takes the scalar kernels; its sweep table must equal this JVM's (which has the module,
 * see the surefire argLine) bit for bit, GELU included: each trial is a pure function of its configuration, not of
 * the JVM's flags. A trained GELU, tanh and sine sweep at width 9 (so that the vector loops have full lanes and tails).
 */
class VectorModuleAbsentTest {
    static final String SPEC = """
            {"name": "scalar-vs-simd",
             "space": {"depth": [3, 8], "activation": ["gelu", "tanh", "sin"], "seed": [1, 2],
                       "width": 9, "hidden": 5, "input": 2, "output": 1, "n": 5, "method": "gd", "eta": 0.05, "steps": 20, "T": 1.0},
             "record": ["lx", "lx0", "loss0", "loss_T", "sup_norm"]}""";

    @TempDir
    Path dir;

    @Test
    void sweepWithoutTheVectorModuleHasTheSameBits() throws Exception {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "this JVM has the module (pom.xml argLine)");
        // and its vector kernels are in service (they take over from the scalar ones after a background warm-up)
        assertTrue(depthlimit.model.Backprop.awaitVectorKernels(60_000), depthlimit.model.Backprop.kernelPath());
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, SPEC);
        GradCommandTest.Run simd = GradCommandTest.run("sweep", spec.toString(), "--out", dir.resolve("simd").toString(), "--no-progress");
        assertEquals(Main.EXIT_OK, simd.code(), simd.out() + simd.err());

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(), "sweep", spec.toString(), "--out", dir.resolve("scalar").toString(), "--no-progress"));
        assertFalse(cmd.stream().anyMatch(a -> a.contains("jdk.incubator.vector")));
        Path log = dir.resolve("child.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the child JVM did not finish in 300 s: " + Files.readString(log));
        }
        assertEquals(Main.EXIT_OK, p.exitValue(), Files.readString(log));

        List<String> a = Files.readAllLines(dir.resolve("simd").resolve("results.csv"));
        List<String> b = Files.readAllLines(dir.resolve("scalar").resolve("results.csv"));
        assertEquals(13, a.size(), "header and 12 trials");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++)   // the last column is seconds
            assertEquals(a.get(i).substring(0, a.get(i).lastIndexOf(',')), b.get(i).substring(0, b.get(i).lastIndexOf(',')),
                    "results.csv row " + i + " (scalar against SIMD)");
    }
}
