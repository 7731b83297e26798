package depthlimit.init;

import depthlimit.model.Architecture;
import depthlimit.model.Parameters;
import depthlimit.random.Rng;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paper's Section-3 initialization: A = (I;0), B = (0,I), V_k = 0, W_k = W̄ for every k with W̄ i.i.d. N(0,1),
 * shared across depth. The network is then the Euler scheme of dH/ds = 0, so h_k = Ax for all k and, when
 * q ≥ d + d′, F = 0 and ℓ(0) = (1/n) Σ‖y_i‖² (Section 3).
 */
public record WeightTied(long seed) implements InitScheme {
    public String name() { return "weight-tied"; }

    public Parameters create(Architecture arch) {
        Parameters p = new Parameters(arch);
        InitScheme.embedIdentityA(arch, p);
        InitScheme.readLastB(arch, p);
        double[] wBar = new double[arch.layerW()];
        Rng.stream(seed, "init.weight-tied.W").fillGaussian(wBar, 0, wBar.length, 1.0);
        for (int k = 1; k <= arch.L(); k++) System.arraycopy(wBar, 0, p.theta, p.offW(k), wBar.length);
        return p;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", name());
        m.put("seed", seed);
        return m;
    }
}
