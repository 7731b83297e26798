package depthlimit.properties;

import depthlimit.data.DataSource;
import depthlimit.data.GaussianData;
import depthlimit.data.SphereData;
import depthlimit.data.TeacherData;
import depthlimit.init.FractionalBrownian;
import depthlimit.init.GaussianProcess;
import depthlimit.init.InitScheme;
import depthlimit.init.Iid;
import depthlimit.init.WeightTied;
import depthlimit.io.Json;
import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generators of whole, valid, cheap configurations: convention, a smooth activation, depth, widths (with
 * q ≥ max(d, d′) always and q ≥ d + d′ when asked), sample size, init family with its parameters, data generator,
 * seeds. A configuration prints as the JSON spec that replays it with {@code bin/depthlimit grad --spec}.
 */
final class Configurations {
    private Configurations() {}

    static final List<Activation> SMOOTH = List.of(Activations.TANH, Activations.GELU, Activations.SIN, Activations.GAUSS_X);

    /** One generated configuration. {@code initKind}: 0 weight-tied, 1 gp, 2 fbm (H ≥ 0.9), 3 iid. */
    record Config(Convention convention, Activation activation, int depth, int width, int hidden, int input, int output,
                  int n, int initKind, double lengthScale, double hurst, int dataKind, long seed) {

        Architecture arch() {
            return new Architecture(input, hidden, width, output, depth, activation, convention, true, true);
        }

        Architecture arch(int L) {
            return arch().withDepth(L);
        }

        InitScheme init() {
            return switch (initKind) {
                case 0 -> new WeightTied(seed + 1);
                case 1 -> new GaussianProcess(seed + 1, lengthScale, 1.0, 1.0);
                case 2 -> new FractionalBrownian(seed + 1, hurst, 1.0, 1.0);
                default -> new Iid(seed + 1, 0.5, 1.0);
            };
        }

        DataSource data() {
            return switch (dataKind) {
                case 0 -> new GaussianData(n, seed, 1.0);
                case 1 -> new SphereData(n, seed, 0.5);
                default -> new TeacherData(n, seed, 1.0, 4, 3, 0.5, 0.0, activation, convention);
            };
        }

        /** The replay spec. */
        @Override
        public String toString() {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("convention", convention.specName());
            model.put("activation", activation.name());
            model.put("depth", depth);
            model.put("width", width);
            model.put("hidden", hidden);
            model.put("input", input);
            model.put("output", output);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("model", model);
            spec.put("data", data().describe());
            spec.put("init", init().describe());
            return "replay with bin/depthlimit grad --spec <file holding:> " + Json.write(spec).replace("\n", " ").replaceAll(" +", " ");
        }
    }

    /**
     * @param maxDepth largest depth
     * @param tied     q ≥ d + d′ (needed by the weight-tied identities)
     * @param initKinds allowed init families
     */
    static Gen<Config> configs(int maxDepth, boolean tied, int... initKinds) {
        Gen<Integer> conv = SourceDSL.integers().between(0, 1);
        Gen<Integer> act = SourceDSL.integers().between(0, SMOOTH.size() - 1);
        Gen<Integer> depth = SourceDSL.integers().between(1, maxDepth);
        Gen<int[]> dims = SourceDSL.integers().between(1, 3).zip(SourceDSL.integers().between(1, 3),
                SourceDSL.integers().between(0, 3), SourceDSL.integers().between(1, 5),
                (d, dOut, extra, m) -> new int[]{d, dOut, (tied ? d + dOut : Math.max(d, dOut)) + extra, m});
        Gen<Integer> n = SourceDSL.integers().between(1, 6);
        Gen<Integer> init = SourceDSL.integers().between(0, initKinds.length - 1).map(i -> initKinds[i]);
        Gen<double[]> params = SourceDSL.doubles().between(0.2, 1.0).zip(SourceDSL.doubles().between(0.9, 0.99),
                SourceDSL.integers().between(0, 2), (ls, h, dk) -> new double[]{ls, h, dk});
        Gen<Long> seed = SourceDSL.longs().between(0, 1_000_000);
        return conv.zip(act, depth, dims, (c, a, L, dm) -> new Object[]{c, a, L, dm})
                .zip(n, init, params, seed, (o, nn, ik, p, s) -> {
                    int[] dm = (int[]) o[3];
                    return new Config(Convention.values()[(Integer) o[0]], SMOOTH.get((Integer) o[1]), (Integer) o[2], dm[3],
                            dm[2], dm[0], dm[1], nn, ik, p[0], p[1], (int) p[2], s);
                });
    }
}
