package depthlimit.sweep;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark engine against the local one (run with {@code mvn -B -ntp test -Pspark -Dtest=SparkSweepTest}): the
 * same sweep gives the same table row by row (timings aside), and a sweep interrupted on one engine resumes on the
 * other.
 */
class SparkSweepTest {
    static SparkEngine spark;

    @BeforeAll
    static void start() {
        spark = new SparkEngine("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    @Test
    void sparkRowsEqualLocalRows(@TempDir Path tmp) throws Exception {
        SweepSpec s = SweepSpec.parse(SweepTest.SMALL);
        SweepRun.Outcome local, onSpark;
        try (LocalEngine e = new LocalEngine(2)) {
            local = SweepRun.run(s, tmp.resolve("local"), e, 5, -1, p -> {});
        }
        onSpark = SweepRun.run(s, tmp.resolve("spark"), spark, 5, -1, p -> {});
        assertEquals(12, onSpark.evaluated());
        assertTrue(spark.describe().contains("local[2]"), spark.describe());
        List<String> a = Files.readAllLines(tmp.resolve("local").resolve(SweepRun.RESULTS));
        List<String> b = Files.readAllLines(tmp.resolve("spark").resolve(SweepRun.RESULTS));
        assertEquals(13, a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i), y = b.get(i);
            assertEquals(x.substring(0, x.lastIndexOf(',')), y.substring(0, y.lastIndexOf(',')), "row " + i);
        }
        for (int i = 0; i < local.rows().size(); i++) {
            // bit for bit, not only as printed
            assertEquals(local.rows().get(i).measured(), onSpark.rows().get(i).measured(), "trial " + i);
            assertEquals(local.rows().get(i).key(), onSpark.rows().get(i).key());
        }
    }

    @Test
    void interruptedLocallyResumedOnSpark(@TempDir Path tmp) throws Exception {
        SweepSpec s = SweepSpec.parse(SweepTest.SMALL);
        try (LocalEngine e = new LocalEngine(2)) {
            SweepRun.run(s, tmp.resolve("whole"), e, 6, -1, p -> {});
            SweepRun.run(s, tmp.resolve("cut"), e, 4, 3, p -> {});
        }
        SweepRun.Outcome rest = SweepRun.run(s, tmp.resolve("cut"), spark, 256, -1, p -> {});
        assertEquals(4, rest.reused());
        assertEquals(8, rest.evaluated());
        assertEquals(SweepTest.withoutSeconds(tmp.resolve("whole").resolve(SweepRun.RESULTS)),
                SweepTest.withoutSeconds(tmp.resolve("cut").resolve(SweepRun.RESULTS)));
    }
}
