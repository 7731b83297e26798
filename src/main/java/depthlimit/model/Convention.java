package depthlimit.model;

/**
 * The two scaling conventions of eq. (3): h_{k+1} = h_k + c_res V_{k+1} σ(c_pre W_{k+1} h_k), loss λ Σ_i ‖F(x_i) − y_i‖².
 */
public enum Convention {
    /** The paper: c_res = 1/(L√m), c_pre = 1/√q, ℓ = (1/n) Σ_i ‖F(x_i) − y_i‖² (eqs. (2)–(3)). */
    PAPER("paper"),
    /**
     * The authors' PyTorch scripts (their Figure 1 and 2 code): c_res = 1/L, c_pre = 1, loss = mean over all n·d′ squared
     * entries, i.e. 1/d′ times the paper's ℓ.
     */
    AUTHORS_CODE("authors-code");

    private final String specName;

    Convention(String specName) { this.specName = specName; }

    public String specName() { return specName; }

    public double cRes(int depth, int width) {
        return this == PAPER ? 1.0 / (depth * Math.sqrt(width)) : 1.0 / depth;
    }

    public double cPre(int hidden) {
        return this == PAPER ? 1.0 / Math.sqrt(hidden) : 1.0;
    }

    /** λ in ℓ = λ Σ_i ‖F(x_i) − y_i‖². */
    public double lossWeight(int n, int outputDim) {
        return this == PAPER ? 1.0 / n : 1.0 / ((double) n * outputDim);
    }

    /** Default for "trainA"/"trainB": the paper trains A and B, the authors' experiments freeze them. */
    public boolean trainsEmbeddingsByDefault() { return this == PAPER; }

    public static Convention fromSpecName(String s) {
        for (Convention c : values()) if (c.specName.equals(s)) return c;
        return null;
    }
}
