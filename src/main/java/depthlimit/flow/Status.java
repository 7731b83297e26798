package depthlimit.flow;

/** How a run ended. Anything but COMPLETED is a numerical failure, reported with its reason, never an exception. */
public enum Status {
    COMPLETED("completed"),
    DIVERGED("diverged"),
    BUDGET_EXCEEDED("budget-exceeded"),
    STEP_UNDERFLOW("step-underflow"),
    /** Stopped on request (SIGINT/SIGTERM) at a step boundary; not a numerical failure. */
    INTERRUPTED("interrupted");

    private final String label;

    Status(String label) { this.label = label; }

    @Override
    public String toString() { return label; }
}
