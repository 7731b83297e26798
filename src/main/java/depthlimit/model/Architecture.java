package depthlimit.model;

/**
 * The shape of the ResNet of eq. (3): input dimension d, hidden q, residual width m, output d′, depth L, the
 * activation, the scaling convention, and which of A, B are trained (the residual weights V_k, W_k always are).
 *
 * <p>All parameters live in one flat vector θ = [A | V_1..V_L | W_1..W_L | B] in row-major paper orientation,
 * A (q,d), V (L,q,m), W (L,m,q), B (d′,q): exactly the .npy layouts, and the state vector of the gradient flow.
 */
public record Architecture(int d, int q, int m, int dOut, int L, Activation activation, Convention convention,
                          boolean trainA, boolean trainB) {

    public Architecture {
        if (d < 1 || q < 1 || m < 1 || dOut < 1 || L < 1)
            throw new IllegalArgumentException("all sizes must be positive: d=" + d + " q=" + q + " m=" + m
                    + " d'=" + dOut + " L=" + L);
    }

    public int sizeA() { return q * d; }
    public int sizeV() { return L * q * m; }
    public int sizeW() { return L * m * q; }
    public int sizeB() { return dOut * q; }
    public int layerV() { return q * m; }
    public int layerW() { return m * q; }

    public int offA() { return 0; }
    public int offV() { return sizeA(); }
    public int offW() { return sizeA() + sizeV(); }
    public int offB() { return sizeA() + sizeV() + sizeW(); }
    public int size() { return offB() + sizeB(); }

    /** Refuses a flat vector (θ, or a gradient in θ's layout) whose length is not {@link #size()}, naming it. */
    public void requireSize(String name, double[] a) {
        if (a.length != size())
            throw new IllegalArgumentException(name + " has " + a.length + " entries, the architecture needs " + size());
    }

    public double cRes() { return convention.cRes(L, m); }
    public double cPre() { return convention.cPre(q); }

    public Architecture withDepth(int depth) {
        return new Architecture(d, q, m, dOut, depth, activation, convention, trainA, trainB);
    }

    /** Floating-point operations of one loss+gradient evaluation on n samples, the benchmark's count 12·n·L·m·q. */
    public double flopsPerGradient(int n) {
        return 12.0 * n * L * m * q;
    }
}
