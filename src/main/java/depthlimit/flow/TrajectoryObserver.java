package depthlimit.flow;

/**
 * Receives the trajectory as it is computed, in the style of Hipparchus' step handlers: every accepted step end,
 * and every sample time with the loss and plain gradient there. Arrays are live buffers: copy what you keep.
 */
public interface TrajectoryObserver {
    /** After every accepted step (and once at t = 0, step 0). */
    default void step(long step, double t, double[] theta) {}

    /** At sample {@code index}, time t, with ℓ(θ) and ∂ℓ/∂θ at that state. */
    void sample(int index, double t, long step, double[] theta, double loss, double[] grad);
}
