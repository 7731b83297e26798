package depthlimit.symbolic;

import depthlimit.InputError;
import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.spec.ExperimentSpec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Activation names for specs and commands: a built-in name ({@link Activations#BUILT_IN}, resolved without starting
 * Symja) or any Symja expression in x ({@link SymbolicActivation}). Also the Symja form of every built-in, so the
 * symbolic layer (hypotheses, Hermite coefficients, the oracle) treats built-ins and user expressions alike.
 */
public final class SymbolicActivations {
    private SymbolicActivations() {}

    /** The Symja expression of each built-in, exactly the function the engine implements. */
    public static final Map<String, String> BUILT_IN_FORMS = Map.of(
            "tanh", "Tanh[x]",
            "gelu", "x*(1 + Erf[x/Sqrt[2]])/2",
            "sin", "Sin[x]",
            "gauss-x", "x*Exp[-x^2/2]",
            "relu", "Piecewise[{{x, x > 0}}, 0]",
            "identity", "x");

    private static final Map<String, SymbolicActivation> CACHE = new ConcurrentHashMap<>();

    /** Makes specs accept Symja expressions wherever an activation name is accepted. Idempotent. */
    public static void install() {
        ExperimentSpec.setActivationResolver(name -> resolve(name, "model.activation"));
    }

    /** A built-in by name (no Symja), else the expression compiled; bad input is an {@link InputError} on field. */
    public static Activation resolve(String name, String field) {
        if (name == null) throw new InputError(field, "missing activation");
        var builtIn = Activations.builtIn(name.strip());
        if (builtIn.isPresent()) return builtIn.get();
        SymbolicActivation cached = CACHE.get(name);
        if (cached != null) return cached;
        SymbolicActivation made = SymbolicActivation.parse(name, field);
        CACHE.putIfAbsent(name, made);
        return CACHE.get(name);
    }

    /** σ as a Symja expression in x: the built-in's form, or the user's expression. */
    public static String symjaForm(Activation a) {
        if (a instanceof SymbolicActivation s) return s.name();
        String form = BUILT_IN_FORMS.get(a.name());
        if (form == null) throw new IllegalArgumentException("no Symja form for activation " + a.name());
        return form;
    }

    /** The symbolic twin of any activation (for a built-in: its Symja form compiled). */
    public static SymbolicActivation symbolic(Activation a) {
        if (a instanceof SymbolicActivation s) return s;
        String form = symjaForm(a);
        return CACHE.computeIfAbsent("builtin:" + a.name(), k -> SymbolicActivation.parse(form, "activation"));
    }
}
