package depthlimit.symbolic;

import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.random.Rng;

import java.util.Locale;

/**
 * ns per element of {@link Activation#eval} (σ and σ′ of a block of N(0, 1) pre-activations), built-ins against the
 * same functions written as Symja expressions (Janino-compiled) and through the tape interpreter. Not a test:
 * {@code mvn -q test-compile exec:java} is not configured, run it with
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) depthlimit.symbolic.ActivationBench}.
 */
public final class ActivationBench {
    public static void main(String[] args) {
        String[][] pairs = {
                {"gelu", "x*(1 + Erf[x/Sqrt[2]])/2"},
                {"tanh", "Tanh[x]"},
                {"gauss-x", "x*Exp[-x^2/2]"},
                {"sin", "Sin[x]"}};
        int n = 100 * 32 * 64;
        double[] u = new double[n], s = new double[n], ds = new double[n];
        new Rng(2).fillGaussian(u, 0, n, 1);
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            Activation b = Activations.builtIn(p[0]).orElseThrow();
            SymbolicActivation user = (SymbolicActivation) SymbolicActivations.resolve(p[1], "bench");
            ActivationKernel interp = JavaKernels.interpreted(user.tape());
            out.append(String.format(Locale.ROOT, "%-8s built-in %6.1f ns   %-28s Janino %6.1f ns   interpreter %6.1f ns%n",
                    p[0], time(b::eval, u, s, ds), p[1], time(user::eval, u, s, ds), time(interp::eval, u, s, ds)));
        }
        System.out.print(out);
        System.exit(0);
    }

    interface Loop { void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len); }

    /** Median of 7 timed rounds of ~0.4 s each, after 1 s of warm-up. */
    static double time(Loop f, double[] u, double[] s, double[] ds) {
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) f.eval(u, 0, s, ds, 0, u.length);
        double[] r = new double[7];
        for (int k = 0; k < r.length; k++) {
            long t0 = System.nanoTime();
            int reps = 0;
            while (System.nanoTime() - t0 < 400_000_000L) { f.eval(u, 0, s, ds, 0, u.length); reps++; }
            r[k] = (System.nanoTime() - t0) / (double) reps / u.length;
        }
        java.util.Arrays.sort(r);
        return r[r.length / 2];
    }
}
