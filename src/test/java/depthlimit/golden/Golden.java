package depthlimit.golden;

import depthlimit.data.Dataset;
import depthlimit.io.Json;
import depthlimit.io.Npy;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the golden files of src/test/resources/golden/, written by src/test/python/make_golden.py (NumPy, PyTorch
 * and SciPy from the paper's equations; regenerate with {@code /usr/bin/python3 src/test/python/make_golden.py}).
 * Every input — data, parameters, weight-function coefficients — comes from these files, so the Java side only
 * loads and evaluates. The JSON names conventions and activations by their spec names ("paper", "authors-code",
 * "tanh", …): the test maps a name to the engine's enum, never a constant.
 */
public final class Golden {
    public static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(String name) {
        try {
            return (Map<String, Object>) Json.parse(Files.readString(DIR.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Json.ParseException e) {
            throw new IllegalStateException(name + ": " + e.getMessage(), e);
        }
    }

    public static Npy.Array npy(String name) {
        try {
            return Npy.read(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static double[] array(Object fileName) {
        return npy((String) fileName).data();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> cases(Map<String, Object> json) {
        return (List<Map<String, Object>>) json.get("cases");
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    public static int integer(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).intValue();
    }

    public static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    public static double[] doubles(Object list) {
        @SuppressWarnings("unchecked") List<Object> l = (List<Object>) list;
        double[] r = new double[l.size()];
        for (int i = 0; i < r.length; i++) r[i] = ((Number) l.get(i)).doubleValue();
        return r;
    }

    public static Convention convention(Map<String, Object> c) {
        Convention conv = Convention.fromSpecName((String) c.get("convention"));
        if (conv == null) throw new IllegalStateException("unknown convention " + c.get("convention"));
        return conv;
    }

    /** The architecture of a case: sizes from {@code dims}, convention, activation, trainA/trainB from the case. */
    public static Architecture architecture(Map<String, Object> dims, Map<String, Object> c, int L, boolean trainA, boolean trainB) {
        return new Architecture(integer(dims, "d"), integer(dims, "q"), integer(dims, "m"), integer(dims, "dOut"), L,
                Activations.builtIn((String) c.get("activation")).orElseThrow(), convention(c), trainA, trainB);
    }

    public static Dataset data(Map<String, Object> dims, String x, String y) {
        return new Dataset(integer(dims, "n"), integer(dims, "d"), integer(dims, "dOut"), array(x), array(y));
    }

    /** max_i |a_i − b_i| / max_i |b_i|. */
    public static double relative(double[] got, double[] ref) {
        if (got.length != ref.length) throw new IllegalArgumentException(got.length + " vs " + ref.length);
        double diff = 0, scale = 0;
        for (int i = 0; i < ref.length; i++) {
            diff = Math.max(diff, Math.abs(got[i] - ref[i]));
            scale = Math.max(scale, Math.abs(ref[i]));
        }
        return scale > 0 ? diff / scale : diff;
    }

    public static double relative(double got, double ref) {
        return Math.abs(got - ref) / Math.abs(ref);
    }
}
