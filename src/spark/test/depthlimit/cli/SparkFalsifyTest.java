package depthlimit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code falsify --engine spark --master local[2]} against {@code --engine local}: the same trials (random, CMA-ES
 * and shrink, row by row, timings aside) and the same witness. Run with {@code mvn -B -ntp test -Pspark
 * -Dtest='Spark*'}.
 */
class SparkFalsifyTest {
    /** The seconds column of trials.csv: after status, margin, value. */
    private static final Pattern SECONDS = Pattern.compile("^(.*?,(?:holds|violated|error|vacuous),[^,]*,[^,]*,)[0-9.]+,");

    @TempDir
    Path dir;

    /** A property without training whose violation needs the CMA-ES rounds (random sampling misses it) and a shrink. */
    static final String PLANTED = """
            {"name": "planted", "space": {"labelScale": [0, 1], "lengthScale": [0.01, 1], "clip": [0, 1]},
             "measure": "(labelScale - 0.737)^2 + (lengthScale - 0.41)^2 + (clip - 0.23)^2", "holds": ">= 0.0016"}""";

    @Test
    void plantedViolationSameOnBothEngines() throws Exception {
        Path prop = dir.resolve("planted.json");
        Files.writeString(prop, PLANTED);
        List<String> rows = compare(prop, "--budget", "200", "--seed", "1");
        assertTrue(rows.stream().anyMatch(r -> r.contains(",cmaes,") && r.contains(",violated,")), "no violation found by CMA-ES");
        assertTrue(rows.size() > 100, "too few trials compared: " + rows.size());
    }

    /** Trials that train (examples/properties/b-iid-init-regular.json), with a shrink of the violation. */
    @Test
    void trainedTrialsSameOnBothEngines() throws Exception {
        compare(Path.of("examples/properties/b-iid-init-regular.json"), "--budget", "8", "--seed", "3");
    }

    private List<String> compare(Path prop, String... extra) throws Exception {
        Path local = dir.resolve("local"), spark = dir.resolve("spark");
        GradCommandTest.Run a = GradCommandTest.run(args(prop, local, extra, "--engine", "local"));
        GradCommandTest.Run b = GradCommandTest.run(args(prop, spark, extra, "--engine", "spark", "--master", "local[2]"));
        assertEquals(Main.EXIT_FAILED, a.code(), a.out() + a.err());
        assertEquals(a.code(), b.code(), b.out() + b.err());
        assertTrue(b.out().contains("engine spark") && b.out().contains("local[2]"), b.out());
        return sameTrials(local, spark);
    }

    /**
     * Asserts that two falsify output directories hold the same trials.csv, row by row with the seconds left out, with
     * at least one shrink trial, and the same witness.json but its replay command; returns the local rows.
     */
    static List<String> sameTrials(Path local, Path spark) throws Exception {
        List<String> x = Files.readAllLines(local.resolve("trials.csv")), y = Files.readAllLines(spark.resolve("trials.csv"));
        assertEquals(x.size(), y.size(), "trial count");
        assertTrue(x.stream().skip(1).anyMatch(r -> r.contains(",shrink,")), "no shrink trial compared");
        for (int i = 1; i < x.size(); i++) {
            assertTrue(SECONDS.matcher(x.get(i)).find(), x.get(i));
            assertEquals(SECONDS.matcher(x.get(i)).replaceFirst("$1"), SECONDS.matcher(y.get(i)).replaceFirst("$1"), "trials.csv row " + i);
        }
        ObjectMapper m = new ObjectMapper();
        ObjectNode wa = (ObjectNode) m.readTree(local.resolve("witness.json").toFile()), wb = (ObjectNode) m.readTree(spark.resolve("witness.json").toFile());
        wa.remove("replay");
        wb.remove("replay");
        assertEquals(wa, wb, "witness.json (the replay command names the directory)");
        return x;
    }

    private static String[] args(Path prop, Path out, String[] extra, String... engine) {
        List<String> l = new java.util.ArrayList<>(List.of("falsify", prop.toString(), "--out", out.toString(), "--no-progress"));
        l.addAll(List.of(extra));
        l.addAll(List.of(engine));
        return l.toArray(String[]::new);
    }
}
