package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.model.Parallel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * {@code depthlimit}: the command line. Exit codes: 0 success, 1 a result that failed (a claim not confirmed, a
 * numerical failure reported with its reason), 2 bad input (one line naming the field), 3 an internal error.
 */
@Command(name = "depthlimit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Verification suite for deep ResNets and their neural-ODE limit (Marion, Wu, Sander & Biau, ICLR 2024).",
        subcommands = {VerifyCommand.class, GradCommand.class, TrainCommand.class, CheckCommand.class, SymgradCommand.class,
                ConstantsCommand.class, ProveCommand.class, CommandLine.HelpCommand.class,
                FalsifyCommand.class,
                ReplayCommand.class,
                SweepCommand.class,
                BenchCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0, EXIT_FAILED = 1, EXIT_INPUT = 2, EXIT_INTERNAL = 3;

    @Option(names = "--threads", description = "Threads for the gradient kernel and, in check and verify, for the claims run side by side (default: all cores). Results do not depend on it.",
            scope = CommandLine.ScopeType.INHERIT)
    void setThreads(int t) {
        if (t < 1) throw new InputError("--threads", "expected a positive integer, got " + t);
        Parallel.setThreads(t);
    }

    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        public String[] getVersion() {
            return new String[]{"depthlimit " + version() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            Throwable cause = ex.getCause();
            String msg = cause instanceof InputError ? cause.getMessage() : ex.getMessage();
            err.println("error: " + msg + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return EXIT_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, commandLine.getErr()));
        return cl;
    }

    /**
     * The top-level handler: every throwable becomes one line on stderr and an exit code, never a trace. Known
     * causes keep their code (bad input 2; out of memory and I/O failures, which are about the environment, 2);
     * anything else is an internal error (3) whose trace goes to a log file named on that line.
     */
    static int report(Throwable ex, PrintWriter err) {
        if (ex instanceof InputError) {
            err.println("error: " + ex.getMessage());
            return EXIT_INPUT;
        }
        if (ex instanceof OutOfMemoryError) {
            err.println("error: out of memory (Java heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB): make the run smaller or raise the heap with DEPTHLIMIT_JAVA_OPTS=-Xmx…");
            return EXIT_INPUT;
        }
        Throwable io = ex;
        while (io != null && !(io instanceof java.io.IOException)) io = io.getCause();
        if (io != null) {
            err.println("error: input/output failed: " + (io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage()));
            return EXIT_INPUT;
        }
        String log = writeLog(ex);
        err.println("internal error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage()))
                + (log == null ? "" : " (trace in " + log + "; please report it with the command that caused it)"));
        return EXIT_INTERNAL;
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    /** Writes the trace to a fresh file in the temporary directory; its path, or null if even that failed. */
    private static String writeLog(Throwable ex) {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("depthlimit-error-", ".log");
            java.io.StringWriter sw = new java.io.StringWriter();
            ex.printStackTrace(new PrintWriter(sw));
            java.nio.file.Files.writeString(f, "depthlimit " + version() + " (Java " + System.getProperty("java.version") + ")\n" + sw);
            return f.toString();
        } catch (Throwable t) {
            return null;
        }
    }

    public static void main(String[] args) {
        int code;
        PrintWriter err = new PrintWriter(System.err, true);
        try {
            Interrupts.enable();
            depthlimit.symbolic.SymbolicActivations.install();
            code = commandLine().execute(args);
        } catch (Throwable t) {
            code = report(t, err);
        }
        System.out.flush();
        System.exit(code);
    }
}
