package depthlimit.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in activations. Each is a final class whose {@link Activation#eval} loop the JIT inlines, so the
 * forward pass never pays a virtual call per element.
 */
public final class Activations {
    private Activations() {}

    public static final Activation TANH = new Tanh();
    /**
     * GELU; vectorised when the Vector API path is on, with the same bits without it (both take e^{−x²/2} from
     * {@link GaussianExp}), so that a JVM without the incubator module (e.g. a Spark executor) computes what one
     * with it does.
     */
    public static final Activation GELU = new Gelu(true, Kernels.SIMD);
    /** GELU with {@link Math#exp}, bit for bit as before the vector path (for the stored-values tests). */
    static final Activation GELU_MATH_EXP = new Gelu(false, false);
    /** GELU's scalar path: the same bits as {@link #GELU} (the reference the vector warm-up times against). */
    static final Activation GELU_SCALAR = new Gelu(true, false);
    public static final Activation SIN = new Sine();
    public static final Activation GAUSS_X = new GaussX();
    public static final Activation RELU = new Relu();
    public static final Activation IDENTITY = new Identity();

    public static final List<Activation> BUILT_IN = List.of(TANH, GELU, SIN, GAUSS_X, RELU, IDENTITY);

    /** The built-in activation of that name (case-insensitive), if any. */
    public static Optional<Activation> builtIn(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return BUILT_IN.stream().filter(a -> a.name().equals(n)).findFirst();
    }

    public static String builtInNames() {
        return String.join(", ", BUILT_IN.stream().map(Activation::name).toList());
    }

    /**
     * tanh. For |x| ≥ 1/2 it is computed from E = e^{−2|x|} as (1 − E)/(1 + E) and σ′ = 4E/(1 + E)², which keeps
     * σ′ accurate in relative terms in the tails (1 − tanh² would cancel); below 1/2 from {@link Math#tanh}.
     */
    static final class Tanh implements Activation {
        public String name() { return "tanh"; }
        public boolean isC2() { return true; }

        public double value(double x) {
            double ax = Math.abs(x);
            if (ax < 0.5) return Math.tanh(x);
            double e = Math.exp(-2 * ax);
            return Math.copySign((1 - e) / (1 + e), x);
        }

        public double d1(double x) {
            double ax = Math.abs(x);
            if (ax < 0.5) {
                double t = Math.tanh(x);
                return 1 - t * t;
            }
            double e = Math.exp(-2 * ax);
            double r = 1 + e;
            return 4 * e / (r * r);
        }

        public double d2(double x) {
            return -2 * value(x) * d1(x);
        }

        @Override
        public void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len) {
            for (int i = 0; i < len; i++) {
                double x = u[uOff + i];
                double ax = Math.abs(x);
                if (ax < 0.5) {
                    double t = Math.tanh(x);
                    s[off + i] = t;
                    ds[off + i] = 1 - t * t;
                } else {
                    double e = Math.exp(-2 * ax);
                    double r = 1 + e;
                    s[off + i] = Math.copySign((1 - e) / r, x);
                    ds[off + i] = 4 * e / (r * r);
                }
            }
        }
    }

    /**
     * Exact GELU σ(x) = x Φ(x), σ′ = Φ + xφ, σ″ = φ(2 − x²); one exp per element (see {@link NormalCdf}). With
     * {@code gaussianExp}, e^{−x²/2} in σ and σ′ comes from {@link GaussianExp} (≤ 1.4 ulps, against ≤ 1 for
     * {@link Math#exp}); with {@code vector} too, {@link #eval} runs {@link SimdGelu}, whose lanes equal
     * {@link #value} and {@link #d1} bit for bit. Without {@code gaussianExp}, every bit is as before the vector path.
     */
    static final class Gelu implements Activation {
        private final boolean gaussianExp, vector;

        Gelu(boolean gaussianExp, boolean vector) {
            if (vector && !gaussianExp) throw new IllegalArgumentException("the vector lanes take GaussianExp");
            this.gaussianExp = gaussianExp;
            this.vector = vector;
        }

        public String name() { return "gelu"; }
        public boolean isC2() { return true; }

        private double gaussianFactor(double x) {
            return gaussianExp ? GaussianExp.gaussianFactor(x) : NormalCdf.gaussianFactor(x);
        }

        public double value(double x) { return x * NormalCdf.cdf(x, gaussianFactor(x)); }

        public double d1(double x) {
            double e = gaussianFactor(x);
            return NormalCdf.cdf(x, e) + x * NormalCdf.INV_SQRT_2PI * e;
        }

        public double d2(double x) {
            return NormalCdf.density(x) * (2 - x * x);
        }

        @Override
        public void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len) {
            // the vector passes use s and ds as scratch; until they are compiled, the scalar loop (same bits) is faster
            if (vector && u != s && u != ds && Kernels.useSimd()) {
                SimdGelu.eval(u, uOff, s, ds, off, len);
                return;
            }
            for (int i = 0; i < len; i++) {
                double x = u[uOff + i];
                double e = gaussianFactor(x);
                double phi = NormalCdf.cdf(x, e);
                s[off + i] = x * phi;
                ds[off + i] = phi + x * NormalCdf.INV_SQRT_2PI * e;
            }
        }
    }

    static final class Sine implements Activation {
        public String name() { return "sin"; }
        public boolean isC2() { return true; }
        public double value(double x) { return Math.sin(x); }
        public double d1(double x) { return Math.cos(x); }
        public double d2(double x) { return -Math.sin(x); }

        @Override
        public void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len) {
            for (int i = 0; i < len; i++) {
                double x = u[uOff + i];
                s[off + i] = Math.sin(x);
                ds[off + i] = Math.cos(x);
            }
        }
    }

    /** σ(x) = x e^{−x²/2}: bounded, C^∞, σ(0) = 0 (an example meeting every hypothesis of the paper). */
    static final class GaussX implements Activation {
        public String name() { return "gauss-x"; }
        public boolean isC2() { return true; }
        public double value(double x) { return x * NormalCdf.gaussianFactor(x); }

        // 1 − x² written as (1 − x)(1 + x): no cancellation near |x| = 1 (1 − x is exact there, Sterbenz).
        public double d1(double x) { return (1 - x) * (1 + x) * NormalCdf.gaussianFactor(x); }

        public double d2(double x) { return x * (x * x - 3) * NormalCdf.gaussianFactor(x); }

        @Override
        public void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len) {
            for (int i = 0; i < len; i++) {
                double x = u[uOff + i];
                double e = NormalCdf.gaussianFactor(x);
                s[off + i] = x * e;
                ds[off + i] = (1 - x) * (1 + x) * e;
            }
        }
    }

    /** ReLU: not C² (Appendix D's counter-example); σ′(0) is taken as 0. */
    static final class Relu implements Activation {
        public String name() { return "relu"; }
        public boolean isC2() { return false; }
        public double value(double x) { return x > 0 ? x : 0.0; }
        public double d1(double x) { return x > 0 ? 1.0 : 0.0; }
        public double d2(double x) { return 0.0; }

        @Override
        public void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len) {
            for (int i = 0; i < len; i++) {
                double x = u[uOff + i];
                boolean pos = x > 0;
                s[off + i] = pos ? x : 0.0;
                ds[off + i] = pos ? 1.0 : 0.0;
            }
        }
    }

    /** The identity (linear residual blocks; the "Identity" row of Table 1). */
    static final class Identity implements Activation {
        public String name() { return "identity"; }
        public boolean isC2() { return true; }
        public double value(double x) { return x; }
        public double d1(double x) { return 1.0; }
        public double d2(double x) { return 0.0; }

        @Override
        public void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len) {
            System.arraycopy(u, uOff, s, off, len);
            java.util.Arrays.fill(ds, off, off + len, 1.0);
        }
    }
}
