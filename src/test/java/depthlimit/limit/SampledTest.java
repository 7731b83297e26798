package depthlimit.limit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The trapezoid mean of sampled functions and its Richardson error estimate, against closed-form integrals. */
class SampledTest {
    static double[] grid(double a, double b, int n) {
        double[] t = new double[n + 1];
        for (int i = 0; i <= n; i++) t[i] = a + (b - a) * i / n;
        return t;
    }

    @Test
    void linearFunctionsAreExactWithZeroErrorEstimate() {
        double[] t = grid(0, 2, 8), f = new double[9];
        for (int i = 0; i <= 8; i++) f[i] = 3 * t[i] - 1;
        double[] m = Sampled.meanWithError(t, f, 0, 8);
        assertEquals(2.0, m[0], 1e-15);                  // mean of 3t − 1 over [0, 2]
        assertEquals(0.0, m[1], 1e-15);
    }

    @Test
    void errorEstimateTracksTheTrueErrorForSmoothFunctions() {
        // mean of e^t over [0, 1] is e − 1; trapezoid error ~h²/12·mean(f″): the estimate is within 5 % of the truth
        double[] t = grid(0, 1, 32), f = new double[33];
        for (int i = 0; i <= 32; i++) f[i] = Math.exp(t[i]);
        double[] m = Sampled.meanWithError(t, f, 0, 32);
        double trueErr = Math.abs(m[0] - (Math.E - 1));
        assertEquals(trueErr, m[1], 0.05 * trueErr);
    }

    @Test
    void aSubrangeAndAnOddNumberOfPiecesAreHandled() {
        // samples 2..7 (5 pieces) of t² on [0, 1]: the last coarse piece is a single fine piece
        double[] t = grid(0, 1, 10), f = new double[11];
        for (int i = 0; i <= 10; i++) f[i] = t[i] * t[i];
        double[] m = Sampled.meanWithError(t, f, 2, 7);
        double exact = (Math.pow(0.7, 3) - Math.pow(0.2, 3)) / 3 / 0.5;
        // the trapezoid rule overestimates ∫t² by exactly (b − a)h²/6, i.e. the mean by h²/6
        assertEquals(exact + 0.01 / 6, m[0], 1e-14);
        // the error estimate: a trapezoid piece of length H over-integrates t² by H³/6, so the fine sum is off by
        // 5·0.1³/6, the coarse one (two pieces of 0.2, then the single piece [0.6, 0.7]) by (2·0.2³ + 0.1³)/6; the
        // estimate |fine − coarse|/(3·span) is 0.012/6/(3·0.5) = 1/750
        assertEquals(1.0 / 750, m[1], 1e-15);
        // three samples (one coarse piece) are enough; two are refused with the count
        double[] three = Sampled.meanWithError(t, f, 3, 5);
        assertEquals((Math.pow(0.5, 3) - Math.pow(0.3, 3)) / 3 / 0.2 + 0.01 / 6, three[0], 1e-14);
        assertEquals((0.2 * 0.04 - 2 * 0.001) / 6 / (3 * 0.2), three[1], 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sampled.meanWithError(t, f, 3, 4));
        assertEquals("need at least 3 samples, got 2", e.getMessage());
    }
}
