package depthlimit.symbolic;

/** σ, σ′, σ″ of a compiled activation, and the fused loop the engine's forward pass calls. */
public interface ActivationKernel {
    double value(double x);

    double d1(double x);

    double d2(double x);

    /** s[off+i] = σ(u[uOff+i]), ds[off+i] = σ′(u[uOff+i]) for i in [0, len). */
    void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len);
}
