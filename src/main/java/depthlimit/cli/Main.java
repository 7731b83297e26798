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
                BenchCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0, EXIT_FAILED = 1, EXIT_INPUT = 2, EXIT_INTERNAL = 3;

    @Option(names = "--threads", description = "Threads for the gradient kernel (default: all cores). Results do not depend on it.",
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
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof InputError) {
                err.println("error: " + ex.getMessage());
                return EXIT_INPUT;
            }
            err.println("internal error (please report it with the command that caused it):");
            ex.printStackTrace(err);
            return EXIT_INTERNAL;
        });
        return cl;
    }

    public static void main(String[] args) {
        depthlimit.symbolic.SymbolicActivations.install();
        int code = commandLine().execute(args);
        System.out.flush();
        System.exit(code);
    }
}
