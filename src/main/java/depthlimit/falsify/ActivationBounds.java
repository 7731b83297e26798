package depthlimit.falsify;

import depthlimit.model.Activation;
import depthlimit.symbolic.Supremum;
import depthlimit.symbolic.SymbolicActivation;
import depthlimit.symbolic.SymbolicActivations;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** K_σ = sup|σ′|, M_σ = sup|σ| and sup|σ″| of an activation ({@link Supremum}: scan, refinement, Symja limits), memoized. */
final class ActivationBounds {
    private ActivationBounds() {}

    private static final Map<String, double[]> MEMO = new ConcurrentHashMap<>();

    /** {K_σ, M_σ, sup|σ″|}; +∞ where the supremum is infinite or undetermined (an upper bound is needed). */
    static double[] of(Activation a) {
        return MEMO.computeIfAbsent(SymbolicActivations.symjaForm(a), k -> {
            SymbolicActivation s = SymbolicActivations.symbolic(a);
            Supremum.Result lip = Supremum.of(x -> s.tape().evaluate(x)[1], s.derivative1(), s.derivative2());
            Supremum.Result bound = Supremum.of(x -> s.tape().evaluate(x)[0], s.expression(), s.derivative1());
            Supremum.Result second = Supremum.of(x -> s.tape().evaluate(x)[2], s.derivative2(), null);
            return new double[]{lip.finite() ? lip.value() : Double.POSITIVE_INFINITY,
                    bound.finite() ? bound.value() : Double.POSITIVE_INFINITY,
                    second.finite() ? second.value() : Double.POSITIVE_INFINITY};
        });
    }
}
