package depthlimit.cli;

import depthlimit.falsify.TrialResult;
import depthlimit.falsify.Witness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code depthlimit replay}: re-evaluates a witness written by {@code falsify}. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-evaluates the configuration of a witness.json written by falsify and compares margin and",
                "measurements bit for bit with the recorded ones.",
                "Exit 1 when the property is violated (the counterexample reproduces), 0 when it holds there, 2 bad input."})
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WITNESS.json", description = "The witness.")
    Path file;

    public Integer call() {
        Witness w = Witness.read(file);
        TrialResult r = w.replay();
        System.out.printf(Locale.ROOT, "%s at %s%n", w.property().name(), w.config().values());
        System.out.printf(Locale.ROOT, "measure %s = %s, holds %s: %s, margin %s%s%n", w.property().measure().text(), r.value(),
                w.property().holds(), r.status().label(), r.margin(), r.reason().isEmpty() ? "" : " (" + r.reason() + ")");
        boolean same = w.identical(r);
        System.out.println(same ? "reproduced bit for bit (status, margin and every measurement)"
                : "NOT bit-identical to the recorded result: recorded " + w.status().label() + ", margin " + w.margin()
                + ", measured " + w.measured() + "; now " + r.measured()
                // dp853 moved from Hipparchus' integrator to FlatDormandPrince853 (same steps, states within 1e-10 of
                // ‖θ‖∞ but not the same bits): a witness recorded before replays exactly with the former integrator
                + ("dp853".equals(String.valueOf(w.config().values().get("method")))
                        ? "\n(a witness recorded before dp853 ran on its flat-buffer stepper replays bit for bit with DEPTHLIMIT_ODE=hipparchus)" : ""));
        return r.violated() ? Main.EXIT_FAILED : Main.EXIT_OK;
    }
}
