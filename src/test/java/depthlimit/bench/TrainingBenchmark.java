package depthlimit.bench;

import depthlimit.data.Dataset;
import depthlimit.flow.MetricsRecorder;
import depthlimit.flow.Trainer;
import depthlimit.flow.TrainingResult;
import depthlimit.io.Json;
import depthlimit.model.Backprop;
import depthlimit.spec.ExperimentSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The authors' Figure-1 workload: authors-code convention, GELU, n = 100, q = d = 16, m = 32,
 * A = B = I frozen, V = 0, tied W, depths 2, 16, 64, 256, 1014; gd with η = 0.01 for 50 steps, metrics at every
 * step; then the same flow to T = 0.5 by dp853 at rtol 1e-8. {@code mvn -B -ntp test -Pbench}; the table also goes
 * to target/benchmark-training.txt. Each run is timed once, in a JVM already warmed by one L = 256 run.
 */
@Tag("benchmark")
@org.junit.jupiter.api.Timeout(value = 3, unit = java.util.concurrent.TimeUnit.HOURS) // long by design; still bounded
class TrainingBenchmark {
    static String spec(int depth, String train) {
        return "{\"model\": {\"convention\": \"authors-code\", \"activation\": \"gelu\", \"depth\": " + depth
                + ", \"width\": 32, \"hidden\": 16, \"input\": 16, \"output\": 16}, \"data\": {\"generator\": \"gaussian\", "
                + "\"n\": 100, \"seed\": 2}, \"init\": {\"scheme\": \"weight-tied\", \"seed\": 2}, \"train\": " + train + "}";
    }

    static TrainingResult run(String json) throws Exception {
        ExperimentSpec s = ExperimentSpec.parse(Json.parse(json), Path.of("."));
        Dataset data = s.createData();
        double[] theta = s.createParameters().theta;
        MetricsRecorder rec = new MetricsRecorder(s.architecture(), theta, !s.train().method().adaptive(), null);
        return new Trainer(new Backprop(s.architecture(), data), s.train()).observe(rec).run(theta);
    }

    @Test
    void figure1Workload() throws Exception {
        String gd = "{\"method\": \"gd\", \"eta\": 0.01, \"steps\": 50, \"sampleEverySteps\": 1}";
        String dp = "{\"method\": \"dp853\", \"T\": 0.5, \"rtol\": 1e-8, \"sampleEvery\": 0.01}";
        run(spec(256, gd)); // JIT warm-up
        StringBuilder t = new StringBuilder(String.format("%-8s %6s %10s %10s %8s %8s %10s%n", "method", "L", "wall s", "in rhs s", "rhs",
                "steps", "loss(T)"));
        for (String[] m : new String[][]{{"gd", gd}, {"dp853", dp}}) {
            double total = 0;
            for (int L : new int[]{2, 16, 64, 256, 1014}) {
                TrainingResult r = run(spec(L, m[1]));
                total += r.stats().wallSeconds();
                t.append(String.format("%-8s %6d %10.2f %10.2f %8d %8d %10.6f%n", m[0], L, r.stats().wallSeconds(),
                        r.stats().rhsSeconds(), r.stats().rhsEvaluations(), r.stats().acceptedSteps(), r.finalLoss()));
            }
            t.append(String.format("%-8s %6s %10.2f  (all five depths)%n", m[0], "total", total));
        }
        System.out.print(t);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/benchmark-training.txt"), t.toString());
    }
}
