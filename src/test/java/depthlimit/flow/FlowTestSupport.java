package depthlimit.flow;

import depthlimit.data.Dataset;
import depthlimit.io.Json;
import depthlimit.model.Backprop;
import depthlimit.spec.ExperimentSpec;

import java.nio.file.Path;

/** Builds and runs specs written inline as JSON. */
final class FlowTestSupport {
    private FlowTestSupport() {}

    static ExperimentSpec spec(String json) {
        try {
            return ExperimentSpec.parse(Json.parse(json), Path.of("."));
        } catch (Json.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    record Run(TrainingResult result, MetricsRecorder metrics, ExperimentSpec spec) {}

    static Run run(String json) {
        ExperimentSpec s = spec(json);
        Dataset data = s.createData();
        double[] theta0 = s.createParameters().theta;
        MetricsRecorder rec = new MetricsRecorder(s.architecture(), theta0, !s.train().method().adaptive(), null);
        TrainingResult r = new Trainer(new Backprop(s.architecture(), data), s.train()).observe(rec).run(theta0);
        return new Run(r, rec, s);
    }

    /** A small paper-convention problem; {@code train} is the JSON of the train section. */
    static String small(String activation, String init, String train) {
        return "{\"model\": {\"convention\": \"paper\", \"activation\": \"" + activation + "\", \"depth\": 8, \"width\": 6, "
                + "\"hidden\": 5, \"input\": 2, \"output\": 2}, \"data\": {\"generator\": \"gaussian\", \"n\": 10, \"seed\": 3}, "
                + "\"init\": " + init + ", \"train\": " + train + "}";
    }

    static final String GP = "{\"scheme\": \"gp\", \"seed\": 4, \"lengthScale\": 0.3}";

    static double distance(double[] a, double[] b) {
        return depthlimit.model.Vectors.distance(a, b);
    }

    static double norm(double[] a) {
        return depthlimit.model.Vectors.norm(a);
    }
}
