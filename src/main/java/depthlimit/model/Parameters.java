package depthlimit.model;

import java.util.Arrays;

/**
 * A, (V_k), (W_k), B of eq. (3) as one flat vector θ (layout in {@link Architecture}). Layer k ∈ {1..L} of V
 * starts at offV + (k−1)·q·m, of W at offW + (k−1)·m·q.
 */
public final class Parameters {
    public final Architecture arch;
    public final double[] theta;

    public Parameters(Architecture arch) {
        this(arch, new double[arch.size()]);
    }

    public Parameters(Architecture arch, double[] theta) {
        arch.requireSize("θ", theta);
        this.arch = arch;
        this.theta = theta;
    }

    public Parameters copy() {
        return new Parameters(arch, theta.clone());
    }

    public double[] a() { return Arrays.copyOfRange(theta, arch.offA(), arch.offV()); }
    public double[] v() { return Arrays.copyOfRange(theta, arch.offV(), arch.offW()); }
    public double[] w() { return Arrays.copyOfRange(theta, arch.offW(), arch.offB()); }
    public double[] b() { return Arrays.copyOfRange(theta, arch.offB(), arch.size()); }

    public void setA(double[] a) { System.arraycopy(a, 0, theta, arch.offA(), arch.sizeA()); }
    public void setV(double[] v) { System.arraycopy(v, 0, theta, arch.offV(), arch.sizeV()); }
    public void setW(double[] w) { System.arraycopy(w, 0, theta, arch.offW(), arch.sizeW()); }
    public void setB(double[] b) { System.arraycopy(b, 0, theta, arch.offB(), arch.sizeB()); }

    /** Offset in θ of V_k, k ∈ {1..L}. */
    public int offV(int k) { return arch.offV() + (k - 1) * arch.layerV(); }

    /** Offset in θ of W_k, k ∈ {1..L}. */
    public int offW(int k) { return arch.offW() + (k - 1) * arch.layerW(); }
}
