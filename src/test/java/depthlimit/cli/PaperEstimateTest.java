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
 * README's verdict table (the measurement it states), and the printed total is their sum.
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
    void theTotalIsTheSumCappedAtTheTimeLimit() {
        List<Claim> all = ClaimCatalogue.all();
        double sum = all.stream().mapToDouble(Claim::paperSeconds).sum();
        String line = CheckCommand.paperEstimate(all, 7200);
        assertTrue(line.contains("about " + Math.round(sum / 60) + " min"), line);
        assertTrue(line.contains("idle 2-core machine"), line);
        // a limit of 100 s caps the long claims: the estimate cannot exceed 100 s per claim
        double capped = all.stream().mapToDouble(c -> Math.min(c.paperSeconds(), 100)).sum();
        assertTrue(CheckCommand.paperEstimate(all, 100).contains("about " + Math.round(capped / 60) + " min"));
        Claim bare = new Claim("x.none", 99, "t", "r", "h", "m", "p", ctx -> null);
        assertTrue(CheckCommand.paperEstimate(List.of(bare), 7200).contains("no estimate for x.none"));
    }
}
