package depthlimit.data;

import depthlimit.random.Rng;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * x_i ~ N(0, I_d), y_i ~ N(0, labelScale² I_{d′}), independent of each other: the synthetic setting of the paper's
 * experiments (Section 5, "focus is on optimization only").
 */
public record GaussianData(int n, long seed, double labelScale) implements DataSource {
    public String name() { return "gaussian"; }

    public Dataset create(int d, int dOut, int q) {
        double[] x = new double[n * d], y = new double[n * dOut];
        Rng.stream(seed, "data.gaussian.X").fillGaussian(x, 0, x.length, 1.0);
        Rng.stream(seed, "data.gaussian.Y").fillGaussian(y, 0, y.length, labelScale);
        return new Dataset(n, d, dOut, x, y);
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", name());
        m.put("n", n);
        m.put("seed", seed);
        m.put("labelScale", labelScale);
        return m;
    }
}
