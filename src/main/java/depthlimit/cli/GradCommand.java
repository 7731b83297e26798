package depthlimit.cli;

import depthlimit.data.Dataset;
import depthlimit.io.Json;
import depthlimit.io.Npy;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Parameters;
import depthlimit.spec.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code depthlimit grad}: loss, G and the exact gradient at the initialization of a spec, with every array used. */
@Command(name = "grad", mixinStandardHelpOptions = true,
        description = {"Evaluate the loss ℓ, the gradient-flow metric G (Definition 1) and the exact gradients at the spec's initialization.",
                "Writes DIR/loss.json, DIR/dA.npy, dV.npy, dW.npy, dB.npy (plain ∂ℓ/∂·, without the factor L), DIR/params/{A,V,W,B}.npy and DIR/data/{X,Y}.npy."})
public final class GradCommand implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "S.json", description = "Experiment spec (JSON).")
    Path spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    public Integer call() {
        ExperimentSpec s = ExperimentSpec.load(spec);
        Architecture arch = s.architecture();
        Dataset data = s.createData();
        Parameters p = s.createParameters();
        Backprop bp = new Backprop(arch, data);
        double[] grad = new double[arch.size()];
        long t0 = System.nanoTime();
        double loss = bp.lossAndGradient(p.theta, grad);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double g = Backprop.flowMetric(arch, grad);
        boolean finite = Double.isFinite(loss) && Double.isFinite(g) && Arrays.stream(grad).allMatch(Double::isFinite);

        Map<String, Object> res = new LinkedHashMap<>();
        res.put("loss", loss);
        res.put("G", g);
        res.put("pl_ratio", g / loss);
        res.put("status", finite ? "ok" : "failed");
        if (!finite) res.put("reason", "non-finite loss or gradient (overflow in the forward or backward pass)");
        res.put("seconds", seconds);
        res.put("spec", s.resolved());
        res.put("version", Main.version());
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("loss.json"), Json.write(res));
            int L = arch.L(), q = arch.q(), m = arch.m(), d = arch.d(), dOut = arch.dOut();
            Npy.write(out.resolve("dA.npy"), Arrays.copyOfRange(grad, arch.offA(), arch.offV()), q, d);
            Npy.write(out.resolve("dV.npy"), Arrays.copyOfRange(grad, arch.offV(), arch.offW()), L, q, m);
            Npy.write(out.resolve("dW.npy"), Arrays.copyOfRange(grad, arch.offW(), arch.offB()), L, m, q);
            Npy.write(out.resolve("dB.npy"), Arrays.copyOfRange(grad, arch.offB(), arch.size()), dOut, q);
            Path params = out.resolve("params");
            Npy.write(params.resolve("A.npy"), p.a(), q, d);
            Npy.write(params.resolve("V.npy"), p.v(), L, q, m);
            Npy.write(params.resolve("W.npy"), p.w(), L, m, q);
            Npy.write(params.resolve("B.npy"), p.b(), dOut, q);
            Npy.write(out.resolve("data").resolve("X.npy"), data.x(), data.n(), d);
            Npy.write(out.resolve("data").resolve("Y.npy"), data.y(), data.n(), dOut);
        } catch (IOException e) {
            throw new depthlimit.InputError("--out", "cannot write to " + out + ": " + e.getMessage());
        }
        if (!finite) {
            System.out.printf("FAILED: %s (loss = %s, G = %s); wrote %s%n", res.get("reason"), loss, g, out);
            return Main.EXIT_FAILED;
        }
        System.out.printf("loss = %.17g  G = %.17g  G/loss = %.6g  (L = %d, n = %d, %.3f s); wrote %s%n",
                loss, g, g / loss, arch.L(), data.n(), seconds, out);
        return Main.EXIT_OK;
    }
}
