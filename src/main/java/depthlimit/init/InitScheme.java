package depthlimit.init;

import depthlimit.model.Architecture;
import depthlimit.model.Parameters;

import java.util.Map;

/**
 * An initialization of (A, V_k, W_k, B) (Section 3). Implementations are pure functions of the architecture and
 * their own seed: the same spec gives bit-identical parameters.
 */
public interface InitScheme {
    /** The spec name ("weight-tied", "gp", "fbm", "iid", "file"). */
    String name();

    Parameters create(Architecture arch);

    /** The resolved settings, defaults filled in, as they go into run records. */
    Map<String, Object> describe();

    /** A = (I_d; 0) ∈ ℝ^{q×d}: x embedded in the first d hidden coordinates (Section 3). */
    static void embedIdentityA(Architecture arch, Parameters p) {
        requireHidden(arch);
        for (int c = 0; c < arch.d(); c++) p.theta[arch.offA() + c * arch.d() + c] = 1.0;
    }

    /** B = (0, I_{d′}) ∈ ℝ^{d′×q}: reads the last d′ hidden coordinates (Section 3). */
    static void readLastB(Architecture arch, Parameters p) {
        requireHidden(arch);
        int q = arch.q(), dOut = arch.dOut();
        for (int b = 0; b < dOut; b++) p.theta[arch.offB() + b * q + (q - dOut + b)] = 1.0;
    }

    private static void requireHidden(Architecture arch) {
        if (arch.q() < Math.max(arch.d(), arch.dOut()))
            throw new depthlimit.InputError("model.hidden", "A = (I;0) and B = (0,I) need hidden ≥ max(input, output) = "
                    + Math.max(arch.d(), arch.dOut()) + ", got " + arch.q());
    }
}
