package depthlimit.data;

import depthlimit.init.GaussianProcess;
import depthlimit.model.Activation;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;
import depthlimit.model.Parameters;
import depthlimit.model.ResNet;
import depthlimit.random.Rng;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels from a fixed random ResNet (a realizable target): x_i ~ N(0, I_d), y_i = labelScale·F_teacher(x_i) + noise,
 * where the teacher is eq. (3) with the student's convention, activation, hidden and output sizes, its own depth
 * and width, and a smooth GP initialization (length-scale {@code lengthScale}) drawn from this generator's seed.
 */
public record TeacherData(int n, long seed, double labelScale, int depth, int width, double lengthScale,
                          double noise, Activation activation, Convention convention) implements DataSource {
    public String name() { return "teacher"; }

    public Dataset create(int d, int dOut, int q) {
        Architecture t = new Architecture(d, q, width, dOut, depth, activation, convention, true, true);
        Parameters theta = new GaussianProcess(seed ^ 0x7EAC4E5L, lengthScale, 1.0, 1.0).create(t);
        ResNet net = new ResNet(t);
        double[] x = new double[n * d], y = new double[n * dOut];
        Rng.stream(seed, "data.teacher.X").fillGaussian(x, 0, x.length, 1.0);
        Rng noiseRng = Rng.stream(seed, "data.teacher.noise");
        double[] xi = new double[d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * d, xi, 0, d);
            double[] f = net.forward(theta.theta, xi, null);
            for (int b = 0; b < dOut; b++) y[i * dOut + b] = labelScale * f[b] + noise * noiseRng.nextGaussian();
        }
        return new Dataset(n, d, dOut, x, y);
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", name());
        m.put("n", n);
        m.put("seed", seed);
        m.put("labelScale", labelScale);
        m.put("depth", depth);
        m.put("width", width);
        m.put("lengthScale", lengthScale);
        m.put("noise", noise);
        return m;
    }
}
