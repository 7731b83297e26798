package depthlimit.claims.counterexample;

import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;

/** What several claims of this package share (their conventions: see package-info). */
final class CounterexampleCommon {
    private CounterexampleCommon() {}

    static final double X = 1.0, C = 2.0;

    /** The depth sweep of the Appendix D network (depth L: L/2 blocks of each weight). */
    record Sizes(int[] depths) {}

    static final PerScale<Sizes> SIZES = new PerScale<>(new Sizes(new int[]{4, 8, 16, 32, 64}),
            new Sizes(new int[]{16, 32, 64, 128, 256, 512, 1024}));

    static int[] halfDepths(Scale s) {
        return SIZES.at(s).depths().clone();
    }
}
