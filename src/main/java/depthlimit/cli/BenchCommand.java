package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.data.Dataset;
import depthlimit.flow.Method;
import depthlimit.flow.TrainSpec;
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
                + "W4: gradient flow by dp853 against SciPy's DOP853, kernel: one loss+gradient at L = 1024) against PyTorch scripts (bench/) run in the same session.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--workload", defaultValue = "all", paramLabel = "W",
            description = "W1, W2, W3, W4, kernel or all (default: all).")
    String workload;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(names = "--reference", defaultValue = "16384", paramLabel = "L",
            description = "W2's reference depth (the paper's: 16384, the default; a power of two ≥ 1024).")
    int reference;

    @Option(names = "--steps", defaultValue = "80000", paramLabel = "N",
            description = "W3's number of gradient steps (the paper's: 80,000, the default).")
    long steps;

    @Option(names = "--max-depth", defaultValue = "1014", paramLabel = "L",
            description = "W4: the deepest of W1's depths 2, 16, 64, 256, 1014 to run (default: 1014, all of them).")
    int maxDepth;

    @Option(names = "--no-pytorch", description = "Skip the PyTorch and SciPy comparisons.")
    boolean noPytorch;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "EXE",
            description = "Python with NumPy and PyTorch for the comparison (default: /usr/bin/python3).")
    String python;

    @Option(names = "--pytorch-timeout", defaultValue = "1200", paramLabel = "SECONDS",
            description = "Stop a PyTorch or SciPy comparison after this many seconds and report its time as a lower bound "
                    + "(the ratio as an upper bound); 0: no limit. Default 1200: the authors' W2 script runs far longer.")
    double pytorchTimeout;

    @Option(names = "--child", hidden = true, description = "Internal: run one workload in this process.")
    String child;

    private static final List<String> WORKLOADS = List.of("W1", "W2", "W3", "W4", "kernel");
    private static final int[] W1_DEPTHS = {2, 16, 64, 256, 1014};

    @Override
    public Integer call() throws Exception {
        if (reference < 1024 || Integer.bitCount(reference) != 1)
            throw new InputError("--reference", "expected a power of two ≥ 1024, got " + reference);
        if (steps < 1) throw new InputError("--steps", "expected a positive number of steps, got " + steps);
        if (maxDepth < 2) throw new InputError("--max-depth", "expected a depth ≥ 2, got " + maxDepth);
        if (!(pytorchTimeout >= 0) || Double.isInfinite(pytorchTimeout))
            throw new InputError("--pytorch-timeout", "expected a number of seconds ≥ 0 (0: no limit), got " + pytorchTimeout);
        Files.createDirectories(out);
        if (child != null) return runChild(child);
        List<String> todo = new ArrayList<>();
        if (workload.equalsIgnoreCase("all")) todo.addAll(WORKLOADS);
        else todo.add(WORKLOADS.stream().filter(w -> w.equalsIgnoreCase(workload)).findFirst().orElseThrow(() ->
                new InputError("--workload", "expected W1, W2, W3, W4, kernel or all, got '" + workload + "'")));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("cpu", cpu());
        report.put("kernel", Backprop.kernelPath());
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("date", java.time.Instant.now().toString());
        System.out.println("CPU: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores; gradient kernel: "
                + Backprop.kernelPath() + ". Wall time and peak RSS per process tree, both sides in this run.");
        for (String w : todo) {
            Map<String, Object> r = w.equals("kernel") ? kernel() : w.equals("W4") ? w4() : workload(w);
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
        Timing dl;
        if (w.equals("W1")) {                        // five train commands, as a user runs them
            dl = new Timing(0, 0, false);
            for (int L : new int[]{2, 16, 64, 256, 1014}) {
                Path spec = dir.resolve("spec-L" + L + ".json");
                Files.writeString(spec, fig1Spec(L, 2, 2, "{\"method\": \"gd\", \"eta\": 0.01, \"steps\": 50, \"sampleEverySteps\": 1}"));
                Timing t = timed(dir.resolve("time-L" + L + ".txt"), dir.resolve("log-L" + L + ".txt"),
                        javaCommand("train", "--spec", spec.toString(), "--out", dir.resolve("run-L" + L).toString()), 0);
                if (t == null) {
                    dl = null;
                    break;
                }
                dl = new Timing(dl.seconds() + t.seconds(), Math.max(dl.peakMb(), t.peakMb()), false);
            }
        } else {
            List<String> cmd = javaCommand("bench", "--child", w, "--out", dir.toString(), "--reference", "" + reference,
                    "--steps", "" + steps);
            if (w.equals("W2")) cmd.addAll(1, w2Heap());             // before the launcher's options: those win
            dl = timed(dir.resolve("time-depthlimit.txt"), dir.resolve("log-depthlimit.txt"), cmd, 0);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        if (w.equals("W2")) r.put("depthlimit_jvm_options", String.join(" ", w2Heap()));
        if (dl == null) {
            System.out.printf(Locale.ROOT, "%-3s depthlimit failed (log: %s)%n", w, dir);
            return r;
        }
        r.put("depthlimit_seconds", dl.seconds());
        r.put("depthlimit_peak_mb", dl.peakMb());
        r.put("reduced", reduced.isEmpty() ? null : reduced.trim());
        Timing py = null;
        if (!noPytorch) {
            List<String> cmd = List.of(python, script("torch_workloads.py"), "--workload", w, "--reference", "" + reference,
                    "--steps", "" + steps, "--out", dir.resolve("pytorch.json").toString());
            py = timed(dir.resolve("time-pytorch.txt"), dir.resolve("log-pytorch.txt"), cmd, pytorchTimeout);
            if (py != null) {
                // a stopped run's time is a lower bound, so the ratio is an upper bound
                r.put(py.stopped() ? "pytorch_seconds_at_least" : "pytorch_seconds", py.seconds());
                r.put(py.stopped() ? "pytorch_peak_mb_when_stopped" : "pytorch_peak_mb", py.peakMb());
                r.put(py.stopped() ? "time_ratio_below" : "time_ratio", dl.seconds() / py.seconds());
            }
        }
        System.out.printf(Locale.ROOT, "%-3s depthlimit %8.2f s %7.0f MB | PyTorch %s | ratio %s%s%s%n", w, dl.seconds(), dl.peakMb(),
                py == null ? "unavailable" : py.stopped()
                        ? String.format(Locale.ROOT, "> %.0f s (stopped unfinished, %.0f MB then)", py.seconds(), py.peakMb())
                        : String.format(Locale.ROOT, "%8.2f s %7.0f MB", py.seconds(), py.peakMb()),
                py == null ? "-" : String.format(Locale.ROOT, "%s%.3f", py.stopped() ? "< " : "", dl.seconds() / py.seconds()), reduced,
                w.equals("W2") ? " (depthlimit JVM: " + String.join(" ", w2Heap()) + ")" : "");
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
        System.out.println("  (per CPU second: the rate over this thread's CPU time on one thread, over the process's CPU"
                + " time on several, i.e. per busy thread; on a shared machine it is the fairer comparison, the wall-clock"
                + " rate the user's)");
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

    /**
     * Wall seconds and peak RSS (MB) of one timed process tree. {@code stopped}: the run was stopped at its time limit
     * unfinished, so the seconds are a lower bound and the RSS the peak until then.
     */
    record Timing(double seconds, double peakMb, boolean stopped) {}

    /**
     * The command under /usr/bin/time; null when it could not run or failed. With {@code limitSeconds} > 0 a run
     * still going then is stopped (its whole process tree) and reported as {@link Timing#stopped}, its peak RSS read
     * from /proc (VmHWM, the largest process of the tree, as /usr/bin/time's %M would have reported).
     */
    static Timing timed(Path timeFile, Path log, List<String> cmd, double limitSeconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-o", timeFile.toString(), "-f", "%e %M"));
        full.addAll(cmd);
        String what = String.join(" ", cmd.subList(0, Math.min(3, cmd.size()))) + " …";    // for the messages below
        long start = System.nanoTime();
        Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (limitSeconds > 0 && !p.waitFor((long) (limitSeconds * 1000), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            double peakKb = p.descendants().mapToDouble(BenchCommand::peakRssKb).max().orElse(0);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
            System.out.printf(Locale.ROOT, "  (%s stopped after %.0f s, its limit; log: %s)%n", what, seconds, log);
            return new Timing(seconds, peakKb / 1024, true);
        }
        int rc = p.waitFor();
        if (rc != 0 || !Files.exists(timeFile)) {
            System.out.println("  (" + what + " exited with " + rc + "; log: " + log + ")");
            return null;
        }
        String[] f = Files.readString(timeFile).trim().lines().reduce((a, b) -> b).orElse("").split("\\s+");
        return new Timing(Double.parseDouble(f[0]), Double.parseDouble(f[1]) / 1024, false);
    }

    /** VmHWM of a running process in kB (0 when it has gone or /proc is absent). */
    private static double peakRssKb(ProcessHandle h) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmHWM:")).mapToDouble(l -> Double.parseDouble(l.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
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

    // ------------------------------------------------------------------ W4: dp853 against SciPy's DOP853

    private static final double W4_T = 0.5, W4_RTOL = 1e-8, W4_ATOL = 1e-10;

    private int[] w4Depths() {
        return java.util.Arrays.stream(W1_DEPTHS).filter(L -> L <= maxDepth).toArray();
    }

    /**
     * W4: the gradient flow (4) at W1's depths by dp853 to T = 0.5 (rtol 1e-8, atol 1e-10, the spec defaults) in one
     * depthlimit process, then the same flow from the same exported initial point and data by SciPy's
     * solve_ivp(method="DOP853") ({@code bench/scipy_flow.py}, its own NumPy right-hand side) in another; per depth the
     * right-hand-side evaluations, the in-process times and their ratios, and how far apart the two states at T are.
     */
    private Map<String, Object> w4() throws Exception {
        Path dir = Files.createDirectories(out.resolve("W4"));
        int[] depths = w4Depths();
        String list = java.util.Arrays.stream(depths).mapToObj(String::valueOf).reduce((a, b) -> a + "," + b).orElse("");
        Map<String, Object> r = new LinkedHashMap<>();
        Timing dl = timed(dir.resolve("time-depthlimit.txt"), dir.resolve("log-depthlimit.txt"),
                javaCommand("bench", "--child", "W4", "--out", dir.toString(), "--max-depth", "" + maxDepth,
                        "--threads", "" + Parallel.threads()), 0);
        if (dl == null) return r;
        r.put("depthlimit_seconds", dl.seconds());
        r.put("depthlimit_peak_mb", dl.peakMb());
        Map<?, ?> mine = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("depthlimit.json")));
        r.put("depthlimit", mine);
        Map<?, ?> theirs = null;
        if (!noPytorch) {
            Files.deleteIfExists(dir.resolve("scipy.json"));           // a stopped run writes none: never read an older one
            Timing py = timed(dir.resolve("time-scipy.txt"), dir.resolve("log-scipy.txt"), List.of("env",
                    "OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1", python,
                    script("scipy_flow.py"), "--dir", dir.toString(), "--depths", list, "--T", "" + W4_T, "--rtol",
                    "" + W4_RTOL, "--atol", "" + W4_ATOL, "--out", dir.resolve("scipy.json").toString()), pytorchTimeout);
            if (py != null) {
                r.put(py.stopped() ? "scipy_seconds_at_least" : "scipy_seconds", py.seconds());
                r.put(py.stopped() ? "scipy_peak_mb_when_stopped" : "scipy_peak_mb", py.peakMb());
            }
            if (Files.exists(dir.resolve("scipy.json"))) {
                theirs = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("scipy.json")));
                r.put("scipy", theirs);
            }
        }
        System.out.printf(Locale.ROOT, "W4  gradient flow (4), dp853 to T = %s, rtol %s, atol %s; depthlimit (%s) against "
                + "SciPy %s DOP853 (one thread), same initial point and data; depthlimit on %d thread(s); times in-process, "
                + "this run%n", W4_T, W4_RTOL, W4_ATOL, mine.get("integrator"), theirs == null ? "(unavailable)" : theirs.get("scipy"),
                ((Number) mine.get("threads")).intValue());
        System.out.printf(Locale.ROOT, "  %5s %8s %9s %9s %10s %10s | %8s %9s %9s | %10s %10s %10s%n", "L", "evals", "acc+rej",
                "seconds", "outside f", "(CPU)", "nfev", "accepted", "seconds", "eval ratio", "time ratio", "|Δθ(T)|/tol");
        List<Object> rows = new ArrayList<>();
        for (Object o : (List<?>) mine.get("rows")) {
            Map<?, ?> a = (Map<?, ?>) o;
            int L = ((Number) a.get("L")).intValue();
            Map<?, ?> b = null;
            if (theirs != null)
                for (Object x : (List<?>) theirs.get("rows"))
                    if (((Number) ((Map<?, ?>) x).get("L")).intValue() == L) b = (Map<?, ?>) x;
            double ev = ((Number) a.get("rhs_evaluations")).doubleValue(), sec = ((Number) a.get("seconds")).doubleValue();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("L", L);
            String ratio = "-", tratio = "-", diff = "-", nfev = "-", st = "-", ssec = "-";
            if (b != null) {
                double nf = ((Number) b.get("nfev")).doubleValue(), ss = ((Number) b.get("seconds")).doubleValue();
                row.put("eval_ratio", ev / nf);
                row.put("time_ratio", sec / ss);
                ratio = String.format(Locale.ROOT, "%.3f", ev / nf);
                tratio = String.format(Locale.ROOT, "%.3f", sec / ss);
                nfev = String.valueOf((long) nf);
                st = String.valueOf(((Number) b.get("steps")).longValue());
                if (b.get("rhs0_max_rel_diff") instanceof Number f0) row.put("rhs0_max_rel_diff", f0.doubleValue());
                if (b.get("max_diff_over_tolerance") instanceof Number dd) row.put("max_diff_over_tolerance", dd.doubleValue());
                ssec = String.format(Locale.ROOT, "%.2f", ss);
                if (b.get("max_diff_over_tolerance") instanceof Number dd) diff = String.format(Locale.ROOT, "%.2g", dd.doubleValue());
            }
            rows.add(row);
            System.out.printf(Locale.ROOT, "  %5d %8d %9s %9.2f %9.0f%% %10s | %8s %9s %9s | %10s %10s %10s%n", L, (long) ev,
                    ((Number) a.get("accepted_steps")).longValue() + "+" + (a.get("rejected_steps") instanceof Number rj ? String.valueOf(rj.longValue()) : "?"), sec,
                    100 * (1 - ((Number) a.get("rhs_seconds")).doubleValue() / sec),
                    a.get("outside_rhs_cpu_share") instanceof Number share ? String.format(Locale.ROOT, "%.0f%%", 100 * share.doubleValue()) : "-", nfev, st, ssec, ratio, tratio, diff);
        }
        r.put("rows", rows);
        System.out.println("  (evals: the integrator's right-hand-side evaluations, the two metric evaluations at t = 0 and T"
                + " aside; outside f: the share of depthlimit's integration wall time spent outside the right-hand side,"
                + " (CPU): the same share of CPU time, 1 − (evaluations × CPU per gradient, measured after the run) / the"
                + " run's CPU time (this thread's; shown with --threads 1 only);"
                + " |Δθ(T)|/tol: max over entries of |θ_depthlimit − θ_SciPy| / (atol + rtol |θ|) at T; the right-hand"
                + " sides at t = 0 agree to " + rows.stream().map(x -> ((Map<?, ?>) x).get("rhs0_max_rel_diff"))
                .filter(java.util.Objects::nonNull).map(x -> String.format(Locale.ROOT, "%.1e", (Double) x))
                .reduce((x, y) -> x.compareTo(y) >= 0 ? x : y).orElse("-") + " relative)");
        return r;
    }

    // ------------------------------------------------------------------ child: one workload in this process

    private int runChild(String w) throws Exception {
        Map<String, Object> r = switch (w) {
            case "W2" -> w2();
            case "W3" -> w3();
            case "W4" -> w4Child();
            case "kernel" -> kernelRows();
            default -> throw new InputError("--child", "unknown workload " + w);
        };
        Files.writeString(out.resolve(w.equals("kernel") ? "kernel.json" : "depthlimit.json"), Json.write(r) + "\n");
        return Main.EXIT_OK;
    }

    /**
     * Activation budget of the bench's trainings, 8 MiB ({@link Backprop#storedBytes}): W2 holds eleven networks at
     * once, so each one deeper than L = 108 at n = 100 keeps its h_k only every ⌈√L⌉ layers and reruns the forward
     * pass segment by segment (same bits; 12 MB instead of 1.26 GB at L = 16384). W3's network (L = 64, 4 MB) is
     * below it.
     */
    static final long ACTIVATION_BUDGET = 8L << 20;

    /**
     * One training as {@code train} runs it (same bits), checkpointed above {@link #ACTIVATION_BUDGET}; θ(0) is
     * stepped in place (no local keeps it), so that at L = 16384 no second 134 MB vector stays alive.
     */
    private static TrainingResult train(String json, TrajectoryObserver o) {
        ExperimentSpec s = ExperimentSpec.parse(parse(json), Path.of("."));
        Trainer t = new Trainer(new Backprop(s.architecture(), s.createData(), ACTIVATION_BUDGET), s.train());
        if (o != null) t.observe(o);
        return t.runInPlace(s.createParameters().theta);
    }

    private static Object parse(String json) {
        try {
            return Json.parse(json);
        } catch (Json.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final int[] W2_DEPTHS = {2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    /**
     * Heap options of W2's depthlimit process (printed with its row and recorded in bench.json; options given to the
     * launcher come later on the command line and override them). Its live data are 0.34 GB at R = 16384 (θ and
     * ∇ℓ of the reference, 134 MB each); left to itself, G1 grew the heap to about 2 GB while the Vector API code
     * warmed up (every vector boxed until C2 compiles the loops), for a peak near 1 GB resident. The cap and the
     * small young generation keep the process under 0.5 GB. The cap is 192 MB plus twice the reference's θ in
     * whole 32 MB heap regions (the launcher's region size): 512 MB at R = 16384, 256 MB at R = 2048. The other
     * workloads run with the JVM's defaults: their peaks are those of their own data (and W1's are the train
     * command's, as a user runs it).
     */
    private List<String> w2Heap() {
        long theta = 8L * ExperimentSpec.parse(parse(fig1Spec(reference, 0, 0, "{\"method\": \"gd\", \"eta\": 0.01, \"steps\": 1}")),
                Path.of(".")).architecture().size();
        long regions = (theta + (32L << 20) - 1) / (32L << 20);
        return List.of("-Xmx" + (192 + 2 * 32 * regions) + "m", "-XX:MaxNewSize=32m");
    }
    private static final int W2_STEPS = 50;

    /**
     * Figure 1 right as the authors compute it: for L = 2, 4, …, 1024 and every step t, √(Σ_{i<L} ‖V^L_i(t) −
     * V^R_{⌊iR/L⌋}(t)‖²_F / L) and the same for W (0-based layers). The reference and the ten coarse runs train in
     * lock-step, each on its own thread and taking turns ({@link Turns}: reference, L = 2, …, L = 1024, reference, …;
     * one training computes at a time, on all threads of the gradient kernel, as when they ran one after the other):
     * the reference's turn ends with step t's gradient and a copy of the layers that some L needs (the multiples of
     * R/1024, 8 MB) in one shared buffer; each coarse run's turn ends with its step t and its distances to that
     * buffer. Nothing is kept across steps (keeping the layers of all 51 steps cost 428 MB at R = 16384). Every run
     * is deterministic and each distance is the same sum in the same order as before, so the bits are those of
     * sequential runs.
     */
    private Map<String, Object> w2() throws InterruptedException {
        String gd = "{\"method\": \"gd\", \"eta\": 0.01, \"steps\": " + W2_STEPS + ", \"sampleEverySteps\": " + W2_STEPS + "}";
        int R = reference;
        warmUp(gd);
        TreeSet<Integer> need = new TreeSet<>();
        for (int L : W2_DEPTHS) for (int i = 0; i < L; i++) need.add((int) ((long) i * R / L));
        int[] layers = need.stream().mapToInt(Integer::intValue).toArray();
        Architecture ra = ExperimentSpec.parse(parse(fig1Spec(R, 0, 0, gd)), Path.of(".")).architecture();
        int lv = ra.layerV(), lw = ra.layerW();
        double[] ref = new double[layers.length * (lv + lw)];         // the reference's needed layers at step refStep
        long[] refStep = {-1};                                        // written and read in turns only
        Turns turns = new Turns(1 + W2_DEPTHS.length);                // party 0: the reference; 1 + c: W2_DEPTHS[c]
        double[][] maxD = new double[W2_DEPTHS.length][2], lastD = new double[W2_DEPTHS.length][2];
        Throwable[] failures = new Throwable[W2_DEPTHS.length];
        Thread[] coarse = new Thread[W2_DEPTHS.length];
        for (int c = 0; c < W2_DEPTHS.length; c++) {
            final int slot = c, depth = W2_DEPTHS[c];
            Architecture a = ExperimentSpec.parse(parse(fig1Spec(depth, 0, 0, gd)), Path.of(".")).architecture();
            coarse[c] = new Thread(() -> inTurns(turns, 1 + slot, () -> train(fig1Spec(depth, 0, 0, gd), new TrajectoryObserver() {
                public void step(long step, double t, double[] th) {
                    if (refStep[0] != step)
                        throw new IllegalStateException("the reference run ended after step " + refStep[0] + " of " + W2_STEPS);
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
                    lastD[slot][0] = Math.sqrt(sv / depth);
                    lastD[slot][1] = Math.sqrt(sw / depth);
                    maxD[slot][0] = Math.max(maxD[slot][0], lastD[slot][0]);
                    maxD[slot][1] = Math.max(maxD[slot][1], lastD[slot][1]);
                    turnEnds(turns, 1 + slot, step);
                }

                public void sample(int index, double t, long step, double[] th, double loss, double[] grad) {}
            }), failures, slot), "W2 L=" + depth);
            coarse[c].start();
        }
        Throwable[] refFailure = new Throwable[1];
        inTurns(turns, 0, () -> train(fig1Spec(R, 0, 0, gd), new TrajectoryObserver() {
            public void step(long step, double t, double[] th) {
                for (int j = 0; j < layers.length; j++) {
                    System.arraycopy(th, ra.offV() + layers[j] * lv, ref, j * (lv + lw), lv);
                    System.arraycopy(th, ra.offW() + layers[j] * lw, ref, j * (lv + lw) + lv, lw);
                }
                refStep[0] = step;
                turnEnds(turns, 0, step);
            }

            public void sample(int index, double t, long step, double[] th, double loss, double[] grad) {}
        }), refFailure, 0);
        for (Thread th : coarse) th.join();
        if (refFailure[0] != null) throw new IllegalStateException("W2 reference: " + refFailure[0], refFailure[0]);
        Map<String, Object> r = new LinkedHashMap<>();
        for (int c = 0; c < W2_DEPTHS.length; c++) {
            if (failures[c] != null) throw new IllegalStateException("W2 at L = " + W2_DEPTHS[c] + ": " + failures[c], failures[c]);
            r.put(String.valueOf(W2_DEPTHS[c]), Map.of("dist_V_last", lastD[c][0], "dist_W_last", lastD[c][1],
                    "dist_V_max", maxD[c][0], "dist_W_max", maxD[c][1]));
        }
        return Map.of("reference", R, "distances", r);
    }

    /**
     * JIT warm-up of the gradient kernel for 1.5 s on two small networks (L = 64 checkpointed, on the kernel's
     * threads; L = 4, the fused one-thread pass), before the big vectors exist. Until C2 has compiled the Vector API
     * loops they run as plain Java and box every vector (gigabytes of garbage per second): done during the
     * reference's first steps instead, that garbage grew the heap by a gigabyte beside the 0.3 GB of live vectors.
     */
    private static void warmUp(String gd) {
        ExperimentSpec s = ExperimentSpec.parse(parse(fig1Spec(64, 0, 0, gd)), Path.of("."));
        Dataset data = s.createData();
        Backprop deep = new Backprop(s.architecture(), data, 0), shallow = new Backprop(s.architecture().withDepth(4), data);
        double[] theta = s.createParameters().theta, g = new double[theta.length];
        double[] theta4 = ExperimentSpec.parse(parse(fig1Spec(4, 0, 0, gd)), Path.of(".")).createParameters().theta;
        double[] g4 = new double[theta4.length];
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 1.5e9) {
            deep.lossAndGradient(theta, g);
            shallow.lossAndGradient(theta4, g4);
        }
    }

    /** Party p's whole training in its turns: waits for its first turn, records a failure, always leaves. */
    private static void inTurns(Turns turns, int p, Runnable run, Throwable[] failures, int slot) {
        turns.await(p);
        try {
            run.run();
        } catch (Throwable e) {
            failures[slot] = e;
        } finally {
            turns.leave(p, true);      // a party past its last step has left already (then nothing happens)
        }
    }

    /** End of party p's turn at step {@code step}: the next party's turn; then wait for p's next one, if any. */
    private static void turnEnds(Turns turns, int p, long step) {
        if (step == W2_STEPS) {
            turns.leave(p, true);
            return;
        }
        turns.pass(p);
        turns.await(p);
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

    /**
     * W4's depthlimit side: per depth, exports X, Y, V(0), W(0) and the right-hand side at t = 0 (F0: the flow's
     * V and W blocks) as .npy for the SciPy side, integrates with dp853 sampling only t = 0 and T, and exports the
     * state at T. Seconds are the integration's wall time in this process (JIT warm-up included: depths run
     * shallow to deep).
     */
    private Map<String, Object> w4Child() throws IOException {
        List<Object> rows = new ArrayList<>();
        var os = ManagementFactory.getOperatingSystemMXBean();
        String integrator = null;
        // JIT warm-up of the gradient kernel (the Vector API path runs orders of magnitude slower until C2 compiles
        // it: 11 s instead of 0.01 s for the first depth without this), untimed, as in the kernel workload
        {
            ExperimentSpec s = ExperimentSpec.parse(parse(fig1Spec(64, 0, 0, "{\"method\": \"dp853\", \"T\": 1}")), Path.of("."));
            Backprop bp = new Backprop(s.architecture(), s.createData());
            double[] theta = s.createParameters().theta, g = new double[theta.length];
            long w0 = System.nanoTime();
            while (System.nanoTime() - w0 < 2e9) bp.lossAndGradient(theta, g);
            // and the integrator's own code, on the smallest depth (untimed)
            ExperimentSpec s2 = ExperimentSpec.parse(parse(fig1Spec(2, 0, 0, "{\"method\": \"dp853\", \"T\": 1}")), Path.of("."));
            for (int i = 0; i < 3; i++)
                new Trainer(new Backprop(s2.architecture(), s2.createData()), TrainSpec.adaptive(Method.DP853, W4_T, W4_RTOL,
                        W4_ATOL, 200_000, Double.NaN)).run(s2.createParameters().theta);
        }
        for (int L : w4Depths()) {
            ExperimentSpec s = ExperimentSpec.parse(parse(fig1Spec(L, 2, 2, "{\"method\": \"dp853\", \"T\": " + W4_T
                    + ", \"rtol\": " + W4_RTOL + ", \"atol\": " + W4_ATOL + "}")), Path.of("."));
            Architecture a = s.architecture();
            Dataset data = s.createData();
            depthlimit.model.Parameters p = s.createParameters();
            Path d = Files.createDirectories(out.resolve("L" + L));
            depthlimit.io.Npy.write(d.resolve("X.npy"), data.x(), data.n(), a.d());
            depthlimit.io.Npy.write(d.resolve("Y.npy"), data.y(), data.n(), a.dOut());
            depthlimit.io.Npy.write(d.resolve("V0.npy"), p.v(), L, a.q(), a.m());
            depthlimit.io.Npy.write(d.resolve("W0.npy"), p.w(), L, a.m(), a.q());
            double[] f0 = new double[a.size()];
            new depthlimit.flow.GradientFlow(new Backprop(a, data), Double.NaN).rhs(0, p.theta, f0);
            depthlimit.io.Npy.write(d.resolve("F0.npy"), java.util.Arrays.copyOfRange(f0, a.offV(), a.offB()), a.offB() - a.offV());
            TrainSpec ts = TrainSpec.adaptive(Method.DP853, W4_T, W4_RTOL, W4_ATOL, 200_000, Double.NaN);
            Trainer t = new Trainer(new Backprop(a, data), ts);
            integrator = t.integratorName();
            long cpu0 = cpuNanos(os);
            long t0 = System.nanoTime();
            TrainingResult res = t.run(p.theta);
            double sec = (System.nanoTime() - t0) / 1e9;
            long cpu1 = cpuNanos(os);
            // CPU time per gradient evaluation at this depth, measured right after on the same state: the run's CPU
            // time minus (evaluations × that) is the integrator's own, a share that a loaded machine's waiting for
            // the CPU does not distort as it does the wall-clock split
            Backprop probe = new Backprop(a, data);
            double[] g = new double[a.size()];
            int reps = (int) Math.max(5, res.stats().rhsEvaluations() / 4);
            long e0 = cpuNanos(os);
            for (int i = 0; i < reps; i++) probe.lossAndGradient(res.finalTheta(), g);
            double cpuPerEval = (cpuNanos(os) - e0) / 1e9 / reps;
            double runCpu = (cpu1 - cpu0) / 1e9;
            double outsideCpu = 1 - (res.stats().rhsEvaluations() + res.stats().metricEvaluations()) * cpuPerEval / runCpu;
            depthlimit.model.Parameters fin = new depthlimit.model.Parameters(a, res.finalTheta());
            depthlimit.io.Npy.write(d.resolve("V_T.npy"), fin.v(), L, a.q(), a.m());
            depthlimit.io.Npy.write(d.resolve("W_T.npy"), fin.w(), L, a.m(), a.q());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("L", L);
            row.put("status", String.valueOf(res.status()));
            row.put("rhs_evaluations", res.stats().rhsEvaluations());
            row.put("metric_evaluations", res.stats().metricEvaluations());
            row.put("accepted_steps", res.stats().acceptedSteps());
            row.put("rejected_steps", res.stats().rejectedSteps());
            row.put("seconds", sec);
            row.put("cpu_seconds", runCpu);
            row.put("cpu_seconds_per_gradient", cpuPerEval);
            // on one thread only: the process's CPU time (other threads, 10 ms ticks) would not resolve it
            row.put("outside_rhs_cpu_share", Parallel.threads() == 1 ? outsideCpu : null);
            row.put("rhs_seconds", res.stats().rhsSeconds());
            row.put("loss_T", res.finalLoss());
            rows.add(row);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("integrator", integrator);
        r.put("threads", (long) Parallel.threads());
        r.put("rows", rows);
        return r;
    }

    /** CPU time of this thread when the kernel runs on it alone (nanosecond resolution), else of the process. */
    private static long cpuNanos(java.lang.management.OperatingSystemMXBean os) {
        if (Parallel.threads() == 1) return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** Loss+gradient at n = 100, q = d = 16, m = 32, L = 1024: best of 5 rounds of ≥ 0.7 s after a 2 s warm-up. */
    private static Map<String, Object> kernelRows() {
        List<Object> rows = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        // time the path a long run uses: the vector kernels once compiled (they take over from the scalar ones in
        // the background within seconds; same bits)
        Backprop.awaitVectorKernels(60_000);
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
                var os = ManagementFactory.getOperatingSystemMXBean();
                for (int round = 0; round < 5; round++) {
                    int reps = 0;
                    t0 = System.nanoTime();
                    long c0 = cpuNanos(os);
                    while (System.nanoTime() - t0 < 0.7e9) { bp.lossAndGradient(theta, grad); reps++; }
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9 / reps);
                    long c1 = cpuNanos(os);
                    if (c0 >= 0 && c1 >= 0) bestCpu = Math.min(bestCpu, (c1 - c0) / 1e9 / reps);
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
                // per CPU second: this thread's CPU time on one thread, the whole process's on several (then the
                // rate per CPU second is the rate per busy thread, fork/join waiting and JIT/GC threads included)
                row.put("gflops_cpu", Double.isInfinite(bestCpu) ? null : arch.flopsPerGradient(100) / bestCpu / 1e9);
                row.put("bytes_per_eval", bytes);
                rows.add(row);
            }
        return Map.of("rows", rows);
    }
}
