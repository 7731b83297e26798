package depthlimit.symbolic;

import depthlimit.model.Erf;

/**
 * erf and erfc in float64 for compiled Symja expressions (user activations such as {@code x*(1+Erf[x/Sqrt[2]])/2}),
 * delegating to {@link Erf}, the engine's own implementation (Cody's rational approximations, a few ulps).
 *
 */
public final class SpecialFunctions {
    private SpecialFunctions() {}

    public static double erf(double z) {
        return Erf.erf(z);
    }

    public static double erfc(double z) {
        return Erf.erfc(z);
    }
}
