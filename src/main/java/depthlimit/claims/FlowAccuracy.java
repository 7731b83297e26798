package depthlimit.claims;

import depthlimit.data.Dataset;
import depthlimit.flow.Method;
import depthlimit.flow.TrainSpec;
import depthlimit.model.Architecture;
import depthlimit.model.Richardson;
import depthlimit.model.Vectors;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * Whether the adaptive gradient-flow solver (dp853) delivers the accuracy it is asked for. θ(T) of the flow (4) from
 * dp853 at rtol r (atol = r/100, as the claims integrate the flow) is compared with an independent fixed-step RK4
 * reference whose own error is estimated by Richardson extrapolation, |θ_{2N} − θ_N|/15 (RK4 is fourth order; N doubles
 * until that estimate is below a tenth of both the allowance below and the looser error, so that it decides both
 * comparisons).
 *
 * <p>The allowance: dp853 accepts a step only when its local error estimate is below rtol·|θ| + atol per component,
 * so n accepted steps commit at most n·(rtol·max|θ| + atol) in total; on a short horizon of a gradient flow (which
 * damps perturbations along the Hessian's positive directions) the global error stays below that sum. The check
 * demands it at the two tolerances {@link #LOOSE} and {@link #TIGHT}, and that the tighter one is strictly more
 * accurate (with the reference's error on both sides). A solver that ignores its tolerances fails both: at
 * rtol 10⁻¹⁰ it delivers the error of whatever accuracy it really uses.
 */
public final class FlowAccuracy {
    private FlowAccuracy() {}

    /** The looser and the tighter rtol (the latter the one the Theorem-4 claims integrate the flow at). */
    public static final double LOOSE = 1e-6, TIGHT = 1e-10;
    /** Cap of the RK4 reference's steps (doubling from 64). */
    static final int MAX_STEPS = 1 << 14;

    public static final String PREDICTED = "; the flow is integrated as accurately as asked: the error of θ(T) from dp853 at rtol "
            + Tolerance.number(LOOSE) + " and " + Tolerance.number(TIGHT) + " (atol = rtol/100), against a Richardson-checked RK4 "
            + "reference, is below the sum of the local-error allowances n_steps·(rtol·max|θ| + atol) and smaller at the tighter rtol";

    public record Result(boolean ok, boolean referenceOk, double errLoose, double errTight, double allowLoose, double allowTight,
                  double refError, int steps, String reason) {
        public void into(Evidence e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dp853 error at rtol " + LOOSE, errLoose);
            m.put("allowance at rtol " + LOOSE, allowLoose);
            m.put("dp853 error at rtol " + TIGHT, errTight);
            m.put("allowance at rtol " + TIGHT, allowTight);
            m.put("RK4 reference steps", steps);
            m.put("RK4 Richardson error estimate", refError);
            m.put("verdict", reason);
            e.put("flow_accuracy", m);
        }
    }

    /** The dp853 spec at a tolerance, as the claims integrate the flow (atol two decades below rtol). */
    public static TrainSpec dp853(double T, double rtol) {
        return TrainSpec.adaptive(Method.DP853, T, rtol, rtol * 1e-2, 5_000_000, Double.NaN);
    }

    /** {@code solver}: the adaptive spec for a given rtol on [0, T] (tests pass a faulty one). */
    public static Result check(Architecture a, Dataset data, double[] theta0, double T, DoubleFunction<TrainSpec> solver) {
        Experiment.Run loose = Experiment.train(a, data, theta0, solver.apply(LOOSE), false);
        Experiment.Run tight = Experiment.train(a, data, theta0, solver.apply(TIGHT), false);
        if (!loose.result().completed() || !tight.result().completed())
            return new Result(false, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, "dp853 did not complete");
        double scale = 0;
        for (double v : tight.result().finalTheta()) scale = Math.max(scale, Math.abs(v));
        double allowLoose = loose.result().stats().acceptedSteps() * (LOOSE * scale + LOOSE * 1e-2);
        double allowTight = tight.result().stats().acceptedSteps() * (TIGHT * scale + TIGHT * 1e-2);
        int n = 64;
        double[] coarse = rk4(a, data, theta0, T, n);
        double errLoose = Double.NaN, errTight = Double.NaN, ref = Double.NaN;
        while (coarse != null && n <= MAX_STEPS) {
            double[] fine = rk4(a, data, theta0, T, 2 * n);
            if (fine == null) break;
            n *= 2;
            ref = Richardson.errorEstimate(coarse, fine, 4);   // RK4: fourth order
            errLoose = Vectors.maxAbsDiff(loose.result().finalTheta(), fine);
            errTight = Vectors.maxAbsDiff(tight.result().finalTheta(), fine);
            if (ref <= Math.min(allowTight, errLoose) / 10) {
                // the true errors lie within ±ref of the measured ones
                boolean within = errLoose + ref <= allowLoose && errTight + ref <= allowTight;
                boolean better = errTight + ref < errLoose - ref;
                return new Result(within && better, true, errLoose, errTight, allowLoose, allowTight, ref, n,
                        !within ? "error above the tolerance's allowance" : better ? "dp853 as accurate as asked"
                                : "the tighter tolerance is not more accurate");
            }
            coarse = fine;
        }
        return new Result(false, false, errLoose, errTight, allowLoose, allowTight, ref, n, "RK4 reference (up to "
                + MAX_STEPS + " steps) not a tenth of the allowance at rtol " + TIGHT);
    }

    private static double[] rk4(Architecture a, Dataset data, double[] theta0, double T, int n) {
        Experiment.Run r = Experiment.train(a, data, theta0, TrainSpec.fixed(Method.RK4, T / n, n, Double.NaN), false);
        return r.result().completed() ? r.result().finalTheta() : null;
    }
}
