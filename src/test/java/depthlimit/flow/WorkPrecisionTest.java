package depthlimit.flow;

import depthlimit.data.GaussianData;
import depthlimit.init.WeightTied;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import depthlimit.plot.Figure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The work–precision measurement on the report's small problem: errors fall with work at the methods' orders —
 * Euler (gd) error ∝ h ∝ 1/evaluations (slope −1), rk4 ∝ h⁴ (slope −4) — and the adaptive methods reach their
 * tolerances.
 */
class WorkPrecisionTest {
    @Test
    void errorsFallAtTheMethodsOrders() {
        Architecture a = new Architecture(3, 6, 8, 3, 16, Activations.TANH, Convention.PAPER, true, true);
        var data = new GaussianData(20, 1, 1.0).create(3, 3, 6);
        double[] theta0 = new WeightTied(2).create(a).theta;
        long t0 = System.nanoTime();
        WorkPrecision wp = WorkPrecision.measure(new Backprop(a, data), theta0, 1.0);
        List<WorkPrecision.Point> pts = wp.points();
        System.out.printf("work-precision: %d runs in %.2f s%n", pts.size(), (System.nanoTime() - t0) / 1e9);
        for (WorkPrecision.Point p : pts) System.out.println("  " + p);
        assertEquals(18, pts.size(), "every run completes");
        assertEquals(-1, slope(pts, Method.GD, 2), 0.05, "Euler is first order");
        assertEquals(-4, slope(pts, Method.RK4, 2), 0.3, "rk4 is fourth order");
        for (Method m : new Method[]{Method.DP853, Method.DP54}) {
            List<WorkPrecision.Point> p = pts.stream().filter(x -> x.method() == m).toList();
            assertTrue(p.get(p.size() - 1).error() < 1e-3 * p.get(0).error(), m + ": tightening rtol 10⁶-fold gains at least 10³");
            assertTrue(p.get(p.size() - 1).evaluations() > p.get(0).evaluations(), m + ": and costs more evaluations");
        }
        Figure f = wp.figure("test");
        assertEquals(4, f.series().size());
        // one series per method, in order, each with that method's runs only
        String[] names = {"dp853", "dp54", "rk4", "gd"};
        int[] sizes = {4, 4, 5, 5};
        for (int i = 0; i < 4; i++) {
            String label = f.series().get(i).name();
            assertTrue(label.startsWith(names[i] + " ") && label.contains(i < 2 ? "rtol" : "fixed steps"), label);
            assertEquals(sizes[i], f.series().get(i).size(), names[i]);
        }
        // settings and work of the fixed-step runs: h = T/steps, 4·steps + 1 (rk4) and steps + 1 (gd) gradients
        List<WorkPrecision.Point> rk = pts.stream().filter(x -> x.method() == Method.RK4).toList();
        List<WorkPrecision.Point> gd = pts.stream().filter(x -> x.method() == Method.GD).toList();
        assertEquals(1.0 / 4, rk.get(0).setting(), 0.0);
        assertEquals(4 * 4 + 1, rk.get(0).evaluations());
        assertEquals(1.0 / 16, gd.get(0).setting(), 0.0);
        assertEquals(16 + 1, gd.get(0).evaluations());
        // the plotted points are the measured ones: x = evaluations, y = error
        for (int i = 0; i < gd.size(); i++) {
            assertEquals(gd.get(i).evaluations(), f.series().get(3).x()[i], 0.0);
            assertEquals(gd.get(i).error(), f.series().get(3).y()[i], 0.0);
        }
        // the result as data: per method its settings, evaluations and errors, the same numbers as the points
        java.util.Map<String, Object> m = wp.toMap();
        assertEquals(List.of("dp853", "dp54", "rk4", "gd"), List.copyOf(m.keySet()));
        java.util.Map<?, ?> gdMap = (java.util.Map<?, ?>) m.get("gd");
        assertEquals(List.of("step", "evaluations", "relative_error"), List.copyOf(gdMap.keySet()));
        assertEquals(List.of("rtol", "evaluations", "relative_error"), List.copyOf(((java.util.Map<?, ?>) m.get("dp54")).keySet()));
        for (int i = 0; i < gd.size(); i++) {
            assertEquals(gd.get(i).setting(), ((double[]) gdMap.get("step"))[i], 0.0);
            assertEquals(gd.get(i).evaluations(), ((double[]) gdMap.get("evaluations"))[i], 0.0);
            assertEquals(gd.get(i).error(), ((double[]) gdMap.get("relative_error"))[i], 0.0);
        }
        // the error is ‖θ(T) − θ_ref(T)‖/‖θ_ref(T)‖, recomputed here from the two runs
        double[] ref = new Trainer(new Backprop(a, data), TrainSpec.adaptive(Method.DP853, 1.0, 1e-13, 1e-15, 5_000_000, Double.NaN))
                .run(theta0).finalTheta();
        double[] g16 = new Trainer(new Backprop(a, data), TrainSpec.gd(1.0 / 16, 16, Double.NaN)).run(theta0).finalTheta();
        double expected = depthlimit.model.Vectors.distance(g16, ref) / depthlimit.model.Vectors.norm(ref);
        assertEquals(expected, gd.get(0).error(), 1e-12 * expected);
    }

    /** Least-squares slope of log error against log evaluations over the finest {@code last} + 1 runs of one method. */
    static double slope(List<WorkPrecision.Point> pts, Method m, int last) {
        List<WorkPrecision.Point> p = pts.stream().filter(x -> x.method() == m).toList();
        p = p.subList(p.size() - last - 1, p.size());
        double mx = 0, my = 0, sxx = 0, sxy = 0;
        for (WorkPrecision.Point q : p) { mx += Math.log(q.evaluations()); my += Math.log(q.error()); }
        mx /= p.size();
        my /= p.size();
        for (WorkPrecision.Point q : p) {
            sxx += (Math.log(q.evaluations()) - mx) * (Math.log(q.evaluations()) - mx);
            sxy += (Math.log(q.evaluations()) - mx) * (Math.log(q.error()) - my);
        }
        return sxy / sxx;
    }
}
