package depthlimit.random;

import java.nio.charset.StandardCharsets;

/**
 * The one source of randomness in depthlimit: xoshiro256** (Blackman and Vigna, 2018) seeded through SplitMix64.
 * Every draw is a pure function of the seed and the stream tag, independent of the JVM and of thread counts, so
 * the same spec and seed give bit-identical arrays. Gaussians use the Marsaglia polar method with
 * {@link StrictMath#log} (bit-reproducible across JVMs, unlike {@code Math.log} which may be an intrinsic).
 */
public final class Rng {
    private long s0, s1, s2, s3;
    private double spare;
    private boolean hasSpare;

    /** A generator for {@code seed}; equal seeds give equal sequences. */
    public Rng(long seed) {
        long x = seed;
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
    }

    /**
     * An independent stream named by {@code tag} (e.g. "init.W"), so that adding a draw for one array never
     * shifts the draws of another: the generator {@code new Rng(mix64(seed) ^ mix64(FNV-1a-64(UTF-8 bytes of tag)))},
     * mix64 being SplitMix64's output function (pinned by an independent implementation in the golden tests).
     */
    public static Rng stream(long seed, String tag) {
        long h = 0xCBF29CE484222325L; // FNV-1a over the UTF-8 bytes of the tag
        for (byte b : tag.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xFF);
            h *= 0x100000001B3L;
        }
        return new Rng(splitMix(seed) ^ splitMix(h));
    }

    private static long splitMix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform on [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal N(0, 1). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u, v, r;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            r = u * u + v * v;
        } while (r >= 1 || r == 0);
        double f = StrictMath.sqrt(-2 * StrictMath.log(r) / r);
        spare = v * f;
        hasSpare = true;
        return u * f;
    }

    /** Fills {@code out} with i.i.d. N(0, scale²) draws. */
    public void fillGaussian(double[] out, int off, int len, double scale) {
        for (int i = 0; i < len; i++) out[off + i] = scale * nextGaussian();
    }
}
