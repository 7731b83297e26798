package depthlimit.properties;

import depthlimit.InputError;
import depthlimit.falsify.Property;
import depthlimit.falsify.Search;
import depthlimit.falsify.Shrinker;
import depthlimit.falsify.TrialResult;
import depthlimit.falsify.Witness;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The falsify engine itself: the targeted search earns its place, determinism, shrinking, replay, bad input. */
class FalsifyEngineProperties {
    /**
     * A planted violation: a ball of radius 0.04 around (0.737, 0.41, 0.23) in three continuous fields of the unit
     * cube (volume 2.7e-4), measured by an expression over the fields alone (no training, so the test is cheap).
     * At the same budget of 200 trials random sampling misses it (expected hits 0.05) and the CMA-ES rounds,
     * started from the best random trials, find it.
     */
    static final String PLANTED = """
            {"name": "planted", "space": {"labelScale": [0, 1], "lengthScale": [0.01, 1], "clip": [0, 1]},
             "measure": "(labelScale - 0.737)^2 + (lengthScale - 0.41)^2 + (clip - 0.23)^2", "holds": ">= 0.0016"}""";

    @Test
    void targetedSearchFindsAPlantedViolationThatRandomSamplingMisses() {
        Property p = Property.parse(PLANTED);
        for (long seed : new long[]{1, 2, 3}) {
            Search.Outcome random = Search.run(p, Search.Options.of(200, seed, 2).randomOnly(), t -> {});
            Search.Outcome targeted = Search.run(p, Search.Options.of(200, seed, 2), t -> {});
            System.out.printf("planted, seed %d: random best margin %.4g (%d trials), targeted best %.4g after %d trials%n", seed,
                    random.best().margin(), random.trials().size(), targeted.best().margin(), targeted.trials().size());
            assertNull(random.firstViolation(), "random sampling hit the planted ball (seed " + seed + ")");
            assertNotNull(targeted.firstViolation(), "CMA-ES missed the planted ball (seed " + seed + ")");
        }
    }

    @Test
    void searchIsIndependentOfTheThreadCount() {
        Property p = Property.parse(PLANTED);
        List<TrialResult> one = Search.run(p, Search.Options.of(120, 7, 1).keepGoing(true), t -> {}).trials();
        List<TrialResult> three = Search.run(p, Search.Options.of(120, 7, 3).keepGoing(true), t -> {}).trials();
        assertEquals(one.size(), three.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i).config(), three.get(i).config(), "trial " + i);
            assertEquals(Double.doubleToLongBits(one.get(i).margin()), Double.doubleToLongBits(three.get(i).margin()), "trial " + i);
        }
    }

    /** The same with training (gradient flow by dp853/dp54 at every trial) and a CMA-ES round. */
    @Test
    void trainedTrialsAreIndependentOfTheThreadCount() {
        Property p = Property.read(Path.of("property-tests/properties/prop3-bounded.json"));
        List<TrialResult> one = Search.run(p, Search.Options.of(12, 5, 1), t -> {}).trials();
        List<TrialResult> two = Search.run(p, Search.Options.of(12, 5, 2), t -> {}).trials();
        assertEquals(one.size(), two.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i).config(), two.get(i).config(), "trial " + i);
            assertEquals(one.get(i).measured(), two.get(i).measured(), "trial " + i);
            assertEquals(Double.doubleToLongBits(one.get(i).margin()), Double.doubleToLongBits(two.get(i).margin()), "trial " + i);
        }
        assertTrue(one.stream().anyMatch(t -> t.phase().equals("cmaes")), "no CMA-ES trial in the comparison");
    }

    @Test
    void iidInitializationIsFoundShrunkAndReplaysBitForBit() throws Exception {
        Property p = Property.read(Path.of("examples/properties/b-iid-init-regular.json"));
        Search.Outcome o = Search.run(p, Search.Options.of(16, 1, 2), t -> {});
        TrialResult v = o.firstViolation();
        assertNotNull(v, "(b) not found within 16 trials");
        Shrinker.Result s = Shrinker.shrink(p, v, 40, o.trials().size());
        assertTrue(s.witness().violated());
        assertTrue(s.witness().config().integer("depth") <= v.config().integer("depth"));
        Path f = Files.createTempFile("witness", ".json");
        Witness.write(f, Witness.toJson(p, s.witness(), v, s.steps(), 1, "replay"));
        Witness w = Witness.read(f);
        TrialResult r = w.replay();
        assertTrue(w.identical(r), "replay differs: " + r);
        Files.delete(f);
    }

    @Test
    void badPropertiesAreRefusedNamingTheField() {
        String ok = "\"measure\": \"lx\", \"holds\": \"<= 1\"";
        check("{\"space\": {}, \"measure\": \"no_such_measure\", \"holds\": \"<= 1\"}", "measure");
        check("{\"space\": {\"depth\": [8, 4]}, " + ok + "}", "space.depth");
        check("{\"space\": {\"depth\": []}, " + ok + "}", "space.depth");
        check("{\"space\": {\"width\": [1, 4], \"constraints\": [\"width > 10\"]}, " + ok + "}", "space.constraints");
        check("{\"space\": {}, \"measure\": \"lx +* \", \"holds\": \"<= 1\"}", "measure");
        check("{\"space\": {}, \"measure\": \"lx\", \"holds\": \"about 1\"}", "holds");
        check("{\"space\": {\"init\": \"smooth\"}, " + ok + "}", "space.init");
        check("{\"space\": {\"activation\": \"Foo[x]\"}, " + ok + "}", "space.activation");
        check("{\"space\": {\"depht\": 3}, " + ok + "}", "space.depht");
    }

    private static void check(String json, String field) {
        InputError e = assertThrows(InputError.class, () -> Property.parse(json), json);
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
