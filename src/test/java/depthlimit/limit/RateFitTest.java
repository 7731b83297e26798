package depthlimit.limit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verdict machinery's rate estimator on synthetic sequences whose rate is known exactly: h = 1/L for
 * L = 8, 16, …, 1024 (8 points, the shape of a paper-scale depth sweep).
 */
class RateFitTest {
    static final double[] L = {8, 16, 32, 64, 128, 256, 512, 1024};

    static double[] h() {
        double[] h = new double[L.length];
        for (int i = 0; i < h.length; i++) h[i] = 1 / L[i];
        return h;
    }

    static double[] zeros() { return new double[L.length]; }

    /** error = C h^p exactly: slope p, constant C, a zero-width interval, pairwise slopes all p, no flag. */
    @Test
    void exactPowerLawsAreRecoveredToRoundOff() {
        for (double p : new double[]{1, 0.5, 2}) {
            double[] h = h(), e = new double[h.length];
            for (int i = 0; i < h.length; i++) e[i] = 3.7 * Math.pow(h[i], p);
            RateFit f = RateFit.fit(h, e, zeros());
            // least squares on 8 exact points in log space: round-off of sums of ~8 logs of size ≤ 25, ~1e-14
            assertEquals(p, f.slope(), 1e-12, "p = " + p);
            assertEquals(3.7, f.constant(), 1e-11);
            assertEquals(p, f.slopeLow(), 1e-10);
            assertEquals(p, f.slopeHigh(), 1e-10);
            for (double s : f.pairwise()) assertEquals(p, s, 1e-12);
            assertFalse(f.preAsymptotic());
            assertEquals(8, f.used());
            assertTrue(f.consistentWith(p, 0.01));
            assertFalse(f.consistentWith(p == 1 ? 0.5 : 1, 0.15), "1/L and 1/√L must not both be accepted");
        }
    }

    /**
     * Coverage of the 95 % interval: error = C h^p e^{s ε_i}, ε_i ~ 𝒩(0,1) i.i.d. is exactly the Gaussian linear model
     * in log space, for which the t-interval has coverage 0.95. Over N = 2000 draws the observed coverage is
     * Binomial(N, 0.95)/N with standard deviation √(0.95·0.05/N) = 0.0049; we accept ±4 sd, [0.9305, 0.9695]
     * (a correct estimator fails this with probability 6e-5; an interval using z = 1.96 instead of t_{6} = 2.447, or
     * the wrong degrees of freedom, covers ≈ 0.90 and fails). The estimate is unbiased: its mean is within 4 standard
     * errors of p. The seed is fixed, so the test is deterministic.
     */
    @Test
    void confidenceIntervalCoversTheTrueRateNinetyFivePercentOfTheTime() {
        int n = 2000;
        double s = 0.05;
        for (double p : new double[]{1, 0.5}) {
            Random rnd = new Random(42);
            double[] h = h(), e = new double[h.length];
            int covered = 0;
            double sum = 0, sumSq = 0;
            for (int draw = 0; draw < n; draw++) {
                for (int i = 0; i < h.length; i++) e[i] = 2 * Math.pow(h[i], p) * Math.exp(s * rnd.nextGaussian());
                RateFit f = RateFit.fit(h, e, zeros(), RateFit.DEFAULT_FLOOR_FACTOR, Double.POSITIVE_INFINITY);
                if (f.slopeLow() <= p && p <= f.slopeHigh()) covered++;
                sum += f.slope();
                sumSq += f.slope() * f.slope();
            }
            double cov = (double) covered / n, mean = sum / n, sd = Math.sqrt(sumSq / n - mean * mean);
            System.out.printf("RateFit p = %.1f: coverage %.4f over %d draws, mean slope %.5f (sd %.4f)%n", p, cov, n, mean, sd);
            assertTrue(Math.abs(cov - 0.95) <= 4 * Math.sqrt(0.95 * 0.05 / n), "coverage " + cov);
            assertTrue(Math.abs(mean - p) <= 4 * sd / Math.sqrt(n), "mean slope " + mean);
        }
    }

    /**
     * A log-corrected rate error = h·log(1/h) has local exponent 1 − 1/log(1/h) (0.52 at L = 8, 0.86 at L = 1024): the
     * fit must report a rate below 1 whose interval excludes 1, i.e. not be read as first order.
     */
    @Test
    void logCorrectedRateIsNotFirstOrder() {
        double[] h = h(), e = new double[h.length];
        for (int i = 0; i < h.length; i++) e[i] = h[i] * Math.log(1 / h[i]);
        RateFit f = RateFit.fit(h, e, zeros());
        System.out.println("RateFit h·log(1/h): " + f.toMap());
        assertTrue(f.slope() < 0.85 && f.slopeHigh() < 1, "slope " + f.slope() + " ci " + f.slopeHigh());
        // the pairwise slopes increase towards 1 from below, strictly
        List<Double> pw = f.pairwise();
        for (int i = 0; i + 1 < pw.size(); i++) assertTrue(pw.get(i) < pw.get(i + 1) && pw.get(i + 1) < 1, "pairwise " + pw);
        assertFalse(f.consistentWith(1, 0.1));
    }

    /**
     * Pre-asymptotic: error = h + 40h² is second order on the coarse points and first order on the fine ones; the
     * global slope lies between, the finest pair is close to 1, and the flag is raised (|last pair − fit| > 0.15).
     */
    @Test
    void preAsymptoticSequenceIsFlagged() {
        double[] h = h(), e = new double[h.length];
        for (int i = 0; i < h.length; i++) e[i] = h[i] + 40 * h[i] * h[i];
        RateFit f = RateFit.fit(h, e, zeros());
        System.out.println("RateFit h + 40h²: " + f.toMap());
        double last = f.pairwise().get(f.pairwise().size() - 1);
        assertTrue(f.slope() > 1.15 && f.slope() < 2, "slope " + f.slope());
        // the finest pair's exponent is exactly 1 + log2((1 + 40h)/(1 + 20h)) at h = 1/512: 1.053
        assertEquals(1 + Math.log((1 + 40.0 / 512) / (1 + 20.0 / 512)) / Math.log(2), last, 1e-12);
        assertTrue(f.preAsymptotic());
        assertFalse(f.consistentWith(1, 0.2), "a flagged fit is never consistent");
        // on the three finest points (L = 256, 512, 1024) the same sequence is first order within 0.1, not flagged
        double[] hf = java.util.Arrays.copyOfRange(h, 5, 8), ef = java.util.Arrays.copyOfRange(e, 5, 8);
        RateFit fine = RateFit.fit(hf, ef, new double[3]);
        assertTrue(fine.consistentWith(1, 0.1), "fine points: " + fine.toMap());
    }

    /**
     * Round-off floor: a fourth-order error e = h⁴ of a quantity of size 1 (scale 1), for h = 2⁻³ … 2⁻¹⁴; once h⁴ falls
     * below the floor floorFactor·ε·scale = 100 × 2.2e-16 the computed error is round-off noise of size 1e-16. Those
     * points (h = 2⁻¹², 2⁻¹³, 2⁻¹⁴) are dropped and named; the rest give slope 4 exactly. Without the scale (0) every
     * positive point is kept, and the flat noise at the fine end raises the pre-asymptotic flag.
     */
    @Test
    void roundOffFloorIsDropped() {
        double[] h = new double[12], e = new double[12], scale = new double[12];
        double floor = RateFit.DEFAULT_FLOOR_FACTOR * Math.ulp(1.0);
        for (int i = 0; i < 12; i++) {
            h[i] = Math.pow(2, -3 - i);
            double exact = Math.pow(h[i], 4);
            e[i] = exact > floor ? exact : 1e-16 * (1 + 0.3 * Math.sin(i));
            scale[i] = 1;
        }
        RateFit f = RateFit.fit(h, e, scale);
        int kept = 0;
        for (int i = 0; i < 12; i++) if (Math.pow(h[i], 4) > floor) kept++;
        System.out.println("RateFit with floor: " + f.toMap());
        assertEquals(kept, f.used());
        assertEquals(12 - kept, f.droppedAtRoundoff().size());
        assertTrue(12 - kept >= 3, "the sequence reaches the floor");
        assertEquals(4, f.slope(), 1e-12);
        assertEquals(List.of(Math.pow(2, -12), Math.pow(2, -13), Math.pow(2, -14)), f.droppedAtRoundoff());
        RateFit noFloor = RateFit.fit(h, e, new double[12]);
        assertTrue(noFloor.preAsymptotic() && !noFloor.consistentWith(4, 0.15),
                "kept noise points must at least flag the fit: " + noFloor.toMap());
        // zero and non-finite errors are never fitted
        RateFit z = RateFit.fit(new double[]{0.5, 0.25, 0.125}, new double[]{0.5, 0, Double.NaN}, new double[3]);
        assertEquals(1, z.used());
        assertTrue(Double.isNaN(z.slope()) && z.preAsymptotic());
    }

    /**
     * Noisy power law against an independent least-squares implementation (Hipparchus' SimpleRegression on the same
     * log–log points): slope, constant C = exp(intercept) and the 95 % interval slope ± t₀.₉₇₅(k−2)·se must agree to
     * round-off (1e-12 relative: both are a few dozen flops on O(1) numbers). Kills the PIT mutants of the interval
     * and of C that survived the exact-power-law test, where the interval has zero width and C is trivially exact.
     */
    @Test
    void slopeConstantAndIntervalMatchAnIndependentRegression() {
        double[] h = h(), e = new double[h.length];
        Random rnd = new Random(7);
        org.hipparchus.stat.regression.SimpleRegression reg = new org.hipparchus.stat.regression.SimpleRegression();
        for (int i = 0; i < h.length; i++) {
            e[i] = 3.0 * h[i] * Math.exp(0.2 * rnd.nextGaussian());
            reg.addData(Math.log(h[i]), Math.log(e[i]));
        }
        RateFit f = RateFit.fit(h, e, zeros());
        double half = reg.getSlopeConfidenceInterval(0.05);
        assertEquals(h.length, f.used());
        assertEquals(reg.getSlope(), f.slope(), 1e-12 * Math.abs(reg.getSlope()));
        assertEquals(Math.exp(reg.getIntercept()), f.constant(), 1e-12 * Math.exp(reg.getIntercept()));
        assertEquals(reg.getSlope() - half, f.slopeLow(), 1e-12);
        assertEquals(reg.getSlope() + half, f.slopeHigh(), 1e-12);
        assertTrue(half > 0.01, "the noise must give a non-degenerate interval, got half-width " + half);
    }

    /** Two points determine the slope exactly but leave no degree of freedom for an interval (k − 2 = 0). */
    @Test
    void twoPointsGiveTheSlopeAndNoInterval() {
        RateFit f = RateFit.fit(new double[]{0.1, 0.05}, new double[]{2 * 0.01, 2 * 0.0025}, new double[2]);
        assertEquals(2, f.used());
        assertEquals(2.0, f.slope(), 1e-12);
        assertTrue(Double.isNaN(f.slopeLow()) && Double.isNaN(f.slopeHigh()), "no interval from two points");
    }

    /** Three noisy points: the smallest sample with an interval (t quantile with one degree of freedom). */
    @Test
    void threePointsGiveTheRegressionInterval() {
        double[] h = {0.1, 0.05, 0.025}, e = {0.11, 0.048, 0.026};
        org.hipparchus.stat.regression.SimpleRegression reg = new org.hipparchus.stat.regression.SimpleRegression();
        for (int i = 0; i < 3; i++) reg.addData(Math.log(h[i]), Math.log(e[i]));
        RateFit f = RateFit.fit(h, e, new double[3]);
        double half = reg.getSlopeConfidenceInterval(0.05);
        assertEquals(reg.getSlope() - half, f.slopeLow(), 1e-12);
        assertEquals(reg.getSlope() + half, f.slopeHigh(), 1e-12);
    }

    /** Points may come in any order: pairwise slopes are reported coarse to fine and the flag uses the finest pair. */
    @Test
    void inputOrderDoesNotMatter() {
        double[] h = h(), e = new double[h.length];
        for (int i = 0; i < h.length; i++) e[i] = h[i] + 5 * h[i] * h[i];   // slopes drift from ~2 towards 1
        double[] hr = new double[h.length], er = new double[h.length];
        for (int i = 0; i < h.length; i++) { hr[i] = h[h.length - 1 - i]; er[i] = e[h.length - 1 - i]; }
        RateFit a = RateFit.fit(h, e, zeros()), b = RateFit.fit(hr, er, zeros());
        assertEquals(a.pairwise(), b.pairwise());
        assertEquals(a.preAsymptotic(), b.preAsymptotic());
        assertTrue(a.pairwise().get(0) > a.pairwise().get(a.pairwise().size() - 1), "coarse pairs first");
    }

    /** An error exactly at the round-off floor floorFactor·ε·scale is dropped (the floor is inclusive). */
    @Test
    void errorExactlyAtTheFloorIsDropped() {
        double floor = RateFit.DEFAULT_FLOOR_FACTOR * Math.ulp(1.0);
        RateFit f = RateFit.fit(new double[]{0.1, 0.05, 0.025}, new double[]{1e-2, 2.5e-3, floor}, new double[]{1, 1, 1});
        assertEquals(List.of(0.025), f.droppedAtRoundoff());
        assertEquals(2, f.used());
    }

    /** The JSON form carries the fit's figures under their documented names. */
    @Test
    void toMapCarriesTheFit() {
        RateFit f = RateFit.fit(new double[]{0.1, 0.05}, new double[]{2 * 0.01, 2 * 0.0025}, new double[2]);
        var m = f.toMap();
        assertEquals(f.slope(), (double) m.get("slope"));
        assertEquals(f.constant(), (double) m.get("constant"));
        assertEquals(2, m.get("points_used"));
        assertEquals(f.preAsymptotic(), m.get("pre_asymptotic"));
    }

    @Test
    void fitFromKeepsOnlyTheDepthsFromTheCutAndReportsTheOthers() {
        // error = 3/L exactly on the fitted depths, junk (a constant) on the pre-asymptotic ones
        int[] depths = {4, 8, 16, 32, 64, 128};
        double[] err = {0.9, 0.9, 3.0 / 16, 3.0 / 32, 3.0 / 64, 3.0 / 128}, scale = new double[6];
        RateFit f = RateFit.fitFrom(depths, err, scale, 16);
        assertEquals(4, f.used());
        assertEquals(1.0, f.slope(), 1e-12);
        assertEquals(3.0, f.constant(), 1e-12);
        assertEquals(List.of(4, 8), RateFit.preAsymptoticDepths(depths, 16));
        assertEquals(List.of(), RateFit.preAsymptoticDepths(depths, 4));
        // the same as fitting the kept points by hand
        RateFit byHand = RateFit.fit(new double[]{1.0 / 16, 1.0 / 32, 1.0 / 64, 1.0 / 128}, new double[]{err[2], err[3], err[4], err[5]}, new double[4]);
        assertEquals(byHand, f);
    }
}
