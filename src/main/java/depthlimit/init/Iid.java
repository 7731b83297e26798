package depthlimit.init;

import depthlimit.model.Architecture;
import depthlimit.model.Parameters;
import depthlimit.random.Rng;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The non-smooth contrast (Section 4.3, Appendix E): V_k, W_k i.i.d. N(0, vScale²), N(0, wScale²), independently per
 * layer; A = (I;0), B = (0,I). Successive differences are O(1), not O(1/L): there is no ODE limit.
 */
public record Iid(long seed, double vScale, double wScale) implements InitScheme {
    public String name() { return "iid"; }

    public Parameters create(Architecture arch) {
        Parameters p = new Parameters(arch);
        InitScheme.embedIdentityA(arch, p);
        InitScheme.readLastB(arch, p);
        Rng rv = Rng.stream(seed, "init.iid.V"), rw = Rng.stream(seed, "init.iid.W");
        for (int k = 1; k <= arch.L(); k++) {
            rv.fillGaussian(p.theta, p.offV(k), arch.layerV(), vScale);
            rw.fillGaussian(p.theta, p.offW(k), arch.layerW(), wScale);
        }
        return p;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", name());
        m.put("seed", seed);
        m.put("vScale", vScale);
        m.put("wScale", wScale);
        return m;
    }
}
