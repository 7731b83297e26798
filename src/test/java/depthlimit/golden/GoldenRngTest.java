package depthlimit.golden;

import depthlimit.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's random streams against golden/rng.json, written by an independent pure-Python implementation of the
 * published definitions (src/test/python/oracle_rng.py: xoshiro256** of Blackman and Vigna, SplitMix64 seeding,
 * FNV-1a-64 stream tags over UTF-8, the top-53-bit uniform, the Marsaglia polar method): plain generators for seven
 * seeds (0, 1, 42, −1, Long.MIN_VALUE, 0x0123456789ABCDEF, 20240101) and named streams for three seeds × six tags
 * (including the empty tag and a non-ASCII one).
 *
 * <p>Words and uniforms are integer arithmetic and one exact scaling: they must agree bit for bit. The Gaussians go
 * through a logarithm: the engine's {@link StrictMath#log} (fdlibm, error below 1 ulp) and Python's {@code math.log}
 * (the C library's) may round differently in the last place. Everything else in the polar method (u = 2U − 1 is
 * exact; u² + v², the division, √ and the final product are correctly rounded IEEE operations in both) is identical,
 * so the test asserts: the Gaussians are bit-identical for every pair whose two logarithms are bit-identical; where
 * the logarithms differ (by at most 1 ulp each from the correctly rounded ln s, which the file also holds), a 1-ulp
 * change in ln s moves −2 ln s / s by ≤ 1 ulp before rounding, √ halves that, and the product with u rounds once
 * more: the Gaussians may differ by ≤ 2 ulps. A changed constant, shift, rotation, tag byte or rejection rule
 * changes the stream entirely.
 */
class GoldenRngTest {
    private static Rng fresh(Map<String, Object> c) {
        long seed = Long.parseLong((String) c.get("seed"));
        Object tag = c.get("tag");
        return tag == null ? new Rng(seed) : Rng.stream(seed, (String) tag);
    }

    private static String where(Map<String, Object> c) {
        return "seed " + c.get("seed") + (c.get("tag") == null ? " (plain)" : " tag \"" + c.get("tag") + "\"");
    }

    @Test
    void wordsAndUniformsAreBitIdentical() {
        Map<String, Object> g = Golden.json("rng.json");
        int count = Golden.integer(g, "count");
        double[] doubles = Golden.array(g.get("doubles"));
        List<Map<String, Object>> cases = Golden.cases(g);
        for (int ci = 0; ci < cases.size(); ci++) {
            Map<String, Object> c = cases.get(ci);
            @SuppressWarnings("unchecked") List<Object> hex = (List<Object>) c.get("first_u64_hex");
            assertEquals(count, hex.size());
            Rng r = fresh(c);
            for (int i = 0; i < count; i++) {
                long want = Long.parseUnsignedLong((String) hex.get(i), 16);
                long got = r.nextLong();
                assertEquals(want, got, where(c) + " word " + i + ": " + Long.toHexString(got) + " vs " + hex.get(i));
            }
            Rng u = fresh(c);
            for (int i = 0; i < count; i++) {
                double got = u.nextDouble(), want = doubles[ci * count + i];
                assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got), where(c) + " uniform " + i);
            }
        }
        assertEquals(7 + 3 * 6, cases.size());
    }

    @Test
    void gaussiansAgreeBitForBitWhereTheLogarithmsDo() {
        Map<String, Object> g = Golden.json("rng.json");
        int count = Golden.integer(g, "gaussians"), pairs = count / 2;
        double[] gauss = Golden.array(g.get("gauss")), s = Golden.array(g.get("polar_s")),
                lnPy = Golden.array(g.get("ln_s")), lnCr = Golden.array(g.get("ln_s_cr"));
        List<Map<String, Object>> cases = Golden.cases(g);
        int exact = 0, logDiffers = 0, worstUlps = 0;
        for (int ci = 0; ci < cases.size(); ci++) {
            Map<String, Object> c = cases.get(ci);
            Rng r = fresh(c);
            for (int j = 0; j < pairs; j++) {
                int k = ci * pairs + j;
                double ln = StrictMath.log(s[k]);
                assertTrue(Math.abs(ln - lnCr[k]) <= Math.ulp(lnCr[k]), where(c) + " pair " + j + ": StrictMath.log("
                        + s[k] + ") = " + ln + " is more than 1 ulp from " + lnCr[k]);
                boolean sameLog = ln == lnPy[k];
                if (!sameLog) logDiffers++;
                for (int h = 0; h < 2; h++) {
                    double got = r.nextGaussian(), want = gauss[ci * count + 2 * j + h];
                    long ulps = Math.abs(Double.doubleToRawLongBits(got) - Double.doubleToRawLongBits(want));
                    if (sameLog) {
                        assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got),
                                where(c) + " Gaussian " + (2 * j + h) + ": " + got + " vs " + want + " (same log)");
                        exact++;
                    } else {
                        assertTrue(ulps <= 2 && Math.signum(got) == Math.signum(want), where(c) + " Gaussian "
                                + (2 * j + h) + ": " + got + " vs " + want + " (" + ulps + " ulps; logs differ by 1 ulp)");
                        worstUlps = (int) Math.max(worstUlps, ulps);
                    }
                }
            }
        }
        System.out.printf("golden RNG: %d of %d Gaussians bit-identical; %d polar pairs where StrictMath.log and "
                + "Python's math.log round differently (then ≤ %d ulps apart)%n", exact, cases.size() * count, logDiffers, worstUlps);
    }
}
