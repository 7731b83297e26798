package depthlimit.sweep;

import depthlimit.InputError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepTest {
    /** 12 cheap trials (3 depths × 2 activations × 2 seeds, 10 steps of gradient descent on 4 points). */
    static final String SMALL = """
            {"name": "small",
             "space": {"depth": [2, 4, 8], "activation": ["tanh", "gelu"], "seed": {"values": [1, 2]},
                       "width": 3, "hidden": 3, "input": 2, "output": 1, "n": 4, "method": "gd", "eta": 0.05, "steps": 10, "T": 0.5},
             "record": ["lx0", "loss_T"]}
            """;

    /** The table without its last column (seconds, the one column allowed to differ between runs). */
    static String withoutSeconds(Path csv) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : Files.readAllLines(csv)) b.append(line, 0, line.lastIndexOf(',')).append('\n');
        return b.toString();
    }

    @Test
    void gridOrderAndKeys() {
        SweepSpec s = SweepSpec.parse(SMALL);
        assertEquals(12, s.trials().size());
        assertEquals(2, s.trials().get(0).integer("depth"));
        assertEquals(1, s.trials().get(0).integer("seed"));
        assertEquals(2, s.trials().get(1).integer("seed"));      // the last field varies fastest
        assertEquals("gelu", s.trials().get(2).text("activation"));
        assertEquals(12, s.trials().stream().map(s::key).distinct().count());
        // the key depends on what is measured, not only on the configuration
        SweepSpec other = SweepSpec.parse(SMALL.replace("\"record\": [\"lx0\", \"loss_T\"]", "\"record\": [\"lx0\"]"));
        assertFalse(s.key(s.trials().get(0)).equals(other.key(other.trials().get(0))));
    }

    @Test
    void randomSampleAndRangesAreSeeded() {
        String r = """
                {"space": {"depth": [2, 16], "lengthScale": {"range": [0.1, 1.0], "log": true}, "eta": {"range": [0.01, 0.1], "steps": 3}},
                 "sample": {"random": 20, "seed": 5}, "record": ["lx0"]}""";
        SweepSpec a = SweepSpec.parse(r), b = SweepSpec.parse(r);
        assertEquals(a.trials(), b.trials());
        for (var c : a.trials()) {
            assertTrue(c.integer("depth") == 2 || c.integer("depth") == 16, "a list is a list of values, not a range");
            assertTrue(c.real("lengthScale") >= 0.1 && c.real("lengthScale") <= 1.0);
            double eta = c.real("eta");   // three evenly spaced points (up to round-off in the midpoint)
            assertTrue(List.of(0.01, 0.055, 0.1).stream().anyMatch(v -> Math.abs(v - eta) <= 1e-15), "eta " + eta);
        }
        assertFalse(a.trials().equals(SweepSpec.parse(r.replace("\"seed\": 5", "\"seed\": 6")).trials()));
    }

    @Test
    void badInputNamesTheField() {
        assertEquals("space.depth", assertThrows(InputError.class, () -> SweepSpec.parse("{\"space\": {\"depth\": [4, 0]}, \"record\": [\"lx\"]}")).field());
        assertEquals("space.depth", assertThrows(InputError.class, () -> SweepSpec.parse("{\"space\": {\"depth\": [4, 2.5]}, \"record\": [\"lx\"]}")).field());
        assertEquals("space.T", assertThrows(InputError.class, () -> SweepSpec.parse("{\"space\": {\"T\": {\"range\": [1, 2]}}, \"record\": [\"lx\"]}")).field());
        assertEquals("space.activation", assertThrows(InputError.class, () -> SweepSpec.parse("{\"space\": {\"activation\": [\"tanh\", \"nope(\"]}, \"record\": [\"lx\"]}")).field());
        assertEquals("record[1]", assertThrows(InputError.class, () -> SweepSpec.parse("{\"space\": {}, \"record\": [\"lx\", \"lxx\"]}")).field());
        assertEquals("record", assertThrows(InputError.class, () -> SweepSpec.parse("{\"space\": {}}")).field());
        assertEquals("check.holds", assertThrows(InputError.class, () -> SweepSpec.parse("{\"space\": {}, \"check\": {\"measure\": \"lx\", \"holds\": \"≤ 2\"}}")).field());
        assertEquals("sample.random", assertThrows(InputError.class, () -> SweepSpec.parse("{\"space\": {}, \"record\": [\"lx\"], \"sample\": {\"random\": 0}}")).field());
        assertEquals("bogus", assertThrows(InputError.class, () -> SweepSpec.parse("{\"space\": {}, \"record\": [\"lx\"], \"bogus\": 1}")).field());
    }

    /**
     * A sweep interrupted after two batches (with the last journal line cut short, as by a kill during a write, and
     * one finished trial marked failed) and then resumed gives the table of an uninterrupted run — on another
     * thread count — and evaluates exactly the missing and failed trials.
     */
    @Test
    void interruptedSweepResumesToTheSameTable(@TempDir Path tmp) throws Exception {
        SweepSpec s = SweepSpec.parse(SMALL);
        Path whole = tmp.resolve("whole"), cut = tmp.resolve("cut");
        SweepRun.Outcome w;
        try (LocalEngine e = new LocalEngine(1)) {
            w = SweepRun.run(s, whole, e, 4, -1, p -> {});
        }
        assertTrue(w.complete());
        assertEquals(12, w.evaluated());
        assertEquals(12, w.count("ok"), "every trial of this small sweep trains without trouble");
        try (LocalEngine e = new LocalEngine(2)) {
            SweepRun.Outcome part = SweepRun.run(s, cut, e, 3, 5, p -> {});
            assertEquals(6, part.evaluated(), "two batches of 3 before the stop");
            assertFalse(part.complete());
        }
        Path journal = cut.resolve(SweepRun.JOURNAL);
        List<String> lines = Files.readAllLines(journal).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(6, lines.size());
        // a finished trial turned into a failure: the rerun must evaluate it again
        SweepRow failed = SweepRow.fromJsonLine(lines.get(0));
        Files.writeString(journal, "\n" + new SweepRow(failed.index(), failed.key(), "error", "injected", failed.measured(), 0).toJsonLine() + "\n",
                StandardOpenOption.APPEND);
        // and a kill in the middle of a write
        SweepRow half = SweepRow.fromJsonLine(lines.get(1));
        String torn = half.toJsonLine();
        Files.write(journal, ("\n" + torn.substring(0, torn.length() / 2)).getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        SweepRun.Outcome rest;
        try (LocalEngine e = new LocalEngine(3)) {
            rest = SweepRun.run(s, cut, e, 5, -1, p -> {});
        }
        assertTrue(rest.complete());
        // the injected error line comes after the trial's finished line, which is kept: 6 reused
        assertEquals(6, rest.reused());
        assertEquals(6, rest.evaluated());
        assertEquals(withoutSeconds(whole.resolve(SweepRun.RESULTS)), withoutSeconds(cut.resolve(SweepRun.RESULTS)));
        // a second rerun evaluates nothing
        try (LocalEngine e = new LocalEngine(2)) {
            SweepRun.Outcome again = SweepRun.run(s, cut, e, 5, -1, p -> {});
            assertEquals(0, again.evaluated());
            assertEquals(12, again.reused());
        }
        assertEquals(withoutSeconds(whole.resolve(SweepRun.RESULTS)), withoutSeconds(cut.resolve(SweepRun.RESULTS)));
    }

    /** A trial whose only record is an error is rerun; one that failed for good stays an error, with its reason. */
    @Test
    void failedTrialsAreRerun(@TempDir Path tmp) throws Exception {
        SweepSpec s = SweepSpec.parse(SMALL);
        Path dir = tmp.resolve("d");
        Files.createDirectories(dir);
        SweepRow fake = new SweepRow(0, s.key(s.trials().get(0)), "error", "simulated crash", java.util.Map.of(), 0);
        Files.writeString(dir.resolve(SweepRun.JOURNAL), fake.toJsonLine() + "\n");
        try (LocalEngine e = new LocalEngine(2)) {
            SweepRun.Outcome o = SweepRun.run(s, dir, e, 6, -1, p -> {});
            assertEquals(0, o.reused());
            assertEquals(12, o.evaluated());
            assertEquals("ok", o.rows().get(0).status());
        }
    }
}
