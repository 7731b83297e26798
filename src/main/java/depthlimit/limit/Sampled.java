package depthlimit.limit;

/**
 * Averages of a function known only at sample times, with an error estimate: the trapezoid rule on the samples and
 * on every other sample, whose difference (Richardson) estimates the error of the finer one for smooth integrands.
 */
public final class Sampled {
    private Sampled() {}

    /**
     * The mean value over [t[from], t[to]] by the trapezoid rule and |mean − mean on every other sample| / 3 (the
     * Richardson estimate of a second-order rule, {@link depthlimit.model.Richardson}; written out here because
     * dividing once by 3·span, not by 3 and then by span, keeps the evidence of thm6.exponential-decay bit-identical).
     */
    public static double[] meanWithError(double[] t, double[] f, int from, int to) {
        if (to - from < 2) throw new IllegalArgumentException("need at least 3 samples, got " + (to - from + 1));
        double fine = 0, coarse = 0;
        for (int i = from; i < to; i++) fine += 0.5 * (t[i + 1] - t[i]) * (f[i] + f[i + 1]);
        int i = from;
        for (; i + 2 <= to; i += 2) coarse += 0.5 * (t[i + 2] - t[i]) * (f[i] + f[i + 2]);
        if (i < to) coarse += 0.5 * (t[to] - t[i]) * (f[i] + f[to]);
        double span = t[to] - t[from];
        return new double[]{fine / span, Math.abs(fine - coarse) / (3 * span)};
    }
}
