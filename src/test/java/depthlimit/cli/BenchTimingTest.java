package depthlimit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bench's timing of a comparison process: a run past its limit is stopped with its whole process tree and
 * reported as a lower bound with the peak RSS it had reached; a finished run reports /usr/bin/time's figures; a failed
 * one reports nothing. (The authors' W2 script runs for more than 25 minutes on the project's machines; its ratio is
 * then stated as a bound, not left out.)
 */
class BenchTimingTest {
    @TempDir
    Path dir;

    @Test
    void aRunPastItsLimitIsStoppedAndReportedAsALowerBoundWithItsPeakMemory() throws Exception {
        // a JVM that touches a 256 MB heap at start and then sleeps for a minute
        Path src = dir.resolve("Sleeper.java");
        Files.writeString(src, "public class Sleeper { public static void main(String[] a) throws Exception { Thread.sleep(60_000); } }");
        String java = ProcessHandle.current().info().command().orElse("java");
        long t0 = System.nanoTime();
        BenchCommand.Timing t = BenchCommand.timed(dir.resolve("time.txt"), dir.resolve("log.txt"),
                List.of(java, "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", src.toString()), 8);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        assertTrue(t != null && t.stopped(), "not reported as stopped: " + t);
        assertTrue(t.seconds() >= 8 && t.seconds() < 20, "seconds " + t.seconds());
        assertTrue(elapsed < 30, "the stopped tree was waited for " + elapsed + " s: it was not killed");
        Thread.sleep(500);
        assertTrue(ProcessHandle.allProcesses().noneMatch(h -> h.isAlive() && h.info().arguments().map(List::of)
                .orElse(List.of()).contains(src.toString())), "the timed JVM outlived the stop (only its parent was killed)");
        // the pre-touched heap alone is 256 MB; the bound leaves room for a JVM that trims its RSS (none here does)
        assertTrue(t.peakMb() > 200, "peak RSS when stopped " + t.peakMb() + " MB");
    }

    @Test
    void aFinishedRunReportsItsTimeAndAFailedOneNothing() throws Exception {
        BenchCommand.Timing ok = BenchCommand.timed(dir.resolve("t1.txt"), dir.resolve("l1.txt"), List.of("sh", "-c", "sleep 1"), 60);
        assertTrue(ok != null && !ok.stopped(), "" + ok);
        assertTrue(ok.seconds() >= 0.9 && ok.seconds() < 30, "seconds " + ok.seconds());
        assertFalse(ok.peakMb() <= 0, "peak RSS " + ok.peakMb());
        assertNull(BenchCommand.timed(dir.resolve("t2.txt"), dir.resolve("l2.txt"), List.of("sh", "-c", "exit 3"), 0));
    }
}
