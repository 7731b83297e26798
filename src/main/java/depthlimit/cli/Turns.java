package depthlimit.cli;

import java.util.concurrent.Semaphore;

/**
 * Parties 0..N−1, each on its own thread, take turns in the fixed cycle 0, 1, …, N−1, 0, …: one turn at a time,
 * party 0 first. A party that leaves (its work ended, normally or not) is skipped from then on; it must leave while
 * holding the turn, or after having passed it, so that exactly one turn circulates. Passing and acquiring a turn
 * orders memory as a lock does: what a party wrote before passing is visible to every later holder.
 */
final class Turns {
    private final Semaphore[] turn;
    private final boolean[] left;

    Turns(int parties) {
        turn = new Semaphore[parties];
        left = new boolean[parties];
        for (int p = 0; p < parties; p++) turn[p] = new Semaphore(p == 0 ? 1 : 0);
    }

    /** Blocks until it is party p's turn. */
    void await(int p) {
        turn[p].acquireUninterruptibly();
    }

    /** Party p, holding the turn, hands it to the next party that has not left (if any). */
    synchronized void pass(int p) {
        for (int i = 1; i <= turn.length; i++) {
            int next = (p + i) % turn.length;
            if (!left[next]) {
                turn[next].release();
                return;
            }
        }
    }

    /** Party p takes no more turns; if it holds the turn, it passes it on. A second call does nothing. */
    synchronized void leave(int p, boolean holding) {
        if (left[p]) return;
        left[p] = true;
        if (holding) pass(p);
    }
}
