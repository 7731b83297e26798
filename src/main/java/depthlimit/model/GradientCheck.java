package depthlimit.model;

/**
 * Checks {@link Backprop}'s gradient against finite differences of the loss. For every checked entry θ_j and
 * every step h of a sweep (h = 10⁻², 10⁻³, …, 10⁻⁷ times max(1, |θ_j|)), the central difference D(h) is
 * Richardson-extrapolated, R(h) = (4D(h/2) − D(h))/3 (truncation error O(h⁴), round-off O(ε ℓ / h)), and the step
 * that agrees best with the analytic value is kept: a correct gradient agrees to about 10⁻¹¹ relative at some step,
 * a wrong one at none. The report names the worst entry.
 */
public final class GradientCheck {
    private GradientCheck() {}

    static final double[] STEPS = {1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7};

    /** One checked entry: where it is, both values, and the errors. */
    public record Entry(String block, int layer, int row, int col, double analytic, double numeric,
                        double absError, double relError, double step) {
        @Override
        public String toString() {
            String where = block + (layer > 0 ? "_" + layer : "") + "[" + row + "," + col + "]";
            return String.format("%s: analytic %.17g, finite differences %.17g, abs error %.3g, rel error %.3g (step %.0e)",
                    where, analytic, numeric, absError, relError, step);
        }
    }

    /** Worst entry by relative error and the largest absolute error over all entries (every entry is checked). */
    public record Report(Entry worst, double maxAbsError, double gradientScale, int entries) {}

    /**
     * Checks every entry of θ (use small architectures). Relative errors are taken against
     * max(|analytic|, 10⁻⁴·‖∇ℓ‖_∞): the finite-difference round-off floor (about 3ε·ℓ/h) is set by the loss,
     * not by the entry, so tiny and exactly-zero partials are compared on the gradient's own scale.
     */
    public static Report check(Backprop bp, double[] theta) {
        Architecture arch = bp.architecture();
        double[] grad = new double[theta.length];
        bp.lossAndGradient(theta, grad);
        double scale = 0;
        for (double g : grad) scale = Math.max(scale, Math.abs(g));
        double[] th = theta.clone();
        Entry worst = null;
        double maxAbs = 0;
        for (int j = 0; j < th.length; j++) {
            double best = Double.POSITIVE_INFINITY, bestNum = Double.NaN, bestStep = Double.NaN;
            for (double step : STEPS) {
                double h = step * Math.max(1, Math.abs(theta[j]));
                double r = richardson(bp, th, j, h);
                double err = Math.abs(r - grad[j]);
                if (err < best) { best = err; bestNum = r; bestStep = h; }
            }
            double rel = best / Math.max(Math.abs(grad[j]), 1e-4 * scale);
            maxAbs = Math.max(maxAbs, best);
            if (worst == null || rel > worst.relError()) {
                int[] loc = locate(arch, j);
                worst = new Entry(blockName(arch, j), loc[0], loc[1], loc[2], grad[j], bestNum, best, rel, bestStep);
            }
        }
        return new Report(worst, maxAbs, scale, th.length);
    }

    private static double richardson(Backprop bp, double[] th, int j, double h) {
        double fine = central(bp, th, j, h / 2);                        // central differences: second order
        return Richardson.extrapolate(central(bp, th, j, h), fine, 2);
    }

    private static double central(Backprop bp, double[] th, int j, double h) {
        double t = th[j];
        th[j] = t + h;
        double plus = bp.loss(th);
        th[j] = t - h;
        double minus = bp.loss(th);
        th[j] = t;
        return (plus - minus) / (2 * h);
    }

    static String blockName(Architecture a, int j) {
        if (j < a.offV()) return "A";
        if (j < a.offW()) return "V";
        if (j < a.offB()) return "W";
        return "B";
    }

    /** {layer (1-based, 0 for A and B), row, col} of entry j of θ. */
    static int[] locate(Architecture a, int j) {
        if (j < a.offV()) return new int[]{0, j / a.d(), j % a.d()};
        if (j < a.offW()) {
            int r = j - a.offV();
            return new int[]{r / a.layerV() + 1, (r % a.layerV()) / a.m(), r % a.m()};
        }
        if (j < a.offB()) {
            int r = j - a.offW();
            return new int[]{r / a.layerW() + 1, (r % a.layerW()) / a.q(), r % a.q()};
        }
        int r = j - a.offB();
        return new int[]{0, r / a.q(), r % a.q()};
    }
}
