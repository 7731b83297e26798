package depthlimit.model;

/**
 * An activation σ: ℝ → ℝ applied elementwise in the residual branch of eq. (3), with its first two derivatives.
 * The paper assumes σ is C², non-constant, Lipschitz, bounded and σ(0) = 0 (Section 2); which built-ins meet
 * which hypothesis is reported by the symbolic layer, not enforced here (GELU, the paper's own experimental
 * choice, is unbounded; ReLU is not C²).
 */
public interface Activation {
    /** The name used in specs ("tanh", "gelu", ...). */
    String name();

    double value(double x);

    /** σ′(x). */
    double d1(double x);

    /** σ″(x) (0 almost everywhere for ReLU and identity). */
    double d2(double x);

    /** True when σ is C² (the hypothesis of Propositions 3, 7 and Theorem 4). */
    boolean isC2();

    /**
     * Hot path of the forward pass: s[off+i] = σ(u[uOff+i]) and ds[off+i] = σ′(u[uOff+i]) for i in [0, len).
     * Built-ins override it so that the loop is monomorphic and shares work between σ and σ′ (one exp for GELU).
     */
    default void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len) {
        for (int i = 0; i < len; i++) {
            double x = u[uOff + i];
            s[off + i] = value(x);
            ds[off + i] = d1(x);
        }
    }
}
