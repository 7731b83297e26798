package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.data.Dataset;
import depthlimit.flow.Trainer;
import depthlimit.flow.TrainingResult;
import depthlimit.flow.TrajectoryObserver;
import depthlimit.io.Json;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.model.Parallel;
import depthlimit.spec.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code depthlimit bench}: the paper's workloads timed against the PyTorch comparison scripts of {@code bench/} in
 * the same run, each side in its own process under {@code /usr/bin/time} (wall time and peak resident memory, the
 * same measurement for both), and the gradient kernel's GFLOP/s against the machine's one-core DGEMM rate (NumPy).
 * Prints one row per workload and writes {@code DIR/bench.json}. The PyTorch side is a comparison, never a dependency:
 * without it the rows say "unavailable".
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time and memory of the paper's workloads (W1: Figure 1 left, W2: Figure 1 right, W3: Figure 2, "
                + "kernel: one loss+gradient at L = 1024) against PyTorch scripts (bench/) run in the same session.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--workload", defaultValue = "all", paramLabel = "W",
            description = "W1, W2, W3, kernel or all (default: all).")
    String workload;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(names = "--reference", defaultValue = "16384", paramLabel = "L",
            description = "W2's reference depth (the paper's: 16384, the default; a power of two ≥ 1024).")
    int reference;

    @Option(names = "--steps", defaultValue = "80000", paramLabel = "N",
            description = "W3's number of gradient steps (the paper's: 80,000, the default).")
    long steps;

    @Option(names = "--no-pytorch", description = "Skip the PyTorch comparison.")
    boolean noPytorch;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "EXE",
            description = "Python with NumPy and PyTorch for the comparison (default: /usr/bin/python3).")
    String python;

    @Option(names = "--child", hidden = true, description = "Internal: run one workload in this process.")
    String child;

    private static final List<String> WORKLOADS = List.of("W1", "W2", "W3", "kernel");

    @Override
    public Integer call() throws Exception {
        if (reference < 1024 || Integer.bitCount(reference) != 1)
            throw new InputError("--reference", "expected a power of two ≥ 1024, got " + reference);
        if (steps < 1) throw new InputError("--steps", "expected a positive number of steps, got " + steps);
        Files.createDirectories(out);
        if (child != null) return runChild(child);
        List<String> todo = new ArrayList<>();
        if (workload.equalsIgnoreCase("all")) todo.addAll(WORKLOADS);
        else todo.add(WORKLOADS.stream().filter(w -> w.equalsIgnoreCase(workload)).findFirst().orElseThrow(() ->
                new InputError("--workload", "expected W1, W2, W3, kernel or all, got '" + workload + "'")));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("cpu", cpu());
        report.put("kernel", Backprop.kernelPath());
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("date", java.time.Instant.now().toString());
        System.out.println("CPU: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores; gradient kernel: "
                + Backprop.kernelPath() + ". Wall time and peak RSS per process tree, both sides in this run.");
        for (String w : todo) {
            Map<String, Object> r = w.equals("kernel") ? kernel() : workload(w);
            report.put(w, r);
            Files.writeString(out.resolve("bench.json"), Json.write(report) + "\n");
        }
        System.out.println("written: " + out.resolve("bench.json"));
        return Main.EXIT_OK;
    }

    // ------------------------------------------------------------------ parent: processes under /usr/bin/time

    private Map<String, Object> workload(String w) throws Exception {
        Path dir = Files.createDirectories(out.resolve(w));
        String reduced = switch (w) {
            case "W2" -> reference == 16384 ? "" : " (reference depth " + reference + ", the paper's is 16384)";
            case "W3" -> steps == 80000 ? "" : " (" + steps + " steps, the paper's are 80,000)";
            default -> "";
        };
        double[] dl;
        if (w.equals("W1")) {                        // five train commands, as a user runs them
            dl = new double[2];
            for (int L : new int[]{2, 16, 64, 256, 1014}) {
                Path spec = dir.resolve("spec-L" + L + ".json");
                Files.writeString(spec, fig1Spec(L, 2, 2, "{\"method\": \"gd\", \"eta\": 0.01, \"steps\": 50, \"sampleEverySteps\": 1}"));
                double[] t = timed(dir.resolve("time-L" + L + ".txt"), dir.resolve("log-L" + L + ".txt"),
                        javaCommand("train", "--spec", spec.toString(), "--out", dir.resolve("run-L" + L).toString()));
                dl[0] += t[0];
                dl[1] = Math.max(dl[1], t[1]);
            }
        } else {
            dl = timed(dir.resolve("time-depthlimit.txt"), dir.resolve("log-depthlimit.txt"),
                    javaCommand("bench", "--child", w, "--out", dir.toString(), "--reference", "" + reference,
                            "--steps", "" + steps));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("depthlimit_seconds", dl[0]);
        r.put("depthlimit_peak_mb", dl[1]);
        r.put("reduced", reduced.isEmpty() ? null : reduced.trim());
        double[] py = null;
        if (!noPytorch) {
            List<String> cmd = List.of(python, script("torch_workloads.py"), "--workload", w, "--reference", "" + reference,
                    "--steps", "" + steps, "--out", dir.resolve("pytorch.json").toString());
            py = timed(dir.resolve("time-pytorch.txt"), dir.resolve("log-pytorch.txt"), cmd);
            if (py != null) {
                r.put("pytorch_seconds", py[0]);
                r.put("pytorch_peak_mb", py[1]);
                r.put("time_ratio", dl[0] / py[0]);
            }
        }
        System.out.printf(Locale.ROOT, "%-3s depthlimit %8.2f s %7.0f MB | PyTorch %s | ratio %s%s%n", w, dl[0], dl[1],
                py == null ? "unavailable" : String.format(Locale.ROOT, "%8.2f s %7.0f MB", py[0], py[1]),
                py == null ? "-" : String.format(Locale.ROOT, "%.3f", dl[0] / py[0]), reduced);
        return r;
    }

    private Map<String, Object> kernel() throws Exception {
        Path dir = Files.createDirectories(out.resolve("kernel"));
        Map<String, Object> r = new LinkedHashMap<>();
        double dgemm = Double.NaN, dgemmCpu = Double.NaN;
        if (!noPytorch) {
            ProcessBuilder pb = new ProcessBuilder(python, script("dgemm.py"), "1000").redirectErrorStream(true);
            pb.environment().put("OPENBLAS_NUM_THREADS", "1");
            pb.environment().put("OMP_NUM_THREADS", "1");
            Process p = pb.start();
            String text = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() == 0 && Json.parse(text) instanceof Map<?, ?> m && m.get("gflops") instanceof Number g) {
                dgemm = g.doubleValue();
                if (m.get("gflops_cpu") instanceof Number gc) dgemmCpu = gc.doubleValue();
            }
            else System.out.println("DGEMM reference unavailable: " + text.lines().reduce((a, b) -> b).orElse(""));
        }
        r.put("dgemm_one_core_gflops", Double.isNaN(dgemm) ? null : dgemm);
        r.put("dgemm_one_core_gflops_cpu", Double.isNaN(dgemmCpu) ? null : dgemmCpu);
        List<Object> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "kernel: one loss+gradient, n = 100, q = d = 16, m = 32, L = 1024, 12·n·L·m·q flops; "
                + "DGEMM one core (NumPy/OpenBLAS, 1000³): %s%n", Double.isNaN(dgemm) ? "unavailable"
                : String.format(Locale.ROOT, "%.1f GFLOP/s (per CPU second: %.1f)", dgemm, dgemmCpu));
        System.out.println("  (per CPU second: the rate over this thread's CPU time, one thread only; on a shared machine"
                + " it is the fairer comparison, the wall-clock rate the user's)");
        System.out.printf(Locale.ROOT, "  %-30s %-9s %7s %10s %9s %16s %10s %14s %12s%n", "path", "σ", "threads", "ms/eval",
                "GFLOP/s", "per thread/DGEMM", "GFLOP/cpu-s", "of DGEMM (cpu)", "bytes/eval");
        for (boolean simd : new boolean[]{true, false}) {
            Path json = dir.resolve(simd ? "simd.json" : "scalar.json");
            List<String> cmd = javaCommand("bench", "--child", "kernel", "--out", dir.toString());
            if (!simd) cmd.add(1, "-Ddepthlimit.simd=false");
            int at = cmd.indexOf("--out");
            cmd.set(at + 1, dir.resolve(simd ? "simd" : "scalar").toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(simd ? "log-simd.txt" : "log-scalar.txt").toFile());
            if (pb.start().waitFor() != 0) {
                System.out.println("  kernel child failed: see " + dir);
                continue;
            }
            Object parsed = Json.parse(Files.readString(dir.resolve(simd ? "simd" : "scalar").resolve("kernel.json")));
            for (Object o : (List<?>) ((Map<?, ?>) parsed).get("rows")) {
                Map<String, Object> row = new LinkedHashMap<>();
                ((Map<?, ?>) o).forEach((k, v) -> row.put((String) k, v));
                double g = ((Number) row.get("gflops")).doubleValue();
                int th = ((Number) row.get("threads")).intValue();
                double frac = g / th / dgemm;
                row.put("fraction_of_dgemm_per_thread", Double.isNaN(frac) ? null : frac);
                double gc = row.get("gflops_cpu") instanceof Number x ? x.doubleValue() : Double.NaN;
                double fracCpu = gc / dgemmCpu;
                row.put("fraction_of_dgemm_cpu", Double.isNaN(fracCpu) ? null : fracCpu);
                rows.add(row);
                System.out.printf(Locale.ROOT, "  %-30s %-9s %7d %10.2f %9.2f %16s %10s %14s %12s%n", row.get("path"), row.get("activation"), th,
                        ((Number) row.get("ms")).doubleValue(), g, Double.isNaN(frac) ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * frac),
                        Double.isNaN(gc) ? "-" : String.format(Locale.ROOT, "%.2f", gc),
                        Double.isNaN(fracCpu) ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * fracCpu),
                        row.get("bytes_per_eval") == null ? "-" : String.valueOf(row.get("bytes_per_eval")));
            }
            Files.deleteIfExists(json);
        }
        r.put("rows", rows);
        return r;
    }

    /** {wall seconds, peak RSS in MB} of the command under /usr/bin/time, or null when it could not run. */
    private static double[] timed(Path timeFile, Path log, List<String> cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-o", timeFile.toString(), "-f", "%e %M"));
        full.addAll(cmd);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        if (rc != 0 || !Files.exists(timeFile)) {
            System.out.println("  (" + String.join(" ", cmd.subList(0, Math.min(3, cmd.size()))) + " … exited with "
                    + rc + "; log: " + log + ")");
            return null;
        }
        String[] f = Files.readString(timeFile).trim().lines().reduce((a, b) -> b).orElse("").split("\\s+");
        return new double[]{Double.parseDouble(f[0]), Double.parseDouble(f[1]) / 1024};
    }

    private static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String script(String name) {
        try {
            Path jar = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar; p != null; p = p.getParent())
                if (Files.exists(p.resolve("bench").resolve(name))) return p.resolve("bench").resolve(name).toString();
        } catch (Exception ignored) {
            // fall through to the working directory
        }
        return "bench" + File.separator + name;
    }

    static String cpu() {
        try {
            String info = Files.readString(Path.of("/proc/cpuinfo"));
            String model = info.lines().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
            String flags = info.lines().filter(l -> l.startsWith("flags")).findFirst().orElse("");
            String simd = flags.contains(" avx512f") ? "AVX-512" : flags.contains(" avx2") ? "AVX2" : "no AVX2";
            return model + " (" + simd + (flags.contains(" fma") ? " + FMA" : "") + ")";
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    static String fig1Spec(int depth, int dataSeed, int initSeed, String train) {
        return "{\"model\": {\"convention\": \"authors-code\", \"activation\": \"gelu\", \"depth\": " + depth
                + ", \"width\": 32, \"hidden\": 16, \"input\": 16, \"output\": 16}, \"data\": {\"generator\": \"gaussian\", "
                + "\"n\": 100, \"seed\": " + dataSeed + "}, \"init\": {\"scheme\": \"weight-tied\", \"seed\": " + initSeed
                + "}, \"train\": " + train + "}";
    }

    // ------------------------------------------------------------------ child: one workload in this process

    private int runChild(String w) throws Exception {
        Map<String, Object> r = switch (w) {
            case "W2" -> w2();
            case "W3" -> w3();
            case "kernel" -> kernelRows();
            default -> throw new InputError("--child", "unknown workload " + w);
        };
        Files.writeString(out.resolve(w.equals("kernel") ? "kernel.json" : "depthlimit.json"), Json.write(r) + "\n");
        return Main.EXIT_OK;
    }

    private static TrainingResult train(String json, TrajectoryObserver o) {
        ExperimentSpec s = ExperimentSpec.parse(parse(json), Path.of("."));
        Dataset data = s.createData();
        double[] theta = s.createParameters().theta;
        Trainer t = new Trainer(new Backprop(s.architecture(), data), s.train());
        if (o != null) t.observe(o);
        return t.run(theta);
    }

    private static Object parse(String json) {
        try {
            return Json.parse(json);
        } catch (Json.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Figure 1 right as the authors compute it: for L = 2, 4, …, 1024 and every step t, √(Σ_{i<L} ‖V^L_i(t) −
     * V^R_{⌊iR/L⌋}(t)‖²_F / L) and the same for W (0-based layers). The reference's layers that some L needs (the
     * multiples of R/1024) are kept per step; the coarse runs then compare against them as they go.
     */
    private Map<String, Object> w2() {
        String gd = "{\"method\": \"gd\", \"eta\": 0.01, \"steps\": 50, \"sampleEverySteps\": 50}";
        int R = reference;
        TreeSet<Integer> need = new TreeSet<>();
        for (int L = 2; L <= 1024; L *= 2) for (int i = 0; i < L; i++) need.add((int) ((long) i * R / L));
        int[] layers = need.stream().mapToInt(Integer::intValue).toArray();
        Architecture ra = ExperimentSpec.parse(parse(fig1Spec(R, 0, 0, gd)), Path.of(".")).architecture();
        int lv = ra.layerV(), lw = ra.layerW();
        List<double[]> refSteps = new ArrayList<>();
        train(fig1Spec(R, 0, 0, gd), new TrajectoryObserver() {
            public void step(long step, double t, double[] th) {
                double[] keep = new double[layers.length * (lv + lw)];
                for (int j = 0; j < layers.length; j++) {
                    System.arraycopy(th, ra.offV() + layers[j] * lv, keep, j * (lv + lw), lv);
                    System.arraycopy(th, ra.offW() + layers[j] * lw, keep, j * (lv + lw) + lv, lw);
                }
                refSteps.add(keep);
            }

            public void sample(int index, double t, long step, double[] th, double loss, double[] grad) {}
        });
        Map<String, Object> r = new LinkedHashMap<>();
        for (int L = 2; L <= 1024; L *= 2) {
            final int depth = L;
            Architecture a = ExperimentSpec.parse(parse(fig1Spec(L, 0, 0, gd)), Path.of(".")).architecture();
            double[] maxD = new double[2], lastD = new double[2];
            train(fig1Spec(L, 0, 0, gd), new TrajectoryObserver() {
                public void step(long step, double t, double[] th) {
                    double[] ref = refSteps.get((int) step);
                    double sv = 0, sw = 0;
                    for (int i = 0; i < depth; i++) {
                        int j = java.util.Arrays.binarySearch(layers, (int) ((long) i * R / depth));
                        for (int e = 0; e < lv; e++) {
                            double d = th[a.offV() + i * lv + e] - ref[j * (lv + lw) + e];
                            sv += d * d;
                        }
                        for (int e = 0; e < lw; e++) {
                            double d = th[a.offW() + i * lw + e] - ref[j * (lv + lw) + lv + e];
                            sw += d * d;
                        }
                    }
                    lastD[0] = Math.sqrt(sv / depth);
                    lastD[1] = Math.sqrt(sw / depth);
                    maxD[0] = Math.max(maxD[0], lastD[0]);
                    maxD[1] = Math.max(maxD[1], lastD[1]);
                }

                public void sample(int index, double t, long step, double[] th, double loss, double[] grad) {}
            });
            r.put(String.valueOf(L), Map.of("dist_V_last", lastD[0], "dist_W_last", lastD[1], "dist_V_max", maxD[0],
                    "dist_W_max", maxD[1]));
        }
        return Map.of("reference", R, "distances", r);
    }

    /** Figure 2: n = 50, m = 64, L = 64, η = 0.005 (learning rate L·η), the loss every 10 steps, V, W entries (i, j < 4) every 100. */
    private Map<String, Object> w3() {
        long every = 10;
        String spec = "{\"model\": {\"convention\": \"authors-code\", \"activation\": \"gelu\", \"depth\": 64, \"width\": 64, "
                + "\"hidden\": 16, \"input\": 16, \"output\": 16}, \"data\": {\"generator\": \"gaussian\", \"n\": 50, \"seed\": 0}, "
                + "\"init\": {\"scheme\": \"weight-tied\", \"seed\": 0}, \"train\": {\"method\": \"gd\", \"eta\": 0.005, \"steps\": "
                + steps + ", \"sampleEverySteps\": " + every + "}}";
        Architecture a = ExperimentSpec.parse(parse(spec), Path.of(".")).architecture();
        int L = a.L();
        double[] losses = new double[(int) (steps / every) + 1];
        double[] snaps = new double[(int) (steps / 100 + 1) * 2 * 16 * L];
        int[] counts = new int[2];
        TrainingResult res = train(spec, new TrajectoryObserver() {
            public void step(long step, double t, double[] th) {
                if (step % 100 != 0) return;
                int base = counts[1]++ * 2 * 16 * L;
                for (int k = 0; k < L; k++)
                    for (int i = 0; i < 4; i++)
                        for (int j = 0; j < 4; j++) {
                            snaps[base + (k * 16 + i * 4 + j)] = th[a.offV() + k * a.layerV() + i * a.m() + j];
                            snaps[base + 16 * L + (k * 16 + i * 4 + j)] = th[a.offW() + k * a.layerW() + i * a.q() + j];
                        }
            }

            public void sample(int index, double t, long step, double[] th, double loss, double[] grad) {
                if (counts[0] < losses.length) losses[counts[0]++] = loss;
            }
        });
        return Map.of("steps", steps, "loss_first", losses[0], "loss_last", res.finalLoss(), "loss_points", counts[0],
                "snapshots", counts[1], "status", String.valueOf(res.status()));
    }

    /** Loss+gradient at n = 100, q = d = 16, m = 32, L = 1024: best of 5 rounds of ≥ 0.7 s after a 2 s warm-up. */
    private static Map<String, Object> kernelRows() {
        List<Object> rows = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (String act : new String[]{"gelu", "identity"})
            for (int threads : cores > 1 ? new int[]{1, cores} : new int[]{1}) {
                Parallel.setThreads(threads);
                Architecture arch = new Architecture(16, 16, 32, 16, 1024, Activations.builtIn(act).orElseThrow(),
                        Convention.PAPER, true, true);
                Dataset data = new depthlimit.data.GaussianData(100, 1, 1.0).create(16, 16, 16);
                double[] theta = new depthlimit.init.GaussianProcess(2, 0.2, 1, 1).create(arch).theta;
                Backprop bp = new Backprop(arch, data);
                double[] grad = new double[arch.size()];
                long t0 = System.nanoTime();
                while (System.nanoTime() - t0 < 2e9) bp.lossAndGradient(theta, grad);
                double best = Double.POSITIVE_INFINITY, bestCpu = Double.POSITIVE_INFINITY;
                var mxb = ManagementFactory.getThreadMXBean();
                for (int round = 0; round < 5; round++) {
                    int reps = 0;
                    t0 = System.nanoTime();
                    long c0 = mxb.getCurrentThreadCpuTime();
                    while (System.nanoTime() - t0 < 0.7e9) { bp.lossAndGradient(theta, grad); reps++; }
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9 / reps);
                    bestCpu = Math.min(bestCpu, (mxb.getCurrentThreadCpuTime() - c0) / 1e9 / reps);
                }
                Long bytes = null;
                if (threads == 1 && ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx) {
                    long b0 = mx.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < 5; i++) bp.lossAndGradient(theta, grad);
                    bytes = (mx.getCurrentThreadAllocatedBytes() - b0) / 5;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("path", Backprop.kernelPath());
                row.put("activation", act);
                row.put("threads", threads);
                row.put("ms", best * 1e3);
                row.put("gflops", arch.flopsPerGradient(100) / best / 1e9);
                row.put("gflops_cpu", threads == 1 ? arch.flopsPerGradient(100) / bestCpu / 1e9 : null);
                row.put("bytes_per_eval", bytes);
                rows.add(row);
            }
        return Map.of("rows", rows);
    }
}
