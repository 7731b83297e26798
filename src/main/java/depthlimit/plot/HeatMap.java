package depthlimit.plot;

/**
 * Values z[i][j] at (xs[i], ys[j]) on a grid, e.g. ‖𝒱^L(·,t) − 𝒱(·,t)‖ over (training time t, depth L). With
 * {@code logScale} the colours follow log₁₀ z (errors spanning decades); the CSV keeps z itself.
 */
public record HeatMap(String name, String title, String caption, Axis x, Axis y, String zLabel, boolean logScale,
                      double[] xs, double[] ys, double[][] z) implements Plot {
    public HeatMap {
        Plot.checkName(name);
        if (z.length != xs.length) throw new IllegalArgumentException("heat map " + name + ": " + z.length + " rows for " + xs.length + " x values");
        double[][] c = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            if (z[i].length != ys.length) throw new IllegalArgumentException("heat map " + name + ": row " + i + " has " + z[i].length + " values for " + ys.length + " y values");
            c[i] = z[i].clone();
        }
        z = c;
        xs = xs.clone();
        ys = ys.clone();
    }

    public double z(int i, int j) { return z[i][j]; }

    @Override
    public double[] xs() { return xs.clone(); }

    @Override
    public double[] ys() { return ys.clone(); }

    @Override
    public double[][] z() {
        double[][] c = new double[z.length][];
        for (int i = 0; i < z.length; i++) c[i] = z[i].clone();
        return c;
    }

    /** Columns x, y, z: one line per cell, x outer. */
    @Override
    public String csv() {
        StringBuilder b = new StringBuilder("x,y,z\n");
        for (int i = 0; i < xs.length; i++)
            for (int j = 0; j < ys.length; j++) b.append(xs[i]).append(',').append(ys[j]).append(',').append(z[i][j]).append('\n');
        return b.toString();
    }
}
