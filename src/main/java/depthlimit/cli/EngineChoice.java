package depthlimit.cli;

import depthlimit.InputError;

/** The {@code --engine}/{@code --master} pair of {@code sweep} and {@code falsify}, checked before anything runs. */
final class EngineChoice {
    private EngineChoice() {}

    /**
     * True for {@code --engine spark}, false for {@code local}; refuses any other engine and a {@code --master}
     * without {@code --engine spark} ({@link InputError}). Under {@code spark-submit} (which sets the system
     * property {@code spark.master}) with the local engine, says on stderr that the trials stay on the driver.
     */
    static boolean spark(String engine, String master) {
        if (!engine.equals("local") && !engine.equals("spark"))
            throw new InputError("--engine", "expected local or spark, got \"" + engine + "\"");
        if (engine.equals("spark")) return true;
        if (master != null)
            throw new InputError("--master", "only with --engine spark (--engine local runs the trials on this JVM's threads), got --master " + master);
        if (System.getProperty("spark.master") != null)
            System.err.println("note: started by spark-submit but --engine local: the trials run on the driver's threads; add --engine spark to run them on "
                    + System.getProperty("spark.master"));
        return false;
    }
}
