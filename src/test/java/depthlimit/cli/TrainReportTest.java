package depthlimit.cli;

import depthlimit.io.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --report}: the page links only local files that exist, fetches nothing, and every plot's CSV holds the
 * numbers of the run's own outputs — the metrics plots those of metrics.csv (compared as text, column by column), the
 * weights-across-layers plot those of the .npy files the run wrote (snapshots/t_0 is the initialization, final/ the
 * end). A small gd run with snapshots: well under a second of training.
 */
class TrainReportTest {
    @TempDir
    static Path dir;
    static Path out;
    static String html;

    @BeforeAll
    static void train() throws Exception {
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, "{\"model\": {\"convention\": \"paper\", \"activation\": \"tanh\", \"depth\": 6, \"width\": 4, "
                + "\"hidden\": 5, \"input\": 2, \"output\": 3}, \"data\": {\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1}, "
                + "\"init\": {\"scheme\": \"gp\", \"seed\": 3, \"lengthScale\": 0.4}, "
                + "\"train\": {\"method\": \"gd\", \"eta\": 0.05, \"steps\": 200, \"sampleEverySteps\": 20}, "
                + "\"output\": {\"snapshots\": true, \"progress\": false}}");
        out = dir.resolve("run");
        assertEquals(Main.EXIT_OK, Main.commandLine().execute("train", "--report", "--spec", spec.toString(), "--out", out.toString()));
        html = Files.readString(out.resolve("index.html"));
    }

    @Test
    void everyReferencedFileExistsAndNothingIsFetched() {
        int files = OfflinePage.assertOffline(html, out);
        // 5 plots × (svg shown + svg, png, csv linked) + metrics.csv + run.json
        assertEquals(5 * 4 + 2, files, "file references");
        assertTrue(html.contains("completed"), "the run's status is on the page");
    }

    /** Columns of a CSV as text (no parsing: the report must carry the very same numbers). */
    static Map<String, List<String>> columns(Path f) throws Exception {
        List<String> lines = Files.readAllLines(f);
        String[] head = lines.get(0).split(",");
        Map<String, List<String>> c = new LinkedHashMap<>();
        for (String h : head) c.put(h, new ArrayList<>());
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            assertEquals(head.length, v.length, line);
            for (int i = 0; i < head.length; i++) c.get(head[i]).add(v[i]);
        }
        return c;
    }

    /** Rows of a plot CSV (series, x, y) of one series. */
    static List<String[]> series(String plot, String series) throws Exception {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(out.resolve("plots/train--" + plot + ".csv"));
        assertEquals("series,x,y", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            int a = line.lastIndexOf(',', line.lastIndexOf(',') - 1);
            String name = line.substring(0, a);
            if (name.startsWith("\"")) name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
            if (name.equals(series)) rows.add(line.substring(a + 1).split(","));
        }
        return rows;
    }

    @Test
    void metricsPlotsHoldTheNumbersOfMetricsCsv() throws Exception {
        Map<String, List<String>> m = columns(out.resolve("metrics.csv"));
        assertEquals(11, m.get("t").size(), "samples at steps 0, 20, …, 200");
        String[][] checks = {{"loss", "loss", "loss"}, {"pl-ratio", "G/ℓ", "pl_ratio"},
                {"regularity", "L·max_k ‖V_{k+1} − V_k‖_F", "L_max_dV"}, {"regularity", "L·max_k ‖W_{k+1} − W_k‖_F", "L_max_dW"},
                {"regularity", "L·max_k ‖Z_{k+1} − Z_k‖_F", "L_max_dZ"}};
        for (String[] c : checks) {
            List<String[]> rows = series(c[0], c[1]);
            assertEquals(m.get("t").size(), rows.size(), c[0] + "/" + c[1]);
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(m.get("t").get(i), rows.get(i)[0], c[0] + " x at row " + i);
                assertEquals(m.get(c[2]).get(i), rows.get(i)[1], c[0] + " " + c[2] + " at row " + i);
            }
        }
    }

    @Test
    void weightsAcrossLayersAreThoseOfTheWrittenArrays() throws Exception {
        int L = 6, block = 4 * 5; // V_k is q×m = 4×5
        for (String[] c : new String[][]{{"t = 0 (init)", "snapshots/t_0"}, {"t = 10 (end)", "final"}}) {
            double[] v = Npy.read(out.resolve(c[1]).resolve("V.npy")).data();
            List<String[]> rows = series("weights-V", c[0]);
            assertEquals(L, rows.size(), c[0]);
            for (int k = 0; k < L; k++) {
                assertEquals((k + 1) / (double) L, Double.parseDouble(rows.get(k)[0]), 0.0, "layer position");
                assertEquals(v[k * block], Double.parseDouble(rows.get(k)[1]), 0.0, c[0] + " V_" + (k + 1) + "[1,1]");
            }
        }
        // the intermediate profiles come from the snapshots: 4 of the 9 between the initialization and the end
        long profiles = Files.readAllLines(out.resolve("plots/train--weights-W.csv")).stream().skip(1)
                .map(l -> l.substring(0, l.indexOf(','))).distinct().count();
        assertEquals(6, profiles, "init, 4 snapshots, end");
    }
}
