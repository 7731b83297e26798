package depthlimit.cli;

import depthlimit.io.Json;
import depthlimit.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {
    @TempDir
    Path dir;

    static final String BASE = "{\"model\": {\"convention\": \"paper\", \"activation\": \"tanh\", \"depth\": 6, \"width\": 4, "
            + "\"hidden\": 5, \"input\": 2, \"output\": 3}, \"data\": {\"generator\": \"gaussian\", \"n\": 7, \"seed\": 1}, "
            + "\"init\": {\"scheme\": \"gp\", \"seed\": 3, \"lengthScale\": 0.4}";

    Path spec(String train) throws Exception {
        Path f = dir.resolve("s" + System.nanoTime() + ".json");
        Files.writeString(f, BASE + ", " + train + "}");
        return f;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path f) throws Exception {
        return (Map<String, Object>) Json.parse(Files.readString(f));
    }

    @Test
    void everyMethodWritesMetricsFinalWeightsAndRunRecord() throws Exception {
        for (String train : new String[]{
                "\"train\": {\"method\": \"dp853\", \"T\": 0.5, \"sampleEvery\": 0.125}, \"output\": {\"snapshots\": true, \"progress\": false}",
                "\"train\": {\"method\": \"dp54\", \"T\": 0.5, \"sampleTimes\": [0.1, 0.3]}",
                "\"train\": {\"method\": \"gd\", \"eta\": 0.05, \"steps\": 10, \"sampleEverySteps\": 5}",
                "\"train\": {\"method\": \"euler\", \"T\": 0.5, \"steps\": 10, \"sampleEvery\": 0.25, \"clip\": 0.5}",
                "\"train\": {\"method\": \"rk4\", \"h\": 0.05, \"steps\": 10}"}) {
            Path out = dir.resolve("run" + System.nanoTime());
            GradCommandTest.Run r = GradCommandTest.run("train", "--spec", spec(train).toString(), "--out", out.toString());
            assertEquals(0, r.code(), train + ": " + r.err());
            List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
            assertEquals("t,step,loss,G,pl_ratio,max_dV,max_dW,max_dZ,L_max_dZ,run_max_dZ,agg_dV,agg_dW,max_norm_Z,norm_A,norm_B,dist_init",
                    String.join(",", List.of(csv.get(0).split(",")).subList(0, 16)));
            assertTrue(csv.get(1).startsWith("0.0,0,"), csv.get(1));
            Map<String, Object> run = json(out.resolve("run.json"));
            assertEquals("completed", run.get("status"));
            Map<String, Object> solver = (Map<String, Object>) run.get("solver");
            for (String k : new String[]{"rhs_evaluations", "accepted_steps", "rejected_steps", "min_step", "max_step", "wall_seconds"})
                assertTrue(solver.containsKey(k), k);
            assertTrue(((Map<String, Object>) run.get("spec")).containsKey("train"));
            assertArrayEquals(new int[]{6, 5, 4}, Npy.read(out.resolve("final/V.npy")).shape());
            double tEnd = Double.parseDouble(csv.get(csv.size() - 1).split(",")[0]);
            assertEquals(0.5, tEnd, 1e-12, train);
        }
        Path out = dir.resolve("snap");
        assertEquals(0, GradCommandTest.run("train", "--spec", spec("\"train\": {\"method\": \"dp853\", \"T\": 0.5, \"sampleEvery\": 0.25}, "
                + "\"output\": {\"snapshots\": true}").toString(), "--out", out.toString()).code());
        for (int i = 0; i < 3; i++) assertTrue(Files.exists(out.resolve("snapshots/t_" + i + "/W.npy")));
    }

    @Test
    void numericalFailureIsAResultWithExitCode1() throws Exception {
        Path out = dir.resolve("div");
        GradCommandTest.Run r = GradCommandTest.run("train", "--spec",
                spec("\"train\": {\"method\": \"gd\", \"eta\": 1e8, \"steps\": 30}").toString().replace("tanh", "tanh"), "--out", out.toString());
        Map<String, Object> run = json(out.resolve("run.json"));
        assertEquals(1, r.code(), r.err() + r.out());
        assertEquals("diverged", run.get("status"));
        assertTrue(((String) run.get("reason")).contains("non-finite"));
        assertTrue(!r.err().contains("Exception"), r.err());
    }

    @Test
    void badTrainSectionsAreOneLineErrors() throws Exception {
        String[][] cases = {
                {"\"train\": {\"method\": \"adam\", \"T\": 1}", "train.method"},
                {"\"train\": {\"method\": \"gd\", \"steps\": 10}", "train.eta"},
                {"\"train\": {\"method\": \"gd\", \"eta\": 0.1, \"steps\": 10, \"T\": 2}", "train.T"},
                {"\"train\": {\"method\": \"dp853\", \"T\": 1, \"rtol\": -1}", "train.rtol"},
                {"\"train\": {\"method\": \"dp853\", \"T\": 1, \"tol\": 1e-6}", "train.tol"},
                {"\"train\": {\"method\": \"dp853\", \"T\": 1, \"sampleTimes\": [0.5, 2]}", "train.sampleTimes[1]"},
                {"\"train\": {\"method\": \"gd\", \"eta\": 0.1, \"steps\": 10, \"sampleEvery\": 0.15}", "train.sampleEvery"},
                {"\"train\": {\"method\": \"rk4\", \"steps\": 10}", "train.h"},
                {"\"train\": {\"method\": \"dp54\", \"T\": 1}, \"output\": {\"snapshot\": true}", "output.snapshot"},
        };
        for (String[] c : cases) {
            GradCommandTest.Run r = GradCommandTest.run("train", "--spec", spec(c[0]).toString(), "--out", dir.resolve("x").toString());
            assertEquals(2, r.code(), c[1] + ": " + r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().contains(c[1]) && r.err().strip().split("\n").length == 1, c[1] + ": " + r.err());
        }
        Path noTrain = dir.resolve("nt.json");
        Files.writeString(noTrain, BASE + "}");
        GradCommandTest.Run r = GradCommandTest.run("train", "--spec", noTrain.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("train"));
    }
}
