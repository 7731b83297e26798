package depthlimit.cli;

import depthlimit.data.Dataset;
import depthlimit.io.AtomicFiles;
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

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory: new, empty, or a previous grad output (replaced whole).")
    Path out;

    /**
     * Writes the files in order, each atomically, {@code loss.json} last: a {@code loss.json} (and its status) exists
     * only when every array beside it was completely written. A failure (disk full) removes loss.json of an earlier
     * attempt first, so no stale status survives either.
     */
    static void writeAll(Path dir, Map<String, byte[]> files, AtomicFiles.Opener opener) throws IOException {
        Files.deleteIfExists(dir.resolve("loss.json"));
        for (Map.Entry<String, byte[]> e : files.entrySet()) AtomicFiles.write(dir.resolve(e.getKey()), e.getValue(), opener);
    }

    public Integer call() {
        ExperimentSpec s = ExperimentSpec.load(spec);
        depthlimit.spec.Resources.check(s);
        for (String w : depthlimit.spec.Warnings.of(s)) System.err.println("warning: " + w);
        Path dir = OutputDir.prepare(out, "grad", false);
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
        int L = arch.L(), q = arch.q(), m = arch.m(), d = arch.d(), dOut = arch.dOut();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("dA.npy", Npy.bytes(Arrays.copyOfRange(grad, arch.offA(), arch.offV()), q, d));
        files.put("dV.npy", Npy.bytes(Arrays.copyOfRange(grad, arch.offV(), arch.offW()), L, q, m));
        files.put("dW.npy", Npy.bytes(Arrays.copyOfRange(grad, arch.offW(), arch.offB()), L, m, q));
        files.put("dB.npy", Npy.bytes(Arrays.copyOfRange(grad, arch.offB(), arch.size()), dOut, q));
        files.put("params/A.npy", Npy.bytes(p.a(), q, d));
        files.put("params/V.npy", Npy.bytes(p.v(), L, q, m));
        files.put("params/W.npy", Npy.bytes(p.w(), L, m, q));
        files.put("params/B.npy", Npy.bytes(p.b(), dOut, q));
        files.put("data/X.npy", Npy.bytes(data.x(), data.n(), d));
        files.put("data/Y.npy", Npy.bytes(data.y(), data.n(), dOut));
        files.put("loss.json", Json.write(res).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            writeAll(dir, files, AtomicFiles.DISK);
        } catch (IOException e) {
            throw new depthlimit.InputError("--out", "cannot write to " + out + ": " + OutputDir.describe(e));
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
