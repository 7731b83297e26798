package depthlimit.claims.init;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Scale;
import depthlimit.claims.regularity.RegularityCommon;
import depthlimit.data.Dataset;
import depthlimit.data.GaussianData;
import depthlimit.init.WeightTied;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;

import java.util.List;


/** Claim 3, {@code init.weight-tied-identities}: Exact identities at the weight-tied initialization (Section 3; Appendix B.6). */
public final class InitWeightTiedIdentities {
    private InitWeightTiedIdentities() {}

    /** The claim as data, with its check {@link #identities}. */
    public static Claim claim() {
        return new Claim("init.weight-tied-identities", 3, "Exact identities at the weight-tied initialization",
                "Section 3; Appendix B.6", "weight-tied init, q ≥ d + d′",
                "h_k − Ax, F(x), ℓ(0) − (1/n)Σ‖y‖², ∂ℓ/∂W_k, ∂ℓ/∂V_k − ∂ℓ/∂V_1, ∂ℓ/∂A and ∂ℓ/∂B against their closed forms, G(0) across depths",
                "all zero exactly (or to the round-off of one sum); G(0) identical for every L up to the round-off of its sum",
                InitWeightTiedIdentities::identities)
                .documented("i.i.d. N(0, 1) V_k, W_k instead of the weight-tied init: h_k ≠ Ax and ∂ℓ/∂V_k depends on k",
                        "the identities hold at the initialization itself (Section 3), checked at four depths; the round-off bounds are a priori summation bounds")
                .paperEstimate(2)
                .sizes(SIZES);
    }

    /** Widths d, d', q, m, n samples and the depths. */
    record Sizes(int d, int dOut, int q, int m, int n, int[] depths) {}

    static final PerScale<Sizes> SIZES = new PerScale<>(
            new Sizes(3, 2, 6, 5, 7, new int[]{1, 2, 16, 256}),
            new Sizes(16, 16, 32, 32, 100, new int[]{1, 16, 256, 1024}));

    static Outcome identities(Claim.Context ctx) {
        Sizes z = SIZES.at(ctx.scale());
        int d = z.d(), dOut = z.dOut(), q = z.q();
        int m = z.m(), n = z.n();
        int[] depths = z.depths().clone();
        Evidence.Table tab = new Evidence.Table("activation", "convention", "L", "max|h_k − Ax|", "max|F(x)|",
                "|ℓ(0) − λΣ‖y‖²|/ℓ", "max|∂_Wℓ|", "max|∂_{V_k}ℓ − ∂_{V_1}ℓ|", "max|∂_Aℓ − closed form|", "max|∂_Bℓ − closed form|",
                "G(0)", "|G(0) − G_ref|/G_ref", "round-off bound");
        boolean ok = true;
        for (var act : List.of(Activations.TANH, Activations.GELU))
            for (Convention conv : Convention.values()) {
                Dataset data = new GaussianData(n, ctx.seed(), 1.0).create(d, dOut, q);
                // λ written out from eq. (2) / Appendix E, not read from Convention: the identity must catch a wrong loss weight
                double lambda = conv == Convention.PAPER ? 1.0 / n : 1.0 / ((double) n * dOut), gRef = Double.NaN;
                for (int L : depths) {
                    Architecture a = new Architecture(d, q, m, dOut, L, act, conv, true, true);
                    double[] theta = ctx.fault().init(ctx.seed() + 1, new WeightTied(ctx.seed() + 1)).create(a).theta;
                    Backprop bp = new Backprop(a, data);
                    double[] g = new double[a.size()];
                    double loss = bp.lossAndGradient(theta, g);
                    double hDev = 0, fDev = 0;
                    double[] h = new double[q], out = new double[dOut];
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k <= L; k++) {
                            bp.hidden(k, i, h);
                            for (int r = 0; r < q; r++) hDev = Math.max(hDev, Math.abs(h[r] - (r < d ? data.x()[i * d + r] : 0)));
                        }
                        bp.output(i, out);
                        for (double v : out) fDev = Math.max(fDev, Math.abs(v));
                    }
                    double sumY = 0;
                    for (double y : data.y()) sumY += y * y;
                    double lossDev = Math.abs(loss - lambda * sumY) / loss;
                    double dW = 0, dV = 0, dA = 0, dB = 0;
                    for (int j = a.offW(); j < a.offB(); j++) dW = Math.max(dW, Math.abs(g[j]));
                    for (int k = 2; k <= L; k++)
                        for (int j = 0; j < a.layerV(); j++)
                            dV = Math.max(dV, Math.abs(g[a.offV() + (k - 1) * a.layerV() + j] - g[a.offV() + j]));
                    for (int r = 0; r < q; r++)
                        for (int c = 0; c < d; c++) {
                            double e = 0;
                            if (r >= q - dOut) for (int i = 0; i < n; i++) e -= 2 * lambda * data.y()[i * dOut + r - (q - dOut)] * data.x()[i * d + c];
                            dA = Math.max(dA, Math.abs(g[a.offA() + r * d + c] - e));
                        }
                    for (int b = 0; b < dOut; b++)
                        for (int c = 0; c < q; c++) {
                            double e = 0;
                            if (c < d) for (int i = 0; i < n; i++) e -= 2 * lambda * data.y()[i * dOut + b] * data.x()[i * d + c];
                            dB = Math.max(dB, Math.abs(g[a.offB() + b * q + c] - e));
                        }
                    double G = Backprop.flowMetric(a, g);
                    if (Double.isNaN(gRef)) gRef = G;
                    double gDev = Math.abs(G - gRef) / gRef;
                    // recursive summation of N non-negative terms: relative error ≤ N·ε (plus the rounding of c_res)
                    double bound = (a.size() + 8) * Math.ulp(1.0);
                    double sumScale = 4 * n * d * Math.ulp(1.0) * Math.sqrt(sumY);
                    boolean rowOk = hDev == 0 && fDev == 0 && lossDev <= 4 * Math.ulp(1.0) && dW == 0 && dV == 0
                            && dA <= sumScale && dB <= sumScale && gDev <= bound;
                    ok &= rowOk;
                    tab.row(act.name(), conv.specName(), L, hDev, fDev, lossDev, dW, dV, dA, dB, G, gDev, bound);
                }
            }
        Evidence e = new Evidence().put("sizes", "n=" + n + " d=" + d + " d'=" + dOut + " q=" + q + " m=" + m).table("identities", tab);
        return Outcome.of(ok, ok ? "every identity holds exactly (or within its round-off bound) at every depth"
                : "an identity failed: see the table", ok ? "all exact" : "violated", e);
    }
}
