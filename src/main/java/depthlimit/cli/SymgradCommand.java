package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.data.Dataset;
import depthlimit.model.Architecture;
import depthlimit.random.Rng;
import depthlimit.spec.ExperimentSpec;
import depthlimit.symbolic.SymbolicActivations;
import depthlimit.symbolic.SymbolicOracle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code depthlimit symgrad}: the engine's backpropagation against Symja's D of the loss (claim 13; the printed eq. (13) lacks a transpose). */
@Command(name = "symgrad", mixinStandardHelpOptions = true,
        description = {"Compare the engine's gradients with Symja's symbolic derivatives of the loss (eq. (3)), for small networks.",
                "Evaluated at the spec's initialization and at random points θ ~ N(0,1); prints, per parameter block, the worst",
                "disagreement max|engine − D| / max|D| of the corrected backpropagation and of the recursion as printed in eq. (13)",
                "(without the transpose). Exit 1 if the corrected recursion disagrees beyond the tolerance."})
public final class SymgradCommand implements Callable<Integer> {
    @Option(names = "--spec", required = true, paramLabel = "S.json", description = "Experiment spec (JSON); its model must be small (e.g. L ≤ 3, q ≤ 3, m ≤ 2, d, d′ ≤ 2, n ≤ 3).")
    Path spec;

    @Option(names = "--points", defaultValue = "3", description = "Random points besides the initialization (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random points (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tolerance", defaultValue = "1e-12", description = "Largest relative disagreement accepted for the corrected recursion (default ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--max-work", defaultValue = "500000", paramLabel = "N",
            description = "Refuse when leaves(ℓ) × parameters exceeds N (default ${DEFAULT-VALUE}, about a minute of Symja's D; the time grows linearly in N).")
    long maxWork;

    @Option(names = "--sigma", defaultValue = "stand-in", paramLabel = "MODE",
            description = {"How σ enters the loss expression: stand-in (default: Sinh stands for σ, so D writes Cosh for σ′; both replaced",
                    "by σ's Symja form and D[σ, x] after differentiation), opaque (an undefined function sig; ~4× slower),",
                    "inline (σ's expression written out; GELU doubles the tree per layer)."})
    String sigmaMode;

    public Integer call() {
        if (points < 0) throw new InputError("--points", "expected a non-negative integer, got " + points);
        if (maxWork < 1) throw new InputError("--max-work", "expected a positive integer, got " + maxWork);
        if (!(tolerance > 0)) throw new InputError("--tolerance", "expected a positive number, got " + tolerance);
        SymbolicActivations.install();
        ExperimentSpec s = ExperimentSpec.load(spec);
        Architecture arch = s.architecture();
        Dataset data = s.createData();
        try {
            SymbolicOracle.checkSize(arch, data.n(), maxWork);
        } catch (SymbolicOracle.TooLarge e) {
            throw new InputError("--spec", e.getMessage());
        }
        SymbolicOracle.Mode mode = switch (sigmaMode) {
            case "stand-in" -> SymbolicOracle.Mode.STAND_IN;
            case "opaque" -> SymbolicOracle.Mode.OPAQUE_SIGMA;
            case "inline" -> SymbolicOracle.Mode.INLINED_SIGMA;
            default -> throw new InputError("--sigma", "expected stand-in, opaque or inline, got \"" + sigmaMode + "\"");
        };
        System.out.printf(Locale.ROOT, "symgrad: L = %d, q = %d, m = %d, d = %d, d' = %d, n = %d, activation %s, convention %s, %d parameters%n",
                arch.L(), arch.q(), arch.m(), arch.d(), arch.dOut(), data.n(), arch.activation().name(),
                arch.convention().specName(), arch.size());
        System.out.flush();
        SymbolicOracle oracle;
        try {
            oracle = SymbolicOracle.of(arch, data.n(), mode, maxWork);
        } catch (SymbolicOracle.TooLarge e) {
            throw new InputError("--spec", e.getMessage());
        }
        String how = switch (oracle.mode()) {
            case STAND_IN -> "Sinh standing in for σ";
            case OPAQUE_SIGMA -> "σ as an undefined function sig" + (mode == SymbolicOracle.Mode.STAND_IN ? " (a pre-activation defeated the stand-in)" : "");
            case INLINED_SIGMA -> "σ written out";
        };
        System.out.printf(Locale.ROOT, "Symja: loss with %d leaves (%s), D for each of the %d parameters, compiled in %.2f s to %d instructions%n",
                oracle.lossLeaves(), how, arch.size(), oracle.buildSeconds(), oracle.tape().instructions());

        List<double[]> thetas = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        thetas.add(s.createParameters().theta);
        labels.add("initialization");
        Rng rng = Rng.stream(seed, "symgrad.theta");
        for (int i = 0; i < points; i++) {
            double[] t = new double[arch.size()];
            rng.fillGaussian(t, 0, t.length, 1);
            thetas.add(t);
            labels.add("random point " + (i + 1));
        }
        Map<String, double[]> worst = new LinkedHashMap<>();   // block -> {corrected, printed, scale}
        double lossWorst = 0;
        for (double[] theta : thetas) {
            SymbolicOracle.Comparison c = oracle.compare(data, theta);
            lossWorst = Math.max(lossWorst, c.lossRelative());
            for (int b = 0; b < c.corrected().size(); b++) {
                SymbolicOracle.BlockDisagreement cb = c.corrected().get(b), pb = c.printed().get(b);
                double[] w = worst.computeIfAbsent(cb.block(), k -> new double[3]);
                w[0] = Math.max(w[0], cb.relative());
                w[1] = Math.max(w[1], pb.relative());
                w[2] = Math.max(w[2], cb.scale());
            }
        }
        System.out.println("points: " + String.join(", ", labels) + " (θ ~ N(0,1), seed " + seed + "); data from the spec");
        System.out.println("worst relative disagreement with D, max|engine − D| / max|D| over the block:");
        System.out.printf(Locale.ROOT, "  %-6s %12s %20s %20s%n", "block", "max|D|", "corrected (13)", "printed (13)");
        double corrected = 0, printed = 0;
        List<String> wrongBlocks = new ArrayList<>();
        for (Map.Entry<String, double[]> e : worst.entrySet()) {
            double[] w = e.getValue();
            corrected = Math.max(corrected, w[0]);
            printed = Math.max(printed, w[1]);
            if (w[1] > 1e-6) wrongBlocks.add(e.getKey());
            System.out.printf(Locale.ROOT, "  %-6s %12.3e %20.2e %20.2e%n", e.getKey(), w[2], w[0], w[1]);
        }
        System.out.printf(Locale.ROOT, "  loss   %33.2e%n", lossWorst);
        boolean ok = corrected <= tolerance && lossWorst <= tolerance;
        System.out.printf(Locale.ROOT, "%s: the corrected recursion agrees with D to %.1e (tolerance %.0e)%n",
                ok ? "ok" : "FAILED", Math.max(corrected, lossWorst), tolerance);
        if (wrongBlocks.isEmpty())
            System.out.printf(Locale.ROOT, "the printed eq. (13) (no transpose) also agrees here (%.1e): ∂₁f is symmetric or zero at these points%n", printed);
        else
            System.out.printf(Locale.ROOT, "the printed eq. (13) (no transpose) disagrees with D by up to %.1e (blocks %s): it lacks the transpose ∂₁fᵀ%n",
                    printed, String.join(", ", wrongBlocks));
        return ok ? Main.EXIT_OK : Main.EXIT_FAILED;
    }
}
