package depthlimit.data;

/**
 * n samples (x_i, y_i) ∈ ℝ^d × ℝ^{d′}, stored row-major as X (n,d) and Y (n,d′) like the .npy files.
 */
public record Dataset(int n, int d, int dOut, double[] x, double[] y) {
    public Dataset {
        if (n < 1 || d < 1 || dOut < 1) throw new IllegalArgumentException("empty dataset");
        if (x.length != n * d) throw new IllegalArgumentException("X has " + x.length + " entries, expected n·d = " + n * d);
        if (y.length != n * dOut) throw new IllegalArgumentException("Y has " + y.length + " entries, expected n·d' = " + n * dOut);
    }

    /** (1/n) Σ_i ‖y_i‖², the loss at the weight-tied initialization when q ≥ d + d′ (Section 3). */
    public double meanSquaredLabelNorm() {
        double s = 0;
        for (double v : y) s += v * v;
        return s / n;
    }
}
