package depthlimit.model;

/**
 * The paper's model, eq. (3):
 * <pre>
 *   h_0 = A x,   h_{k+1} = h_k + c_res V_{k+1} σ(c_pre W_{k+1} h_k)  (k = 0..L−1),   F(x) = B h_L,
 * </pre>
 * with c_res = 1/(L√m), c_pre = 1/√q in the paper's convention (1/L and 1 in the authors' code). Layer k+1's
 * weights act on h_k, so the network is the explicit Euler scheme, step 1/L, of the neural ODE (6) when
 * V_k = 𝒱(k/L), W_k = 𝒲(k/L).
 *
 * <p>This class is the readable reference: {@link #forward} runs one sample, summing each product as a chain of
 * fused multiply-adds in index order. {@link Backprop} runs the same recursion batched over all samples with
 * register-blocked kernels that sum in the same order, and tests check the two agree bit for bit.
 */
public final class ResNet {
    private final Architecture arch;

    public ResNet(Architecture arch) {
        this.arch = arch;
    }

    public Architecture architecture() { return arch; }

    /**
     * F(x) for one sample; {@code hidden} receives h_0, ..., h_L as L+1 rows of q when non-null.
     */
    public double[] forward(double[] theta, double[] x, double[][] hidden) {
        int d = arch.d(), q = arch.q(), m = arch.m(), L = arch.L();
        double cRes = arch.cRes(), cPre = arch.cPre();
        Activation sigma = arch.activation();
        double[] h = new double[q];
        for (int a = 0; a < q; a++) {                  // h_0 = A x
            double s = 0;
            for (int c = 0; c < d; c++) s = Math.fma(theta[arch.offA() + a * d + c], x[c], s);
            h[a] = s;
        }
        if (hidden != null) hidden[0] = h.clone();
        double[] act = new double[m];
        for (int k = 1; k <= L; k++) {                 // h_k = h_{k−1} + c_res V_k σ(c_pre W_k h_{k−1})
            int offV = arch.offV() + (k - 1) * q * m, offW = arch.offW() + (k - 1) * m * q;
            for (int j = 0; j < m; j++) {
                double u = 0;
                for (int a = 0; a < q; a++) u = Math.fma(h[a], theta[offW + j * q + a], u);
                act[j] = sigma.value(cPre * u);
            }
            double[] next = new double[q];
            for (int a = 0; a < q; a++) {
                double s = 0;
                for (int j = 0; j < m; j++) s = Math.fma(act[j], theta[offV + a * m + j], s);
                next[a] = h[a] + cRes * s;
            }
            h = next;
            if (hidden != null) hidden[k] = h.clone();
        }
        double[] out = new double[arch.dOut()];        // F(x) = B h_L
        for (int b = 0; b < arch.dOut(); b++) {
            double s = 0;
            for (int a = 0; a < q; a++) s = Math.fma(theta[arch.offB() + b * q + a], h[a], s);
            out[b] = s;
        }
        return out;
    }
}
