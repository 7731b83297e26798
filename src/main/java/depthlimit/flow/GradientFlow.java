package depthlimit.flow;

import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * The right-hand side of the gradient flow, eq. (4) (clipped: eq. (5)), on θ = [A | V | W | B]:
 * <pre>  dA/dt = −π(∂ℓ/∂A),   dZ_k/dt = −π(L ∂ℓ/∂Z_k),   dB/dt = −π(∂ℓ/∂B),</pre>
 * with frozen blocks held fixed and π = identity or coordinatewise clipping at C. The factor L on the residual
 * weights is the counterpart of the 1/L in eq. (3). Along (4), dℓ/dt = −G.
 *
 * <p>{@link #rhs} allocates nothing. {@link #computeDerivatives} must return a fresh array because Hipparchus keeps
 * it as a stage derivative; that one array per call is the only allocation.
 */
public final class GradientFlow implements OrdinaryDifferentialEquation {
    /** Thrown out of the integrator when the loss or the right-hand side stops being finite. */
    public static final class Divergence extends RuntimeException {
        public final double time;

        Divergence(double time, String what) {
            super(what + " at t = " + time);
            this.time = time;
        }
    }

    private final Backprop bp;
    private final Architecture arch;
    private final double clip;
    private final double[] grad;
    private long evaluations;
    private long nanos;
    private double lastLoss = Double.NaN;

    public GradientFlow(Backprop bp, double clip) {
        this.bp = bp;
        this.arch = bp.architecture();
        this.clip = clip;
        this.grad = new double[arch.size()];
    }

    public Backprop backprop() { return bp; }

    public int getDimension() { return arch.size(); }

    public long evaluations() { return evaluations; }

    /** Wall time spent inside {@link #rhs}, in seconds (the rest of a run is integrator and recording overhead). */
    public double rhsSeconds() { return nanos / 1e9; }

    public double lastLoss() { return lastLoss; }

    /** The plain gradient of the last evaluation (no factor L, no clipping). */
    public double[] lastGradient() { return grad; }

    @Override
    public double[] computeDerivatives(double t, double[] y) {
        double[] f = new double[y.length];
        rhs(t, y, f);
        return f;
    }

    /** f = π(−(∂_Aℓ, L ∂_Zℓ, ∂_Bℓ)) with zeros for frozen blocks; returns ℓ(θ). */
    public double rhs(double t, double[] theta, double[] f) {
        long t0 = System.nanoTime();
        try {
            return evaluate(t, theta, f);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    /**
     * ℓ(θ) and the plain gradient (then in {@link #lastGradient}) with the same divergence checks as {@link #rhs},
     * without writing a right-hand side: gradient descent steps with the gradient alone, and at L = 16384 the
     * right-hand side would be one more 134 MB vector. Counted and timed as an evaluation.
     */
    public double lossAndGradient(double t, double[] theta) {
        return rhs(t, theta, null);
    }

    /** f may be null (nothing written; the checks are the same). */
    private double evaluate(double t, double[] theta, double[] f) {
        double loss = bp.lossAndGradient(theta, grad);
        evaluations++;
        lastLoss = loss;
        if (!Double.isFinite(loss)) throw new Divergence(t, "non-finite loss " + loss);
        double check = 0;
        check += scale(arch.offA(), arch.sizeA(), arch.trainA() ? -1.0 : 0.0, f);
        check += scale(arch.offV(), arch.sizeV() + arch.sizeW(), -(double) arch.L(), f);
        check += scale(arch.offB(), arch.sizeB(), arch.trainB() ? -1.0 : 0.0, f);
        if (!Double.isFinite(check)) throw new Divergence(t, "non-finite gradient");
        return loss;
    }

    private double scale(int off, int len, double factor, double[] f) {
        double s = 0;
        boolean clipped = !Double.isNaN(clip);
        for (int i = off, end = off + len; i < end; i++) {
            double v = factor * grad[i];
            if (clipped) v = Math.max(-clip, Math.min(clip, v));
            if (f != null) f[i] = v;
            s += v;
        }
        return s;
    }
}
