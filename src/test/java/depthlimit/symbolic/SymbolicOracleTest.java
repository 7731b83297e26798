package depthlimit.symbolic;

import depthlimit.data.Dataset;
import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;
import depthlimit.random.Rng;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The engine's backpropagation against Symja's D of the loss, for every built-in
 * activation and both conventions.
 *
 * <p>Tolerance: both sides are float64 evaluations of the same O(1)-valued function through ~100 operations on
 * O(1) weights; they differ by rounding, a few 1e-16 relative (measured ≤ 8e-16). 1e-12 leaves three orders of
 * margin yet is ~10 orders below what a wrong formula gives (the printed recursion is off by 1e-3..1).
 */
class SymbolicOracleTest {
    static final double TOL = 1e-12;

    private static Dataset data(int n, int d, int dOut, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n * d], y = new double[n * dOut];
        rng.fillGaussian(x, 0, x.length, 1);
        rng.fillGaussian(y, 0, y.length, 1);
        return new Dataset(n, d, dOut, x, y);
    }

    private static double[] theta(Architecture a, long seed) {
        double[] t = new double[a.size()];
        new Rng(seed).fillGaussian(t, 0, t.length, 1);
        return t;
    }

    @Test
    void everyBuiltInAndConventionAgreesAndThePrintedRecursionDoesNot() {
        for (Activation act : Activations.BUILT_IN) {
            for (Convention conv : Convention.values()) {
                Architecture a = new Architecture(1, 2, 1, 1, 2, act, conv, true, true);
                Dataset ds = data(2, 1, 1, 5);
                double worstPrinted = 0;
                for (long seed = 1; seed <= 3; seed++) {
                    SymbolicOracle.Comparison c = SymbolicOracle.compare(a, ds, theta(a, seed));
                    String where = act.name() + "/" + conv + "/seed " + seed;
                    assertTrue(c.lossRelative() <= TOL, where + ": loss " + c.lossRelative());
                    assertTrue(c.worstCorrected() <= TOL, where + ": corrected " + c.worstCorrected());
                    // the last layer and B never involve the recursion: printed = corrected there
                    for (SymbolicOracle.BlockDisagreement b : c.printed())
                        if (b.block().equals("B") || b.block().endsWith("_2")) assertTrue(b.relative() <= TOL, where + " " + b);
                    worstPrinted = Math.max(worstPrinted, c.worstPrinted());
                }
                assertTrue(worstPrinted > 1e-3, act.name() + "/" + conv + ": the printed eq. (13) should disagree, got " + worstPrinted);
            }
        }
    }

    /**
     * The oracle's scalings are its own, not {@link Convention}'s: with d′ = 2 outputs, n = 2 samples, m = 2, q = 2 every
     * one of c_res = 1/(L√m), c_pre = 1/√q and λ = 1/n differs from its look-alikes (1/L, 1, 1/(n·d′)), so a slip in
     * the engine's constants makes the loss and every gradient disagree by a factor ≥ √2 − 1 (the loss weight
     * 1/(n·d′) instead of 1/n: a factor 2 in ℓ and in every gradient). Checked by planting that slip in Convention:
     * this test then fails with a loss discrepancy of 0.5 (relative), while the d′ = 1 tests above cannot see it.
     */
    @Test
    void scalingsAreIndependentOfTheEnginesConvention() {
        for (Convention conv : Convention.values()) {
            Architecture a = new Architecture(1, 2, 2, 2, 1, Activations.TANH, conv, true, true);
            Dataset ds = data(2, 1, 2, 11);
            SymbolicOracle.Comparison c = SymbolicOracle.compare(a, ds, theta(a, 12));
            assertTrue(c.lossRelative() <= TOL, conv + ": loss " + c.lossSymbolic() + " (symbolic) vs " + c.lossEngine() + " (engine)");
            assertTrue(c.worstCorrected() <= TOL, conv + ": gradient " + c.worstCorrected());
        }
        // the oracle's constants spelled out once more, as exact numbers
        assertEquals("1/3", SymbolicOracle.lossWeight(true, 3, 2).toString());
        assertEquals("1/6", SymbolicOracle.lossWeight(false, 3, 2).toString());
        assertEquals("1/4", SymbolicOracle.residualScale(false, 4, 9).toString());
        assertEquals(1 / (4 * Math.sqrt(9)), SymbolicOracle.residualScale(true, 4, 9).evalf(), 1e-16);
        assertEquals(1 / Math.sqrt(3), SymbolicOracle.preActivationScale(true, 3).evalf(), 1e-16);
        assertEquals(1.0, SymbolicOracle.preActivationScale(false, 3).evalf(), 0.0);
    }

    /** The three ways σ can enter the loss give the same gradient (a user expression for GELU, not odd or even). */
    @Test
    void userActivationInEverySigmaMode() {
        Activation user = SymbolicActivations.resolve("x*(1 + Erf[x/Sqrt[2]])/2", "test");
        Architecture a = new Architecture(1, 2, 1, 1, 2, user, Convention.PAPER, true, true);
        Dataset ds = data(2, 1, 1, 9);
        double[] t = theta(a, 4);
        SymbolicOracle standIn = SymbolicOracle.of(a, 2, SymbolicOracle.Mode.STAND_IN);
        SymbolicOracle opaque = SymbolicOracle.of(a, 2, SymbolicOracle.Mode.OPAQUE_SIGMA);
        SymbolicOracle inlined = SymbolicOracle.of(a, 2, SymbolicOracle.Mode.INLINED_SIGMA);
        assertEquals(SymbolicOracle.Mode.STAND_IN, standIn.mode(), "no pre-activation triggers Sinh's parity rule");
        assertTrue(inlined.lossLeaves() > opaque.lossLeaves(), "GELU written out doubles the tree per layer");
        double[] g0 = new double[a.size()];
        standIn.lossAndGradient(t, ds, g0);
        for (SymbolicOracle o : new SymbolicOracle[]{standIn, opaque, inlined}) {
            assertTrue(o.compare(ds, t).worstCorrected() <= TOL, o.mode().toString());
            double[] g = new double[a.size()];
            o.lossAndGradient(t, ds, g);
            for (int i = 0; i < g.length; i++) assertEquals(g0[i], g[i], TOL * (1 + Math.abs(g0[i])), o.mode() + " entry " + i);
        }
    }

    @Test
    void widerBlocks() {
        Architecture a = new Architecture(2, 2, 2, 1, 2, Activations.SIN, Convention.PAPER, true, true);
        Dataset ds = data(1, 2, 1, 12);
        SymbolicOracle.Comparison c = SymbolicOracle.compare(a, ds, theta(a, 13));
        assertTrue(c.worstCorrected() <= TOL, "corrected " + c.worstCorrected());
        assertTrue(c.worstPrinted() > 1e-3, "printed " + c.worstPrinted());
    }

    @Test
    void largeNetworksAreRefusedBeforeSymjaWorks() {
        Architecture big = new Architecture(4, 8, 8, 4, 6, Activations.TANH, Convention.PAPER, true, true);
        long before = Symja.calls();
        SymbolicOracle.TooLarge e = assertThrows(SymbolicOracle.TooLarge.class, () -> SymbolicOracle.of(big, 10, SymbolicOracle.Mode.OPAQUE_SIGMA));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        assertEquals(before, Symja.calls(), "the refusal happens before any Symja work");
    }
}
