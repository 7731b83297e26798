package depthlimit.limit;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Cauchy form of "X(L) = O(1/L)" (L·X(L) converges as L doubles) on synthetic sequences with known behaviour,
 * L = 8 … 1024, tolerance 0.05 on the last ratio (the value the claims use at ci scale is of this order).
 */
class CauchyRatiosTest {
    static final double[] L = {8, 16, 32, 64, 128, 256, 512, 1024};
    static final double TOL = 0.05;

    static CauchyRatios of(java.util.function.DoubleUnaryOperator x) {
        double[] v = new double[L.length];
        for (int i = 0; i < L.length; i++) v[i] = x.applyAsDouble(L[i]);
        return CauchyRatios.of(L, v, TOL);
    }

    /** L·X = K(1 + c/L) after a bump at the coarse depths approaches 1 geometrically; L^{-1/2} (r ≡ √2) does not. */
    @Test
    void approachingGeometricallyLooksOnlyAtTheFineEnd() {
        double[] depth = {16, 32, 64, 128, 256, 512};
        double[] bumped = new double[depth.length], halfRate = new double[depth.length];
        for (int i = 0; i < depth.length; i++) {
            bumped[i] = (1 + 30 / depth[i] + (i == 1 ? 0.5 : 0)) / depth[i];  // a coarse-depth bump, then 1 + 30/L
            halfRate[i] = 1 / Math.sqrt(depth[i]);
        }
        CauchyRatios b = CauchyRatios.of(depth, bumped, 0.05), h = CauchyRatios.of(depth, halfRate, 0.05);
        assertFalse(b.converged(), "last ratio " + b.ratios());
        assertFalse(b.shrinking(), "the bump breaks monotonicity: " + b.ratios());
        assertTrue(b.approachingGeometrically(), "but the fine end halves its deviation per doubling: " + b.ratios());
        assertFalse(h.approachingGeometrically(), "a wrong rate keeps r = √2: " + h.ratios());
    }

    /**
     * The rule's edges, on exact binary fractions: with two ratios (three depths) a deviation of exactly ¾ of the
     * previous one (1.5, then 1.375) still approaches geometrically, one a shade above does not, and a converged
     * sequence always does.
     */
    @Test
    void approachingGeometricallyAtItsBoundaries() {
        double[] depth = {1, 2, 4};
        CauchyRatios edge = CauchyRatios.of(depth, new double[]{1, 0.75, 2.0625 / 4}, 0.01);
        assertEquals(java.util.List.of(1.5, 1.375), edge.ratios());
        assertFalse(edge.converged());
        assertTrue(edge.approachingGeometrically(), "|1.375 − 1| = ¾·|1.5 − 1| exactly");
        CauchyRatios above = CauchyRatios.of(depth, new double[]{1, 0.75, 2.0703125 / 4}, 0.01);
        assertFalse(above.approachingGeometrically());
        CauchyRatios done = CauchyRatios.of(depth, new double[]{1, 0.5, 0.25}, 0.01);
        assertTrue(done.converged() && done.approachingGeometrically());
        CauchyRatios one = CauchyRatios.of(new double[]{1, 2}, new double[]{1, 0.75}, 0.01);
        assertFalse(one.approachingGeometrically(), "a single ratio away from 1 says nothing about its approach");
        java.util.Map<String, Object> m = edge.toMap();
        assertEquals(java.util.List.of(1.0, 1.5, 2.0625), m.get("L_times_X"));
        assertEquals(java.util.List.of(1.5, 1.375), m.get("successive_ratios"));
        assertEquals(0.375, m.get("last_deviation_from_1"));
        assertEquals(false, m.get("converged"));
    }

    @Test
    void exactFirstOrderConverges() {
        CauchyRatios c = of(l -> 2.5 / l);
        for (double y : c.scaled()) assertEquals(2.5, y, 1e-15);
        for (double r : c.ratios()) assertEquals(1, r, 1e-15);
        assertTrue(c.converged());
        assertEquals(0, c.lastDeviation(), 1e-15);
    }

    /**
     * X = C/L + D/L²: L·X = C + D/L, the ratio at the last doubling is (C + D/1024)/(C + D/512) = 1 − D/(1024C) + …,
     * deviations halve at each doubling: converged, and shrinking monotonically.
     */
    @Test
    void firstOrderWithCorrectionConvergesMonotonically() {
        CauchyRatios c = of(l -> 1 / l + 20 / (l * l));
        double expectedLast = (1 + 20.0 / 1024) / (1 + 20.0 / 512);
        assertEquals(Math.abs(expectedLast - 1), c.lastDeviation(), 1e-14);
        assertTrue(c.converged());
        assertTrue(c.shrinking());
        // the same sequence seen only up to L = 32 has not converged yet: ratio (1 + 20/32)/(1 + 20/16) = 0.72
        CauchyRatios coarse = CauchyRatios.of(new double[]{8, 16, 32}, new double[]{1 / 8. + 20 / 64., 1 / 16. + 20 / 256., 1 / 32. + 20 / 1024.}, TOL);
        assertFalse(coarse.converged());
        assertTrue(coarse.shrinking(), "pre-asymptotic, not divergent");
    }

    /** X = C/√L: L·X = C√L, ratios √2 at every doubling: never converged, not shrinking. */
    @Test
    void halfOrderIsRejected() {
        CauchyRatios c = of(l -> 3 / Math.sqrt(l));
        for (double r : c.ratios()) assertEquals(Math.sqrt(2), r, 1e-14);
        assertFalse(c.converged());
        assertFalse(c.shrinking());
    }

    /**
     * X = log(L)/L: L·X = log L diverges, but its ratios log(2L)/log L = 1 + log 2/log L tend to 1 (0.111 at 512 →
     * 1024). The Cauchy test cannot tell this from slow convergence at finite L; what it must do is refuse to call it
     * converged at tolerance 0.05, and report it as shrinking (i.e. pre-asymptotic / inconclusive, not confirmed).
     */
    @Test
    void logCorrectedIsNotConverged() {
        CauchyRatios c = of(l -> Math.log(l) / l);
        assertEquals(Math.log(2) / Math.log(512), c.lastDeviation(), 1e-14);
        assertFalse(c.converged());
        assertTrue(c.shrinking());
    }

    /**
     * Round-off floor: X = max(C/L, 1e-13) (a difference that bottoms out at round-off) gives L·X growing ∝ L once at
     * the floor, ratio 2: not converged, not shrinking. A Cauchy verdict must not be taken past the floor.
     */
    @Test
    void roundOffFloorBreaksConvergence() {
        CauchyRatios c = of(l -> Math.max(1e-11 / l, 1e-13));
        assertEquals(2, c.ratios().get(c.ratios().size() - 1), 1e-12);
        assertFalse(c.converged());
        assertFalse(c.shrinking());
    }

    /**
     * Noise: X = (C/L)(1 + δε), ε ~ 𝒩(0,1). A ratio deviates from 1 by ≈ δ(ε₂ − ε₁), standard deviation δ√2. With
     * δ = 0.005 (sd 0.007) a draw fails only if the last deviation exceeds TOL = 0.05 (7 sd) or exceeds the previous
     * one by TOL/2 = 0.025 (≳ 3.5 sd, probability ≲ 5e-4): we allow 5 failures in 1000 (expected ≲ 0.5). With δ = 0.1
     * (sd 0.14) the last deviation alone exceeds 0.05 with probability P(|Z| > 0.354) ≈ 0.72: at least 640 of 1000
     * must be refused (≈ 6 binomial sd below 720). Fixed seed: deterministic.
     */
    @Test
    void noiseBelowTheToleranceIsAcceptedAndAboveIsNot() {
        Random rnd = new Random(7);
        int ok = 0, bad = 0;
        for (int draw = 0; draw < 1000; draw++) {
            double[] small = new double[L.length], large = new double[L.length];
            for (int i = 0; i < L.length; i++) {
                double g = rnd.nextGaussian();
                small[i] = 1 / L[i] * (1 + 0.005 * g);
                large[i] = 1 / L[i] * (1 + 0.1 * g);
            }
            if (CauchyRatios.of(L, small, TOL).converged()) ok++;
            if (!CauchyRatios.of(L, large, TOL).converged()) bad++;
        }
        System.out.printf("CauchyRatios: δ = 0.005 converged in %d/1000, δ = 0.1 not converged in %d/1000%n", ok, bad);
        assertTrue(ok >= 995, "clean-enough sequences refused: " + (1000 - ok));
        assertTrue(bad >= 640, "noisy sequences accepted too often: " + (1000 - bad));
    }

    @Test
    void tooFewPointsIsNeverConverged() {
        CauchyRatios c = CauchyRatios.of(new double[]{8}, new double[]{0.1}, TOL);
        assertFalse(c.converged());
        assertTrue(Double.isNaN(c.lastDeviation()));
        assertFalse(c.shrinking());
    }

    /**
     * The "not moving away from 1" guard decides: with ratios (1, 1 + δ), δ within the tolerance, the sequence counts
     * as converged when δ ≤ tol/2 (the slack the guard allows for noise) and not when tol/2 < δ ≤ tol (the deviation
     * grew by more than that slack).
     */
    @Test
    void theLastRatioMayNotMoveAwayFromOneByMoreThanHalfTheTolerance() {
        double[] depth = {8, 16, 32};
        for (double delta : new double[]{0.4 * TOL, 0.8 * TOL}) {
            double[] y = {1, 1, 1 + delta}, x = new double[3];
            for (int i = 0; i < 3; i++) x[i] = y[i] / depth[i];
            CauchyRatios c = CauchyRatios.of(depth, x, TOL);
            assertEquals(delta <= TOL / 2, c.converged(), "δ = " + delta / TOL + " tol");
        }
    }

    /** Ratios that do not move (an exact first-order sequence) are converged but not "shrinking": the order is strict. */
    @Test
    void constantRatiosAreNotShrinking() {
        double[] depth = {8, 16, 32, 64}, x = new double[4];
        for (int i = 0; i < 4; i++) x[i] = 1 / depth[i];
        CauchyRatios c = CauchyRatios.of(depth, x, TOL);
        assertTrue(c.converged());
        assertFalse(c.shrinking());
    }
}
