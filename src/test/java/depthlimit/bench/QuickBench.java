package depthlimit.bench;

import depthlimit.data.Dataset;
import depthlimit.model.*;
import depthlimit.random.Rng;

public class QuickBench {
    public static void main(String[] args) {
        String act = args.length > 0 ? args[0] : "gelu";
        int L = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int n = 100, q = 16, d = 16, m = 32;
        Architecture arch = new Architecture(d, q, m, d, L, Activations.builtIn(act).get(), Convention.PAPER, true, true);
        Rng rng = new Rng(1);
        double[] x = new double[n * d], y = new double[n * d];
        rng.fillGaussian(x, 0, x.length, 1); rng.fillGaussian(y, 0, y.length, 1);
        Backprop bp = new Backprop(arch, new Dataset(n, d, d, x, y));
        double[] theta = new double[arch.size()];
        rng.fillGaussian(theta, 0, theta.length, 1);
        double[] grad = new double[arch.size()];
        long t0 = System.nanoTime(); int reps = 0; double sink = 0;
        while (System.nanoTime() - t0 < 4e9) { sink += bp.lossAndGradient(theta, grad); reps++; }
        t0 = System.nanoTime(); int r2 = 0;
        while (System.nanoTime() - t0 < 4e9) { sink += bp.lossAndGradient(theta, grad); r2++; }
        double sec = (System.nanoTime() - t0) / 1e9 / r2;
        System.out.printf("%s L=%d: %.3f ms/eval, %.2f GFLOP/s (%g)%n", act, L, sec * 1e3, arch.flopsPerGradient(n) / sec / 1e9, sink);
        // activation alone
        double[] u = new double[n * m * 64], s = new double[u.length], ds = new double[u.length];
        rng.fillGaussian(u, 0, u.length, 2);
        Activation a = arch.activation();
        t0 = System.nanoTime(); int r3 = 0;
        while (System.nanoTime() - t0 < 2e9) { a.eval(u, 0, s, ds, 0, u.length); r3++; }
        System.out.printf("  activation: %.2f ns/element%n", (System.nanoTime() - t0) / (double) r3 / u.length);
    }
}
