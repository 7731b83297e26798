package depthlimit.properties;

import depthlimit.falsify.Property;
import depthlimit.falsify.Search;
import depthlimit.falsify.Shrinker;
import depthlimit.falsify.TrialResult;
import depthlimit.falsify.Witness;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shipped properties (property-tests/properties/*.json and the true example (c)) run through the falsify
 * engine with a fixed seed and a small budget; {@code -Dproperty.budget=N} runs each with N trials instead.
 * Regressions (property-tests/regressions/*.json) are replayed first. Vacuous trials are counted and printed; a
 * property none of whose trials applied fails (a vacuous pass is not a pass). A violation is shrunk and written
 * to target/property-witnesses/NAME.json with its replay command.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippedProperties {
    static final long SEED = 20261202L;

    @Test
    @Order(1)
    void regressionsReplayBitForBit() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("property-tests/regressions"))) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no regression files");
        for (Path f : files) {
            Witness w = Witness.read(f);
            TrialResult r = w.replay();
            System.out.printf(Locale.ROOT, "regression %s: %s, margin %s (expected %s)%n", f.getFileName(), r.status().label(), r.margin(), w.expect());
            assertEquals(w.expect(), r.violated() ? "violated" : "holds", f + ": " + r);
            if (w.expect().equals("violated")) assertTrue(w.identical(r), f + " does not replay bit for bit: " + r);
        }
    }

    @Test
    void prop3Regularity() { run("property-tests/properties/prop3-regularity.json", 8); }

    /** Holds by a huge margin (ln K(T) is 1e36 and more): it checks that the measured L·X and the evaluated bound are finite and ordered. */
    @Test
    void prop3BelowEvaluatedBound() { run("property-tests/properties/prop3-k-bound.json", 4); }

    @Test
    void prop3UniformBound() { run("property-tests/properties/prop3-bounded.json", 8); }

    @Test
    void prop8PlConvergence() { run("property-tests/properties/prop8-pl-convergence.json", 16); }

    @Test
    void symjaGradients() { run("property-tests/properties/symja-gradients.json", 3); }

    @Test
    void exampleGeluGpRegular() { run("examples/properties/c-gelu-gp-regular.json", 6); }

    private static void run(String file, int ciBudget) {
        String b = System.getProperty("property.budget");
        int budget = b == null || b.isBlank() ? ciBudget : Integer.parseInt(b.trim());
        Property p = Property.read(Path.of(file));
        Search.Outcome o = Search.run(p, Search.Options.of(budget, SEED, 2), t -> {});
        List<TrialResult> ts = o.trials();
        long holds = ts.stream().filter(t -> t.status() == TrialResult.Status.HOLDS).count();
        long vacuous = ts.stream().filter(t -> t.status() == TrialResult.Status.VACUOUS).count();
        long errors = ts.stream().filter(t -> t.status() == TrialResult.Status.ERROR).count();
        TrialResult best = o.best();
        System.out.printf(Locale.ROOT, "%s: %d trials (seed %d): %d hold, %d vacuous, %d error(s); smallest margin %s%n", p.name(),
                ts.size(), SEED, holds, vacuous, errors, best == null ? "-" : best.margin());
        ts.stream().filter(t -> t.status() == TrialResult.Status.ERROR).limit(3)
                .forEach(t -> System.out.println("  error at trial " + t.index() + ": " + t.reason()));
        TrialResult v = o.firstViolation();
        if (v != null) {
            Shrinker.Result s = Shrinker.shrink(p, v, 30, ts.size());
            Path dir = Path.of("target/property-witnesses");
            Path f = dir.resolve(p.name() + ".json");
            try {
                Files.createDirectories(dir);
                Witness.write(f, Witness.toJson(p, s.witness(), v, s.steps(), SEED, "bin/depthlimit replay " + f));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            fail(p.name() + " violated at " + s.witness().config().values() + " (value " + s.witness().value() + ", margin "
                    + s.witness().margin() + ", shrunk in " + s.steps() + " steps); replay: bin/depthlimit replay " + f);
        }
        assertTrue(holds > 0, p.name() + ": every trial was vacuous or an error — the property was not tested");
    }
}
