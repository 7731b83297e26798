package depthlimit.claims.limit;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Experiment;
import depthlimit.claims.Outcome;
import depthlimit.limit.ConvergenceStudy;
import depthlimit.limit.RateFit;
import depthlimit.model.Backprop;
import depthlimit.model.Richardson;
import depthlimit.model.Vectors;

import java.util.Arrays;

import static depthlimit.claims.Experiment.fmt;
import static depthlimit.claims.limit.LimitCommon.*;

/** Claim 1, {@code prop2.resnet-to-ode}: The ResNet is a first-order scheme of the neural ODE (Proposition 2; proof B.2 (via Proposition 11)). */
public final class Prop2ResnetToOde {
    private Prop2ResnetToOde() {}

    /** The claim as data, with its check {@link #prop2}. */
    public static Claim claim() {
        return new Claim("prop2.resnet-to-ode", 1, "The ResNet is a first-order scheme of the neural ODE",
                "Proposition 2; proof B.2 (via Proposition 11)",
                "fixed smooth weight functions 𝒱, 𝒲 (one draw of the squared-exponential GP of Section 4.3), fixed "
                        + "random A, B; ResNet (3) with V_k = 𝒱(k/L), W_k = 𝒲(k/L); reference H(1) from dp853 in s",
                "sup over the sample inputs x of ‖F^L(x) − F(x)‖ for a depth sweep",
                "≤ C/L: fitted " + SLOPE + " against 1/L on the finer depths and " + converges("L·error"),
                Prop2ResnetToOde::prop2)
                .documented("the ResNet samples layer k at 0.9·k/L instead of k/L (a wrong depth map): it discretizes another ODE, the error tends to a constant (slope ≈ 0)",
                        "one smooth weight function (a GP draw) and fixed A, B, depths up to 1024 (ci) or 2048 (paper); the constant C of Proposition 2 is not evaluated")
                .paperEstimate(2)
                .sizes(ODE_SIZES);
    }

    static Outcome prop2(Claim.Context ctx) {
        OdeCase c = odeCase(ctx.scale(), ctx.seed());
        Evidence e = new Evidence().put("setup", c.describe());
        if (!c.ref().completed()) return Outcome.inconclusive(c.ref().reason(), "reference failed", e);
        int k = c.depths().length, n = c.data().n(), q = c.shape().q(), dOut = c.shape().dOut();
        double[][] fRef = new double[n][dOut];
        double[] h1 = new double[q];
        double fScale = 0;
        for (int i = 0; i < n; i++) {                                   // F(x_i) = B H_i(1)
            c.ref().hidden(c.grid().length - 1, i, h1);
            for (int b = 0; b < dOut; b++) {
                double s = 0;
                for (int a = 0; a < q; a++) s += c.b()[b * q + a] * h1[a];
                fRef[i][b] = s;
            }
            fScale = Math.max(fScale, Vectors.norm(fRef[i], 0, dOut));
        }
        double[] err = new double[k], rich = new double[k - 1];
        double[][][] f = new double[k][n][dOut];
        Evidence.Table tab = new Evidence.Table("L", "sup_x ‖F^L(x) − F(x)‖", "L·error", "Richardson 2F^{2L} − F^L error");
        for (int j = 0; j < k; j++) {
            Backprop bp = resnet(c, c.depths()[j], ctx.fault());
            for (int i = 0; i < n; i++) {
                bp.output(i, f[j][i]);
                err[j] = Math.max(err[j], Vectors.distance(f[j][i], 0, fRef[i], 0, dOut));
            }
        }
        for (int j = 0; j + 1 < k; j++)                                 // Euler has an expansion in 1/L: R is O(1/L²)
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int b = 0; b < dOut; b++) {
                    double r = Richardson.extrapolate(f[j][i][b], f[j + 1][i][b], 1) - fRef[i][b];
                    s += r * r;
                }
                rich[j] = Math.max(rich[j], Math.sqrt(s));
            }
        for (int j = 0; j < k; j++)
            tab.row(c.depths()[j], err[j], c.depths()[j] * err[j], j + 1 < k ? rich[j] : null);
        e.table("sweep", tab).put("dropped_pre_asymptotic_depths", RateFit.preAsymptoticDepths(c.depths(), c.fitFrom()));
        Rate r = rate(e, "F_error", c.depths(), err, fill(k, fScale), c.fitFrom());
        int[] rd = Arrays.copyOf(c.depths(), k - 1);
        RateFit fr = RateFit.fitFrom(rd, rich, fill(k - 1, fScale), c.fitFrom());
        e.fit("fit_richardson_error (expected slope 2: confirms the reference is the limit)", fr);
        // negligible: the reference error shifts log(err) by ≤ refError/err, i.e. the slope by < 10⁻³
        boolean refOk = c.refError() <= 1e-3 * Arrays.stream(err).min().orElse(0);
        e.put("reference_error_negligible", refOk);
        boolean ok = r.ok() && refOk;
        e.plot("rate", "Proposition 2: the ResNet's output against the neural ODE's", "Predicted: slope −1 (a "
                + "first-order scheme); the Richardson-extrapolated error 2F^{2L} − F^L − F falls faster (slope −2).", "sup_x error",
                ConvergenceStudy.of("sup_x ‖F^L(x) − F(x)‖", c.depths(), err, r.fit(), c.fitFrom()),
                ConvergenceStudy.of("Richardson: sup_x ‖2F^{2L} − F^L − F‖", rd, rich, fr, c.fitFrom()));
        return Outcome.of(ok, "sup_x ‖F^L − F‖: " + r.brief() + ", L·error → " + fmt(c.finest() * err[k - 1])
                        + " (ratios " + r.cauchy().ratios().stream().map(Experiment::fmt).toList() + "); reference error "
                        + fmt(c.refError()) + "; Richardson slope " + fmt(fr.slope()),
                "slope " + fmt(r.fit().slope()) + ", L·err → " + fmt(c.finest() * err[k - 1]), e);
    }
}
