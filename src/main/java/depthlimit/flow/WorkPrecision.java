package depthlimit.flow;

import depthlimit.model.Backprop;
import depthlimit.plot.Axis;
import depthlimit.plot.Figure;
import depthlimit.plot.Series;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The work–precision diagram of the training-time integrators (DiffEqDevTools style): for dp853 and dp54 over a range
 * of tolerances, and rk4 and gd (explicit Euler) over a range of steps, the error ‖θ(T) − θ_ref(T)‖/‖θ_ref(T)‖
 * against the gradient evaluations spent, θ_ref from dp853 at rtol 10⁻¹³. Runs that fail are left out. A result that
 * describes ({@link #toMap()}) and plots ({@link #figure}) itself, like the convergence studies of the limit package.
 *
 * @param points the completed integrations, in the order measured (dp853, dp54 by decreasing tolerance, then rk4, gd
 *               by increasing steps)
 */
public record WorkPrecision(List<Point> points) {
    public WorkPrecision {
        points = List.copyOf(points);
    }

    /** One integration: its method, the tolerance or step, the evaluations it used and its relative error at T. */
    public record Point(Method method, double setting, long evaluations, double error) {}

    public static WorkPrecision measure(Backprop bp, double[] theta0, double T) {
        TrainingResult ref = new Trainer(bp, TrainSpec.adaptive(Method.DP853, T, 1e-13, 1e-15, 5_000_000, Double.NaN)).run(theta0);
        if (!ref.completed()) throw new IllegalStateException("reference integration failed: " + ref.reason());
        double norm = 0;
        for (double v : ref.finalTheta()) norm += v * v;
        norm = Math.sqrt(norm);
        List<Point> pts = new ArrayList<>();
        for (Method m : new Method[]{Method.DP853, Method.DP54})
            for (double tol : new double[]{1e-3, 1e-5, 1e-7, 1e-9})
                add(pts, m, tol, new Trainer(bp, TrainSpec.adaptive(m, T, tol, tol * 1e-2, 5_000_000, Double.NaN)).run(theta0), ref, norm);
        for (int steps : new int[]{4, 8, 16, 32, 64})
            add(pts, Method.RK4, T / steps, new Trainer(bp, TrainSpec.fixed(Method.RK4, T / steps, steps, Double.NaN)).run(theta0), ref, norm);
        for (int steps : new int[]{16, 64, 256, 1024, 4096})
            add(pts, Method.GD, T / steps, new Trainer(bp, TrainSpec.gd(T / steps, steps, Double.NaN)).run(theta0), ref, norm);
        return new WorkPrecision(pts);
    }

    private static void add(List<Point> pts, Method m, double setting, TrainingResult r, TrainingResult ref, double norm) {
        if (!r.completed()) return;
        double s = 0;
        for (int i = 0; i < r.finalTheta().length; i++) { double d = r.finalTheta()[i] - ref.finalTheta()[i]; s += d * d; }
        pts.add(new Point(m, setting, r.stats().rhsEvaluations(), Math.sqrt(s) / norm));
    }

    /** The points of one method, in the order measured. */
    public List<Point> of(Method m) {
        return points.stream().filter(x -> x.method() == m).toList();
    }

    /** Per method (by its spec name): the settings, evaluations and errors of its runs, in order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Method method : new Method[]{Method.DP853, Method.DP54, Method.RK4, Method.GD}) {
            List<Point> p = of(method);
            if (p.isEmpty()) continue;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(method.adaptive() ? "rtol" : "step", p.stream().mapToDouble(Point::setting).toArray());
            row.put("evaluations", p.stream().mapToDouble(Point::evaluations).toArray());
            row.put("relative_error", p.stream().mapToDouble(Point::error).toArray());
            m.put(method.specName(), row);
        }
        return m;
    }

    /** The diagram on log–log axes, one series per method; {@code setting} (the problem) goes into the caption. */
    public Figure figure(String setting) {
        List<Series> s = new ArrayList<>();
        for (Method m : new Method[]{Method.DP853, Method.DP54, Method.RK4, Method.GD}) {
            List<Point> p = of(m);
            if (p.isEmpty()) continue;
            double[] x = new double[p.size()], y = new double[p.size()];
            for (int i = 0; i < x.length; i++) { x[i] = p.get(i).evaluations(); y[i] = p.get(i).error(); }
            s.add(Series.points(m.specName() + (m.adaptive() ? " (rtol 1e-3 … 1e-9)" : " (fixed steps)"), x, y));
        }
        return new Figure("work-precision", "Work–precision of the training-time integrators",
                "Relative error of θ(T) against a dp853 reference at rtol 1e-13, against the gradient evaluations spent; " + setting
                        + ". Slopes on these axes: −1 for gd (Euler), −4 for rk4; the adaptive methods follow their orders 8 and 5.",
                Axis.log("gradient evaluations"), Axis.log("‖θ(T) − θ_ref(T)‖/‖θ_ref(T)‖"), s);
    }
}
