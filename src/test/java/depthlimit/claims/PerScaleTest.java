package depthlimit.claims;

import depthlimit.model.Activations;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sizes per scale: the check's lookup and the documentation's text come from the same two records. */
class PerScaleTest {
    record Widths(int n, double T) {}

    record Sizes(Widths widths, int[] depths, depthlimit.model.Activation sigma) {}

    @Test
    void atPicksTheScalesRecordAndDescribeListsItsComponents() {
        Sizes ci = new Sizes(new Widths(20, 0.5), new int[]{8, 16}, Activations.TANH);
        Sizes paper = new Sizes(new Widths(100, 1e4), new int[]{16, 32, 64}, Activations.GELU);
        PerScale<Sizes> s = new PerScale<>(ci, paper);
        assertSame(ci, s.at(Scale.CI));
        assertSame(paper, s.at(Scale.PAPER));
        assertEquals("ci: n = 20, T = 0.5, depths = {8, 16}, sigma = tanh; paper: n = 100, T = 10000, depths = {16, 32, 64}, sigma = gelu",
                s.describe());
        assertThrows(IllegalArgumentException.class, () -> new PerScale<>(ci, null));
    }

    /** Every claim with scale-dependent sizes documents them (no claim's check reads a size that is not listed). */
    @Test
    void everyCatalogueSizesRecordDescribesItself() {
        int withSizes = 0;
        for (Claim c : ClaimCatalogue.all())
            if (c.sizes() != null) {
                withSizes++;
                String d = c.sizes().describe();
                assertTrue(d.startsWith("ci: ") && d.contains("; paper: "), c.id() + ": " + d);
            }
        assertTrue(withSizes >= 20, "claims with sizes: " + withSizes);
    }
}
