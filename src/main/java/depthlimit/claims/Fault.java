package depthlimit.claims;

import depthlimit.init.InitScheme;
import depthlimit.model.Activation;
import depthlimit.model.Backprop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongFunction;
import java.util.function.UnaryOperator;

/**
 * A change of a claim's setting passed into its check through {@link Claim.Context} — used by the tests that show a
 * verdict can fail (a setting where the paper's prediction must not hold, or an injected engine fault). {@link #NONE},
 * the default, leaves every check exactly as published. Each field is optional (null: unchanged) and each check
 * consults only the fields that make sense for it; {@link #describe()} goes into the evidence.
 *
 * @param description what was changed, in words
 * @param setup       applied to every training configuration the check builds (width, data, convention, …)
 * @param init        the initialization, from the check's init seed, replacing the check's own
 * @param activation  the activation σ replacing the check's smooth σ (checks whose statement fixes σ)
 * @param recursion   the backward recursion of the engine (the printed eq. (13) is a fault)
 * @param depthMap    s ↦ s′: the depth at which a fixed weight function is sampled for layer k (s = k/L)
 * @param sizes       named numeric settings of a check (sizes, sampler scales), overriding its defaults
 */
public record Fault(String description, UnaryOperator<Experiment.Setup> setup, LongFunction<InitScheme> init,
                    Activation activation, Backprop.Recursion recursion, DoubleUnaryOperator depthMap,
                    Map<String, Double> sizes) {
    /** No change: the check as published. */
    public static final Fault NONE = new Fault("none", null, null, null, null, null, Map.of());

    public Fault {
        sizes = Map.copyOf(sizes);
    }

    public static Fault named(String description) {
        return new Fault(description, null, null, null, null, null, Map.of());
    }

    public Fault withSetup(UnaryOperator<Experiment.Setup> s) {
        return new Fault(description, s, init, activation, recursion, depthMap, sizes);
    }

    public Fault withInit(LongFunction<InitScheme> i) {
        return new Fault(description, setup, i, activation, recursion, depthMap, sizes);
    }

    public Fault withActivation(Activation a) {
        return new Fault(description, setup, init, a, recursion, depthMap, sizes);
    }

    public Fault withRecursion(Backprop.Recursion r) {
        return new Fault(description, setup, init, activation, r, depthMap, sizes);
    }

    public Fault withDepthMap(DoubleUnaryOperator m) {
        return new Fault(description, setup, init, activation, recursion, m, sizes);
    }

    public Fault withSize(String name, double value) {
        Map<String, Double> s = new LinkedHashMap<>(sizes);
        s.put(name, value);
        return new Fault(description, setup, init, activation, recursion, depthMap, s);
    }

    public boolean isNone() { return this == NONE; }

    /** The check's configuration with this fault's setup change and init applied ({@code initSeed}: the check's). */
    public Experiment.Setup apply(Experiment.Setup s, long initSeed) {
        Experiment.Setup r = setup == null ? s : setup.apply(s);
        return init == null ? r : r.withInit(init.apply(initSeed));
    }

    public InitScheme init(long initSeed, InitScheme dflt) { return init == null ? dflt : init.apply(initSeed); }

    public Activation activation(Activation dflt) { return activation == null ? dflt : activation; }

    public Backprop.Recursion recursion() { return recursion == null ? Backprop.Recursion.CORRECTED : recursion; }

    public double depth(double s) { return depthMap == null ? s : depthMap.applyAsDouble(s); }

    public double size(String name, double dflt) { return sizes.getOrDefault(name, dflt); }

    public int size(String name, int dflt) { return sizes.containsKey(name) ? (int) Math.round(sizes.get(name)) : dflt; }

    /** For the evidence: the description, or nothing for {@link #NONE}. */
    public String describe() { return description; }
}
