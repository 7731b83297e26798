package depthlimit.sweep;

import depthlimit.falsify.Config;
import depthlimit.falsify.Coordinate;
import depthlimit.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a sweep into a directory, resumably. Every finished trial is appended at once, as one line, to the journal
 * {@code DIR/trials.jsonl}; a kill loses at most the trials still running (a line cut short is recognized and
 * ignored). A rerun reads the journal, keeps the finished trials whose key ({@link SweepSpec#key}) is still in the
 * sweep, evaluates the others (missing or failed) and rewrites {@code DIR/results.csv} (atomically) with one row per
 * trial in trial order. The table is therefore the same, timings aside, however the sweep was interrupted, on
 * whatever engine and thread count.
 */
public final class SweepRun {
    private SweepRun() {}

    public static final String JOURNAL = "trials.jsonl", RESULTS = "results.csv";

    /** How the run went: trials kept from the journal, evaluated now, and the rows in trial order. */
    public record Outcome(int reused, int evaluated, List<SweepRow> rows, boolean complete) {
        public long count(String status) { return rows.stream().filter(r -> r.status().equals(status)).count(); }
    }

    /**
     * @param batch     trials per engine call (the journal is complete at every batch end, and on the local engine
     *                  after every trial)
     * @param stopAfter stop once this many trials were evaluated (whole batches; a negative value: never) — an
     *                  interrupted sweep, for tests and for budgeted runs
     * @param progress  called after every batch with (done, total)
     */
    public static Outcome run(SweepSpec spec, Path dir, TrialEngine engine, int batch, int stopAfter,
                              Consumer<int[]> progress) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("sweep.json"), spec.text());
        Path journal = dir.resolve(JOURNAL);
        Map<String, SweepRow> done = read(journal);
        int n = spec.trials().size();
        SweepRow[] rows = new SweepRow[n];
        List<Integer> pending = new ArrayList<>();
        int reused = 0;
        for (int i = 0; i < n; i++) {
            SweepRow r = done.get(spec.key(spec.trials().get(i)));
            if (r != null) {
                rows[i] = reindex(r, i);
                reused++;
            } else pending.add(i);
        }
        int evaluated = 0;
        for (int from = 0; from < pending.size(); from += batch) {
            if (stopAfter >= 0 && evaluated >= stopAfter) break;
            List<Integer> chunk = pending.subList(from, Math.min(pending.size(), from + batch));
            engine.evaluate(spec, chunk, r -> {
                synchronized (rows) {
                    rows[r.index()] = r;
                    append(journal, r);
                }
            });
            evaluated += chunk.size();
            progress.accept(new int[]{reused + evaluated, n});
        }
        List<SweepRow> out = new ArrayList<>();
        for (SweepRow r : rows) if (r != null) out.add(r);
        AtomicFiles.writeString(dir.resolve(RESULTS), table(spec, rows));
        return new Outcome(reused, evaluated, List.copyOf(out), out.size() == n);
    }

    private static SweepRow reindex(SweepRow r, int i) {
        return new SweepRow(i, r.key(), r.status(), r.reason(), r.measured(), r.seconds());
    }

    /** The finished rows of the journal by key (lines cut short or unreadable are skipped). */
    static Map<String, SweepRow> read(Path journal) throws IOException {
        Map<String, SweepRow> m = new HashMap<>();
        if (!Files.exists(journal)) return m;
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            SweepRow r = SweepRow.fromJsonLine(line);
            if (r != null && r.finished()) m.putIfAbsent(r.key(), r);
        }
        return m;
    }

    private static void append(Path journal, SweepRow r) {
        // one write per line: a kill leaves whole lines and at most one line cut short, which read() skips; the
        // newline first, so that a row after a cut line starts a line of its own
        byte[] b = ("\n" + r.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.write(journal, b, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** results.csv: trial, every field, config_hash, status, reason, the measures, (value, margin), seconds. */
    static String table(SweepSpec spec, SweepRow[] rows) {
        StringBuilder b = new StringBuilder("trial");
        List<Coordinate> fields = spec.space().coordinates();
        for (Coordinate c : fields) b.append(',').append(c.name());
        b.append(",config_hash,status,reason");
        List<String> measures = new ArrayList<>(spec.record());
        if (spec.checks()) { measures.add("value"); measures.add("margin"); }
        for (String m : measures) b.append(',').append(m);
        b.append(",seconds\n");
        for (int i = 0; i < rows.length; i++) {
            SweepRow r = rows[i];
            if (r == null) continue;
            Config c = spec.trials().get(i);
            b.append(i);
            for (Coordinate f : fields) b.append(',').append(csv(String.valueOf(c.get(f.name()))));
            b.append(',').append(r.key()).append(',').append(r.status()).append(',').append(csv(r.reason()));
            for (String m : measures) b.append(',').append(r.measured().getOrDefault(m, Double.NaN));
            b.append(',').append(String.format(Locale.ROOT, "%.4f", r.seconds())).append('\n');
        }
        return b.toString();
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
