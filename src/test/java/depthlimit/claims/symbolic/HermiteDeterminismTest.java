package depthlimit.claims.symbolic;

import depthlimit.claims.Claim;
import depthlimit.claims.Outcome;
import depthlimit.claims.Scale;
import depthlimit.claims.Verdict;
import depthlimit.io.Json;
import depthlimit.model.Activations;
import depthlimit.symbolic.ActivationReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hermite.coefficients does not depend on the wall clock: its Symja work runs without a time limit (no exact integrals,
 * parity decided by Simplify without TimeConstrained), so its evidence is the same on an idle and on a saturated
 * machine. Before, exact integrals under a 2–6 s budget and 3-s parity decisions made the "exact (Symja)" column and
 * the count of exact values vary with load.
 */
class HermiteDeterminismTest {
    @Test
    void theClaimUsesNoWallClockBudget() {
        assertTrue(HermiteCoefficients.OPTIONS.deterministic());
        assertFalse(ActivationReport.Options.DEFAULT.deterministic(), "exact integrals are time-limited");
        assertFalse(ActivationReport.Options.NO_EXACT.deterministic(), "parity under a 3-s limit");
    }

    /** The parity zeros the claim uses are the mathematically known ones (odd σ: even r; GELU − x/2 even: odd r ≥ 3). */
    @Test
    void parityZerosWithoutTimeLimitAreTheKnownOnes() {
        boolean[] oddZeros = {true, false, true, false, true, false, true};
        boolean[] geluZeros = {false, false, false, true, false, true, false};
        for (var a : List.of(Activations.TANH, Activations.SIN, Activations.GAUSS_X)) {
            ActivationReport r = ActivationReport.of(a, HermiteCoefficients.OPTIONS);
            assertEquals("odd", r.parity(), a.name());
            assertArrayEquals(oddZeros, java.util.Arrays.copyOf(r.zeroByParity(), 7), a.name());
        }
        ActivationReport g = ActivationReport.of(Activations.GELU, HermiteCoefficients.OPTIONS);
        assertEquals("even + linear", g.parity());
        assertArrayEquals(geluZeros, java.util.Arrays.copyOf(g.zeroByParity(), 7));
    }

    /** The same evidence, bit for bit, on an idle machine and with every core kept busy by spinning threads. */
    @Test
    void evidenceIsTheSameUnderLoad() throws InterruptedException {
        Claim.Context ctx = new Claim.Context(Scale.CI, 1);
        Outcome idle = HermiteCoefficients.hermite(ctx);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
            Thread t = new Thread(() -> {
                double x = 0;
                while (!stop.get()) x += Math.sin(x);
                if (x == 42) System.out.print("");
            });
            t.setDaemon(true);
            t.start();
            spinners.add(t);
        }
        Outcome loaded;
        try {
            loaded = HermiteCoefficients.hermite(ctx);
        } finally {
            stop.set(true);
            for (Thread t : spinners) t.join();
        }
        assertEquals(Verdict.CONFIRMED, idle.verdict());
        assertEquals(idle.verdict(), loaded.verdict());
        assertEquals(idle.summary(), loaded.summary());
        assertEquals(idle.keyFigure(), loaded.keyFigure());
        assertEquals(Json.write(idle.evidence().toMap()), Json.write(loaded.evidence().toMap()));
    }
}
