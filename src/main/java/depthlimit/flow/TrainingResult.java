package depthlimit.flow;

/**
 * The end of a run: status and reason, where it stopped, the weights there (the last accepted state) and the
 * solver statistics. The trajectory itself went to the observers.
 */
public record TrainingResult(Status status, String reason, double finalTime, long finalStep, double[] finalTheta,
                             double finalLoss, SolverStats stats) {
    public boolean completed() { return status == Status.COMPLETED; }
}
