package depthlimit.bench;

import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.init.GaussianProcess;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.model.Parallel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One loss+gradient evaluation at the paper's sizes (n = 100, q = d = 16, m = 32), L ∈ {16, 256, 1024}, GELU and
 * tanh, counting 12·n·L·m·q flops. Run with {@code mvn -B -ntp test -Pbench}; the table also goes to
 * target/benchmark-gradient.txt. Each figure is the best of 5 timed rounds of ≥ 1 s after a 3 s warm-up.
 */
@Tag("benchmark")
class GradientBenchmark {
    @Test
    void lossAndGradient() throws Exception {
        StringBuilder table = new StringBuilder(String.format("%-6s %6s %8s %12s %10s%n", "σ", "L", "threads", "ms/eval", "GFLOP/s"));
        int cores = Runtime.getRuntime().availableProcessors();
        for (String act : new String[]{"gelu", "tanh"})
            for (int L : new int[]{16, 256, 1024})
                for (int threads : cores > 1 ? new int[]{1, cores} : new int[]{1}) {
                    Parallel.setThreads(threads);
                    Architecture arch = new Architecture(16, 16, 32, 16, L, Activations.builtIn(act).orElseThrow(),
                            Convention.PAPER, true, true);
                    Dataset data = new GaussianData(100, 1, 1.0).create(16, 16, 16);
                    double[] theta = new GaussianProcess(2, 0.2, 1, 1).create(arch).theta;
                    Backprop bp = new Backprop(arch, data);
                    double[] grad = new double[arch.size()];
                    double sink = 0;
                    long t0 = System.nanoTime();
                    while (System.nanoTime() - t0 < 3e9) sink += bp.lossAndGradient(theta, grad);
                    double best = Double.POSITIVE_INFINITY;
                    for (int round = 0; round < 5; round++) {
                        int reps = 0;
                        t0 = System.nanoTime();
                        while (System.nanoTime() - t0 < 1e9) { sink += bp.lossAndGradient(theta, grad); reps++; }
                        best = Math.min(best, (System.nanoTime() - t0) / 1e9 / reps);
                    }
                    String row = String.format("%-6s %6d %8d %12.3f %10.2f%n", act, L, threads, best * 1e3,
                            arch.flopsPerGradient(100) / best / 1e9);
                    table.append(row);
                    System.out.print(row + (sink == 42 ? " " : ""));
                }
        Parallel.setThreads(cores);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/benchmark-gradient.txt"), table.toString());
    }
}
