package depthlimit.claims;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tolerance as text (what docs/claims.md shows) and as a test (what the checks use) agree at their edges. */
class ToleranceTest {
    @Test
    void textIsTheNumbersTheCheckUses() {
        assertEquals("1 ± 0.15", Tolerance.RATE_1_OVER_L.text());
        assertEquals("−1 ± 0.15", Tolerance.RATE_1_OVER_L.negate().text());
        assertEquals("1 ± 0.05", Tolerance.CAUCHY_RATIO.text());
        assertEquals("within 5 %", Tolerance.CAUCHY_RATIO.percentText(), "100·0.05 is printed as 5, not 5.000000000000001");
        assertEquals("0.5 ± 0.1", new Tolerance(0.5, 0.1).text());
        assertEquals("10⁻⁶", Tolerance.number(1e-6));
        assertEquals("4.1·10⁻¹¹", Tolerance.number(4.1e-11));
        assertEquals("1.2", Tolerance.number(1.2));
        assertEquals("10⁷", Tolerance.number(1e7));
        assertEquals("14600", Tolerance.number(1.46e4));
    }

    @Test
    void scientificIsAlwaysAPowerOfTen() {
        assertEquals("1.46·10⁴", Tolerance.scientific(1.46e4));
        assertEquals("3.28·10⁻³", Tolerance.scientific(3.28e-3));
        assertEquals("−2·10⁰", Tolerance.scientific(-2));
        assertEquals("10⁷", Tolerance.scientific(1e7));
        assertEquals("10⁻³", Tolerance.scientific(9.999999999999e-4), "a mantissa rounding to 10 moves to the next power");
    }

    @Test
    void edgesAndNaN() {
        Tolerance t = new Tolerance(1, 0.25); // exact in binary, so the edges are exact
        assertTrue(t.contains(1.25) && t.contains(0.75));
        assertFalse(t.containsStrictly(1.25) || t.containsStrictly(0.75));
        assertTrue(t.containsStrictly(1.2499));
        assertFalse(t.contains(1.2501) || t.contains(Double.NaN) || t.containsStrictly(Double.NaN));
    }
}
