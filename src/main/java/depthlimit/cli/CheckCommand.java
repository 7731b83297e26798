package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.claims.Claim;
import depthlimit.claims.ClaimCatalogue;
import depthlimit.claims.Scale;
import depthlimit.claims.Verdict;
import depthlimit.io.AtomicFiles;
import depthlimit.io.Json;
import depthlimit.model.Backprop;
import depthlimit.model.Parallel;
import depthlimit.report.MarkdownReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code depthlimit check}: runs the claims catalogue and reports a verdict with its evidence for each. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the paper's claims (26, numbered as in 'check --list'; described in docs/claims.md): each gets CONFIRMED, NOT CONFIRMED or INCONCLUSIVE with its evidence.",
                "Prints a table and writes DIR/index.html (the report with plots), DIR/claims.json and DIR/report.md. Exit code 0 when every claim run is CONFIRMED, 1 otherwise."})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--claim", paramLabel = "ID", description = "Claim to run (repeatable; default: all).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--scale", paramLabel = "ci|paper", description = "Problem sizes (default: ci); a paper run first prints its estimated time.")
    String scale = "ci";

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random choice (default: 1).")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory: new, empty, or a previous check output (replaced whole unless --resume).")
    Path out;

    @Option(names = "--claim-timeout", paramLabel = "SECONDS", description = "Wall-clock limit of each claim; a claim that "
            + "runs out of it is INCONCLUSIVE (timeout) and the run moves on (default: 600 at ci, 7200 at paper scale).")
    Double claimTimeout;

    @Option(names = "--resume", description = {"Keep the finished claims in DIR (same claim, scale, seed and version) and run only",
            "the missing or failed ones."})
    boolean resume;

    @Option(names = "--list", description = "List the claim ids and titles and exit.")
    boolean list;

    @Option(names = "--quiet", description = "No progress lines on stderr (claim i of n, elapsed, estimated remaining).")
    boolean quiet;

    public Integer call() throws IOException {
        List<Claim> all = ClaimCatalogue.all();
        if (list) {
            for (Claim c : all) System.out.printf("%-34s %3d  %s%n", c.id(), c.number(), c.title());
            return Main.EXIT_OK;
        }
        Scale sc = Scale.of(scale);
        if (sc == null) throw new InputError("--scale", "expected ci or paper, got \"" + scale + "\"");
        if (out == null) throw new InputError("--out", "missing (expected the output directory)");
        List<Claim> chosen = new ArrayList<>();
        for (String id : ids)
            chosen.add(ClaimCatalogue.byId(id).orElseThrow(() -> new InputError("--claim", "unknown claim \"" + id
                    + "\" (see 'depthlimit check --list')")));
        if (chosen.isEmpty()) chosen = all;
        Path dir = OutputDir.prepare(out, "check", resume);
        StringBuilder line = new StringBuilder("bin/depthlimit check");
        for (String id : ids) line.append(" --claim ").append(id);
        Boolean ok = runClaims("check", chosen, sc, seed, dir, resume, timeout(claimTimeout, sc), Map.of(), new ArrayList<>(),
                line.toString(), quiet);
        return ok ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    /** The per-claim time limit: the option, or the scale's default. */
    static double timeout(Double option, Scale sc) {
        if (option == null) return ClaimCatalogue.defaultTimeoutSeconds(sc);
        if (!(option > 0) || option.isInfinite())
            throw new InputError("--claim-timeout", "expected a positive number of seconds, got " + option);
        return option;
    }

    /** The resume key of a claim's result: a hash of its resolved configuration (claim id, scale, seed, version). */
    static String configHash(Claim c, Scale sc, long seed) {
        return Hashes.of("claim=" + c.id() + "\nscale=" + sc.label() + "\nseed=" + seed + "\nversion=" + Main.version());
    }

    /** Writes DIR/run.json: the run's status ("running", "interrupted", "completed") and which claims are done. */
    static void writeStatus(Path dir, String command, String status, Scale sc, long seed, List<Claim> chosen,
                            List<Map<String, Object>> results, Map<String, Object> extra) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("status", status);
        m.put("scale", sc.label());
        m.put("seed", seed);
        m.put("claims_total", chosen.size());
        m.put("claims_done", results.size());
        m.putAll(extra);
        m.put("depthlimit_version", Main.version());
        AtomicFiles.writeString(dir.resolve("run.json"), Json.write(m));
    }

    /**
     * Runs the claims, prints the table, writes claims.json (kept current, each write atomic), report.md, index.html and
     * run.json with the status; true if all CONFIRMED. With {@code resume}, results already in DIR/claims.json
     * under the same configuration hash are kept (an "error", "timeout" or "interrupted" outcome is rerun). On SIGINT/SIGTERM the finished
     * claims stay in claims.json, run.json says "interrupted" and the process exits with 130.
     */
    static boolean runClaims(String command, List<Claim> chosen, Scale sc, long seed, Path dir, boolean resume,
                             double timeoutSeconds, Map<String, Object> extra, List<ClaimCatalogue.Result> done,
                             String commandLine, boolean quiet) throws IOException {
        java.time.Instant started = java.time.Instant.now();
        Map<String, Map<String, Object>> previous = resume ? previousResults(dir.resolve("claims.json")) : Map.of();
        List<Map<String, Object>> results = new ArrayList<>();
        Object lock = new Object();
        Interrupts.onSignal(() -> {
            synchronized (lock) { // no further write of claims.json or run.json can start after this one
                try {
                    writeStatus(dir, command, "interrupted", sc, seed, chosen, results, extra);
                } catch (IOException | RuntimeException ignored) {
                    // nothing more can be done: run.json then still says "running", which a reader treats as partial
                }
                System.out.flush();
                System.err.println("\ninterrupted (" + Interrupts.received() + "); " + results.size() + " of " + chosen.size()
                        + " claims finished in " + dir.resolve("claims.json") + "; continue with --resume");
                Runtime.getRuntime().halt(Interrupts.EXIT_INTERRUPTED);
            }
        });
        synchronized (lock) {
            writeStatus(dir, command, "running", sc, seed, chosen, results, extra);
        }
        if (sc == Scale.PAPER && !quiet) {
            List<Claim> toRun = new ArrayList<>();
            for (Claim c : chosen) if (!previous.containsKey(configHash(c, sc, seed))) toRun.add(c);
            System.err.println(paperEstimate(toRun, timeoutSeconds, Parallel.threads(), Backprop.vectorBits()));
        }
        boolean allConfirmed = true;
        int reused = 0;
        System.out.printf("%-34s %-14s %9s  %s%n", "claim", "verdict", "seconds", "key figure");
        // the claims not kept from a previous run start at once on the runner threads; their rows are printed and
        // written in catalogue order as they become available
        List<Claim> toRun = new ArrayList<>();
        for (Claim c : chosen) if (!previous.containsKey(configHash(c, sc, seed))) toRun.add(c);
        RunProgress progress = new RunProgress(toRun.size(), started);
        List<java.util.concurrent.CompletableFuture<ClaimCatalogue.Result>> running = ClaimCatalogue.start(toRun, sc, seed,
                timeoutSeconds, Parallel.threads(), quiet ? ClaimCatalogue.Listener.NONE : progress);
        int next = 0;
        for (Claim c : chosen) {
            String hash = configHash(c, sc, seed);
            Map<String, Object> m = previous.get(hash);
            String verdict, keyFigure, summary;
            double seconds;
            if (m != null) {
                reused++;
                verdict = String.valueOf(m.get("verdict"));
                keyFigure = String.valueOf(m.get("key_figure"));
                summary = String.valueOf(m.get("summary"));
                seconds = m.get("wall_seconds") instanceof Number n ? n.doubleValue() : Double.NaN;
                done.add(fromMap(c, m, sc, seed)); // tables and figures of a kept result, without its plots
            } else {
                ClaimCatalogue.Result r = running.get(next++).join();
                done.add(r);
                m = new LinkedHashMap<>(r.toMap());
                m.put("config_hash", hash);
                verdict = r.outcome().verdict().toString();
                keyFigure = r.outcome().keyFigure();
                summary = r.outcome().summary();
                seconds = r.wallSeconds();
            }
            allConfirmed &= Verdict.CONFIRMED.toString().equals(verdict);
            System.out.printf(Locale.ROOT, "%-34s %-14s %9.1f  %s%s%n", c.id(), verdict, seconds, keyFigure,
                    previous.containsKey(hash) ? "  (resumed)" : "");
            if (!Verdict.CONFIRMED.toString().equals(verdict)) System.out.printf("%-34s   %s%n", "", summary);
            synchronized (lock) {
                results.add(m);
                AtomicFiles.writeString(dir.resolve("claims.json"), Json.write(results)); // kept current during long runs
                writeStatus(dir, command, "running", sc, seed, chosen, results, extra);
            }
        }
        synchronized (lock) {
            AtomicFiles.writeString(dir.resolve("report.md"), MarkdownReport.render("depthlimit claims (scale " + sc.label() + ", seed " + seed + ")", results));
            HtmlPages.write(dir, commandLine, sc, seed, done, null, started, List.of());
        }
        long confirmed = results.stream().filter(m -> "CONFIRMED".equals(m.get("verdict"))).count();
        System.out.printf("%d of %d claims CONFIRMED (scale %s, seed %d%s); wrote %s%n", confirmed, results.size(), sc.label(), seed,
                reused > 0 ? ", " + reused + " kept from the previous run" : "", dir.resolve("claims.json"));
        if (command.equals("check")) {
            synchronized (lock) {
                writeStatus(dir, command, "completed", sc, seed, chosen, results, extra);
            }
        }
        return allConfirmed;
    }

    /** Finished results of an earlier run, by configuration hash (outcomes "error", "timeout" and "interrupted" are left out: they are rerun). */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> previousResults(Path claimsJson) {
        Map<String, Map<String, Object>> byHash = new LinkedHashMap<>();
        if (!Files.isRegularFile(claimsJson)) return byHash;
        try {
            if (Json.parse(Files.readString(claimsJson)) instanceof List<?> list)
                for (Object o : list)
                    if (o instanceof Map<?, ?> m && m.get("config_hash") instanceof String h && m.get("verdict") != null
                            && !List.of("error", "timeout", "interrupted").contains(String.valueOf(m.get("key_figure"))))
                        byHash.put(h, (Map<String, Object>) m);
        } catch (IOException | Json.ParseException e) {
            // an unreadable claims.json is no result: everything is rerun
        }
        return byHash;
    }

    /** A result kept from an earlier run (--resume), rebuilt from its claims.json entry: verdict, summary, tables and studies. */
    @SuppressWarnings("unchecked")
    static ClaimCatalogue.Result fromMap(Claim c, Map<String, Object> m, Scale sc, long seed) {
        depthlimit.claims.Evidence e = new depthlimit.claims.Evidence();
        if (m.get("evidence") instanceof Map<?, ?> ev)
            ((Map<String, Object>) ev).forEach((k, v) -> {
                // the plotted studies go back where they came from, so that the report shows the kept result as before
                if (!k.equals(depthlimit.claims.Evidence.STUDIES)) e.put(k, v);
                else if (v instanceof Map<?, ?> byPlot)
                    ((Map<String, Object>) byPlot).forEach((plot, s) -> {
                        if (s instanceof Map<?, ?> byLabel) e.studies(plot, (Map<String, Object>) byLabel);
                    });
            });
        Verdict v = Verdict.valueOf(String.valueOf(m.get("verdict")).replace(' ', '_'));
        double seconds = m.get("wall_seconds") instanceof Number n ? n.doubleValue() : Double.NaN;
        return new ClaimCatalogue.Result(c, new depthlimit.claims.Outcome(v, String.valueOf(m.get("summary")),
                String.valueOf(m.get("key_figure")), e), seed, sc, seconds);
    }

    /**
     * The line printed before a paper-scale run: the makespan of the claims' {@link Claim#paperSeconds} (each capped at
     * the per-claim time limit) scheduled as the run schedules them, longest first onto whichever of the
     * {@code runners} frees first. The seconds are wall times measured at seed 1 in a 2-thread run on an idle 2-core
     * AVX2 machine, scaled by {@link Claim#AVX512_TIME_RATIO} when {@code vectorBits} ≥ 512 ({@link Backprop#vectorBits});
     * hence an estimate for an idle 2-core machine; claims without an estimate are named.
     */
    static String paperEstimate(List<Claim> toRun, double timeoutSeconds, int runners, int vectorBits) {
        double factor = vectorBits >= 512 ? Claim.AVX512_TIME_RATIO : 1;
        List<Double> secs = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Claim c : toRun)
            if (Double.isNaN(c.paperSeconds())) unknown.add(c.id());
            else secs.add(Math.min(factor * c.paperSeconds(), timeoutSeconds));
        secs.sort(java.util.Comparator.reverseOrder());
        double[] load = new double[Math.max(1, runners)];
        for (double x : secs) {
            int free = 0;
            for (int r = 1; r < load.length; r++) if (load[r] < load[free]) free = r;
            load[free] += x;
        }
        double span = java.util.Arrays.stream(load).max().orElse(0);
        String total = span < 0.5 ? "under a second" : span < 120 ? String.format(Locale.ROOT, "%.0f s", span) : String.format(Locale.ROOT, "%.0f min", span / 60);
        String basis = "per-claim times measured at seed 1 with 2 threads on a 2-core AVX2 machine" + (vectorBits >= 512
                ? String.format(Locale.ROOT, ", × %.2f for this JVM's %d-bit vectors", factor, vectorBits)
                : vectorBits > 0 ? ", as this JVM's " + vectorBits + "-bit vectors"
                : "; this JVM runs the scalar kernel (no --add-modules jdk.incubator.vector), which is slower");
        return "estimated time for " + toRun.size() + (toRun.size() == 1 ? " claim" : " claims") + " at paper scale: about " + total
                + " on " + load.length + (load.length == 1 ? " thread" : " threads")
                + " (" + basis + ": an estimate for an idle 2-core machine, longer when the cores are shared"
                + (unknown.isEmpty() ? ")" : "; no estimate for " + String.join(", ", unknown) + ")");
    }

    /**
     * Progress on stderr, one line when a claim starts: its place among the claims to run, how many have finished,
     * the elapsed time and the remaining time estimated from the finished ones (elapsed / finished × remaining, which
     * already accounts for the claims running side by side).
     */
    static final class RunProgress implements ClaimCatalogue.Listener {
        private final int n;
        private final java.time.Instant started;
        private final java.util.concurrent.atomic.AtomicInteger begun = new java.util.concurrent.atomic.AtomicInteger(),
                finished = new java.util.concurrent.atomic.AtomicInteger();

        RunProgress(int n, java.time.Instant started) {
            this.n = n;
            this.started = started;
        }

        public void started(Claim c) {
            System.err.println(line(begun.incrementAndGet(), finished.get(), c.id(), java.time.Duration.between(started, java.time.Instant.now()).toMillis() / 1e3));
        }

        public void finished(ClaimCatalogue.Result r) { finished.incrementAndGet(); }

        /** "[3/26] prop3.depth-regularity  (1 finished, elapsed 12 s, remaining ~300 s)". */
        String line(int i, int done, String id, double elapsed) {
            String eta = done == 0 ? "?" : String.format(Locale.ROOT, "~%.0f s", elapsed / done * (n - done));
            return String.format(Locale.ROOT, "[%d/%d] %s  (%d finished, elapsed %.0f s, remaining %s)", i, n, id, done, elapsed, eta);
        }
    }
}
