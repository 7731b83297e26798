package depthlimit.flow;

import java.util.Arrays;
import java.util.List;

/** How the gradient flow (4)/(5) is integrated in training time t. */
public enum Method {
    /** Dormand–Prince 8(5,3), adaptive, dense output of order 7 ({@link FlatDormandPrince853}; Hipparchus' with -Ddepthlimit.ode=hipparchus). */
    DP853("dp853", true),
    /** Hipparchus Dormand–Prince 5(4), adaptive. */
    DP54("dp54", true),
    /** Full-batch gradient descent, step η on A, B and η·L on each Z_k (Appendix E); flow time t = η × steps. */
    GD("gd", false),
    /** Explicit Euler on the flow with step h; identical to gd with η = h (tested bit for bit). */
    EULER("euler", false),
    /** Classical fourth-order Runge–Kutta with fixed step h, for convergence studies. */
    RK4("rk4", false);

    private final String specName;
    private final boolean adaptive;

    Method(String specName, boolean adaptive) {
        this.specName = specName;
        this.adaptive = adaptive;
    }

    public String specName() { return specName; }

    public boolean adaptive() { return adaptive; }

    public static List<String> specNames() {
        return Arrays.stream(values()).map(Method::specName).toList();
    }

    public static Method fromSpecName(String s) {
        for (Method m : values()) if (m.specName.equals(s)) return m;
        return null;
    }
}
