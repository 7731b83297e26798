package depthlimit.model;

/**
 * Euclidean norms and distances of flat parameter vectors and of their blocks (a layer, A, B, one hidden state), and
 * the max-norm distance. Every sum runs in index order, so that a result is bit-reproducible.
 */
public final class Vectors {
    private Vectors() {}

    /** ‖a‖₂ (the Frobenius norm when {@code a} holds a matrix). */
    public static double norm(double[] a) {
        double s = 0;
        for (double v : a) s += v * v;
        return Math.sqrt(s);
    }

    /** ‖a − b‖₂ over the length of {@code a} ({@code b} at least as long). */
    public static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }

    /** ‖x[off .. off+len)‖₂, summed in index order. */
    public static double norm(double[] x, int off, int len) {
        double s = 0;
        for (int i = off; i < off + len; i++) s += x[i] * x[i];
        return Math.sqrt(s);
    }

    /** ‖a[offA .. offA+len) − b[offB .. offB+len)‖₂, summed in index order. */
    public static double distance(double[] a, int offA, double[] b, int offB, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            double e = a[offA + i] - b[offB + i];
            s += e * e;
        }
        return Math.sqrt(s);
    }

    /** max_i |a[i] − b[i]| over the length of {@code a} ({@code b} at least as long); 0 for empty vectors, NaN if any difference is NaN. */
    public static double maxAbsDiff(double[] a, double[] b) {
        double w = 0;
        for (int i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - b[i]));
        return w;
    }
}
