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

    /** f = π(−(∂_Aℓ, L ∂_Zℓ, ∂_Bℓ)) with zeros for frozen blocks (f null: not written, as {@link #gradient}); returns ℓ(θ). */
    public double rhs(double t, double[] theta, double[] f) {
        long t0 = System.nanoTime();
        try {
            return evaluate(t, theta, f);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    /**
     * ℓ(θ) and the plain gradient into {@link #lastGradient}, with the same divergence checks as {@link #rhs}, but
     * without writing the flow direction: gradient descent reads the gradient itself, the pass writing f cost
     * ≈ 5 % of a step at L = 256, and at L = 16384 f would be one more 134 MB vector. Counted and timed as an
     * evaluation.
     */
    public double gradient(double t, double[] theta) {
        return rhs(t, theta, null);
    }

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

    /**
     * f = factor·∇ℓ on one block (clipped if asked; f null: only the check); returns 0, or NaN if an entry is not
     * finite. The check runs as four independent chains: one chain of dependent additions over θ cost ≈ 8 % of a
     * gradient's time at L = 256 (it waits on the adder's latency at every entry); f itself does not depend on it.
     */
    private double scale(int off, int len, double factor, double[] f) {
        return scale(grad, off, len, factor, clip, f);
    }

    /** {@link #scale(int, int, double, double[])} on a given gradient (package-private for its test). */
    static double scale(double[] grad, int off, int len, double factor, double clip, double[] f) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        boolean clipped = !Double.isNaN(clip);
        int i = off, end = off + len;
        for (; i + 3 < end; i += 4) {
            double v0 = factor * grad[i], v1 = factor * grad[i + 1], v2 = factor * grad[i + 2], v3 = factor * grad[i + 3];
            if (clipped) {
                v0 = Math.max(-clip, Math.min(clip, v0));
                v1 = Math.max(-clip, Math.min(clip, v1));
                v2 = Math.max(-clip, Math.min(clip, v2));
                v3 = Math.max(-clip, Math.min(clip, v3));
            }
            if (f != null) {
                f[i] = v0;
                f[i + 1] = v1;
                f[i + 2] = v2;
                f[i + 3] = v3;
            }
            s0 += v0 * 0.0;   // 0 for a finite entry, NaN for ±∞ or NaN
            s1 += v1 * 0.0;
            s2 += v2 * 0.0;
            s3 += v3 * 0.0;
        }
        for (; i < end; i++) {
            double v = factor * grad[i];
            if (clipped) v = Math.max(-clip, Math.min(clip, v));
            if (f != null) f[i] = v;
            s0 += v * 0.0;
        }
        return s0 + s1 + s2 + s3;
    }
}
