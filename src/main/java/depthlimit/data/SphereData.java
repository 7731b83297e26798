package depthlimit.data;

import depthlimit.random.Rng;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * x_i uniform on the sphere ‖x‖₂ = √q (Proposition 5's hypothesis, q the hidden width), y_i ~ N(0, labelScale² I):
 * small labelScale gives the small-label regime of Theorem 6.
 */
public record SphereData(int n, long seed, double labelScale) implements DataSource {
    public String name() { return "sphere"; }

    public Dataset create(int d, int dOut, int q) {
        double[] x = new double[n * d], y = new double[n * dOut];
        Rng rx = Rng.stream(seed, "data.sphere.X");
        double radius = Math.sqrt(q);
        for (int i = 0; i < n; i++) {
            double norm;
            do {
                rx.fillGaussian(x, i * d, d, 1.0);
                double s = 0;
                for (int c = 0; c < d; c++) s += x[i * d + c] * x[i * d + c];
                norm = Math.sqrt(s);
            } while (norm == 0);
            for (int c = 0; c < d; c++) x[i * d + c] *= radius / norm;
        }
        Rng.stream(seed, "data.sphere.Y").fillGaussian(y, 0, y.length, labelScale);
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
