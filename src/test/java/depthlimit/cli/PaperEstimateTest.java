package depthlimit.cli;

import depthlimit.claims.Claim;
import depthlimit.claims.ClaimCatalogue;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time printed before a paper-scale run: every claim carries an estimate, each is the paper-scale time of the
 * README's verdict table (the measurement it states), and the printed total is their makespan, scheduled longest first.
 */
class PaperEstimateTest {
    @Test
    void everyClaimsEstimateIsTheReadmesMeasuredTime() throws Exception {
        Map<String, Double> readme = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            // | `id` | # | reference | ci | ci key figure | ci s | paper | paper key figure | paper s |
            if (!line.startsWith("| `")) continue;
            String[] f = line.split("(?<!\\\\)\\|");
            if (f.length != 10) continue;
            readme.put(f[1].trim().replace("`", ""), Double.parseDouble(f[9].trim()));
        }
        List<Claim> all = ClaimCatalogue.all();
        assertEquals(all.size(), readme.size(), "the README's table has one row per claim: " + readme.keySet());
        for (Claim c : all) assertEquals(readme.get(c.id()), c.paperSeconds(), 0.0, c.id());
    }

    @Test
    void theTotalIsTheScheduledMakespanCappedAtTheTimeLimit() {
        List<Claim> all = ClaimCatalogue.all();
        double sum = all.stream().mapToDouble(Claim::paperSeconds).sum();
        // one runner: the claims one after the other
        String line = CheckCommand.paperEstimate(all, 7200, 1, 256);
        assertTrue(line.contains("about " + Math.round(sum / 60) + " min on 1 thread"), line);
        assertTrue(line.contains("idle 2-core machine"), line);
        // a limit of 100 s caps the long claims: the estimate cannot exceed 100 s per claim
        double capped = all.stream().mapToDouble(c -> Math.min(c.paperSeconds(), 100)).sum();
        assertTrue(CheckCommand.paperEstimate(all, 100, 1, 256).contains("about " + Math.round(capped / 60) + " min"));
        Claim bare = new Claim("x.none", 99, "t", "r", "h", "m", "p", ctx -> null);
        assertTrue(CheckCommand.paperEstimate(List.of(bare), 7200, 2, 256).contains("no estimate for x.none"));
    }

    /**
     * The times are those of an AVX2 machine; a JVM on 512-bit vectors gets them × (20 min 40 s)/(45 min 05 s), the
     * ratio of the two measured whole runs, and a scalar JVM is told that it is slower.
     */
    @Test
    void widerVectorsScaleTheEstimateByTheMeasuredRatio() {
        List<Claim> all = ClaimCatalogue.all();
        double sum = all.stream().mapToDouble(Claim::paperSeconds).sum();
        String wide = CheckCommand.paperEstimate(all, 7200, 1, 512);
        assertTrue(wide.contains("about " + Math.round(sum * 1240 / 2705 / 60) + " min on 1 thread"), wide);
        assertTrue(wide.contains("× 0.46 for this JVM's 512-bit vectors"), wide);
        assertTrue(CheckCommand.paperEstimate(all, 7200, 1, 0).contains("scalar kernel"));
        // on two runners the estimate for the whole catalogue is Theorem 6's Figure-2 experiment (longer than the rest together)
        Claim thm6 = all.stream().filter(c -> c.id().equals("thm6.exponential-decay")).findFirst().orElseThrow();
        double rest = sum - thm6.paperSeconds();
        assertTrue(thm6.paperSeconds() > rest, thm6.paperSeconds() + " vs " + rest);
        assertTrue(CheckCommand.paperEstimate(all, 7200, 2, 256).contains("about " + Math.round(thm6.paperSeconds() / 60) + " min on 2 threads"));
    }

    /** Longest first onto the runner that frees first: 5, 4, 3, 3, 2, 2, 1 s on two runners end at 10 s (5+3+2, 4+3+2+1). */
    @Test
    void twoRunnersGiveTheLongestFirstMakespan() {
        double[] secs = {3, 1, 5, 2, 4, 3, 2};
        List<Claim> cs = new java.util.ArrayList<>();
        for (int i = 0; i < secs.length; i++) cs.add(new Claim("x." + i, 90 + i, "t", "r", "h", "m", "p", ctx -> null).paperEstimate(secs[i]));
        String line = CheckCommand.paperEstimate(cs, 7200, 2, 256);
        assertTrue(line.contains("about 10 s on 2 threads"), line);
        // a claim longer than the rest together sets the span alone
        cs.add(new Claim("x.long", 99, "t", "r", "h", "m", "p", ctx -> null).paperEstimate(60));
        assertTrue(CheckCommand.paperEstimate(cs, 7200, 2, 256).contains("about 60 s on 2 threads"));
    }
}
