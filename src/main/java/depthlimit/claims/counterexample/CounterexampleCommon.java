package depthlimit.claims.counterexample;

import depthlimit.claims.Scale;

/** What several claims of this package share (their conventions: see package-info). */
final class CounterexampleCommon {
    private CounterexampleCommon() {}

    static final double X = 1.0, C = 2.0;

    static int[] halfDepths(Scale s) {
        return s == Scale.CI ? new int[]{4, 8, 16, 32, 64} : new int[]{16, 32, 64, 128, 256, 512, 1024};
    }
}
