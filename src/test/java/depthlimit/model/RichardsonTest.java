package depthlimit.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Richardson extrapolation on sequences with a known error expansion: a(h) = A + c₁h^p + c₂h^{p+1} gives
 * extrapolate = A + O(h^{p+1}) and an error estimate equal to c₁(h/2)^p up to O(h^{p+1}).
 */
class RichardsonTest {
    @Test
    void removesTheLeadingTermOfAnExactPowerError() {
        // a(h) = 2 + 3h (first order, no higher terms): the extrapolation is exact
        assertEquals(2.0, Richardson.extrapolate(2 + 3 * 0.1, 2 + 3 * 0.05, 1), 1e-15);
        // a(h) = 1 + 5h² (second order): exact
        assertEquals(1.0, Richardson.extrapolate(1 + 5 * 0.01, 1 + 5 * 0.0025, 2), 1e-15);
        // a(h) = −1 + 7h⁴ (fourth order, RK4-like): exact
        assertEquals(-1.0, Richardson.extrapolate(-1 + 7 * 1e-4, -1 + 7 * 6.25e-6, 4), 1e-15);
    }

    @Test
    void extrapolatedErrorShrinksOneOrderFaster() {
        // a(h) = e^h = 1 + h + h²/2 + …: the first-order value has error ~h, the extrapolation −h²/4·(1 + O(h)), so
        // its error falls by 4·(1 + O(h)) per halving (at h = 0.01 the O(h) correction is ≈ 0.01·4)
        double e1 = Math.abs(Richardson.extrapolate(Math.exp(0.01), Math.exp(0.005), 1) - 1);
        double e2 = Math.abs(Richardson.extrapolate(Math.exp(0.005), Math.exp(0.0025), 1) - 1);
        assertEquals(4.0, e1 / e2, 0.03);
    }

    @Test
    void errorEstimateMatchesTheTrueErrorOfTheFineValue() {
        // a(h) = 1 + 2h²: error of the fine value at h = 0.05 is 0.005; the estimate |fine − coarse|/3 gives it exactly
        assertEquals(0.005, Richardson.errorEstimate(1 + 2 * 0.01, 1 + 2 * 0.0025, 2), 1e-15);
        double[] coarse = {1 + 16 * 1e-4, 0}, fine = {1 + 1e-4, 15};
        assertEquals(1.0, Richardson.errorEstimate(coarse, fine, 4), 1e-15);   // max(15e-4/15, 15/15)
    }

    @Test
    void rejectsNonsenseOrdersAndLengths() {
        assertThrows(IllegalArgumentException.class, () -> Richardson.extrapolate(1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Richardson.errorEstimate(new double[2], new double[3], 1));
    }
}
