package depthlimit.claims.symbolic;

import depthlimit.claims.Claim;
import depthlimit.claims.Evidence;
import depthlimit.claims.Outcome;
import depthlimit.claims.PerScale;
import depthlimit.claims.Tolerance;
import depthlimit.model.Activations;
import depthlimit.symbolic.ActivationReport;
import depthlimit.symbolic.PaperConstants;
import depthlimit.symbolic.ProofRunner;

import java.util.List;

import static depthlimit.claims.Experiment.fmt;

/** Claim 20, {@code constants.symbolic}: The constants of Proposition 5 and Theorem 6 (end of the proof in Appendix B.5; Appendix B.6). */
public final class ConstantsSymbolic {
    private ConstantsSymbolic() {}

    /** The claim as data, with its check {@link #constants}. */
    public static Claim claim() {
        return new Claim("constants.symbolic", 20, "The constants of Proposition 5 and Theorem 6",
                "end of the proof in Appendix B.5; Appendix B.6",
                "σ = tanh (K_σ = 1, M_σ = 1, r = 3); the proof's C_1 = Ke^{2√2K}, C_2 = 128C_1K, C_3 = e^{−2√2K}/8",
                "c_1..c_4 built and simplified by Symja from C_1..C_3, evaluated; the identities of proofs/03-constants.m; "
                        + "the PL constant as stated, c_4/(n√n q), and as proved, c_4/(n√(nq))",
                "c_4 = C_3²η³/(2C_2) simplifies to η³/(2¹⁴K²e^{6√2K}) and every identity of 03-constants.m reduces to True; "
                        + String.join(", ", TABULATED.stream().map(Tabulated::text).toList())
                        + " (tabulated; agreement within half a unit of the last digit); the proved μ is √q times the stated one (stronger)",
                ConstantsSymbolic::constants)
                .documented("σ(x) = tanh(1.01x): K_σ and η_3 change, so c₁…c₄ leave their tabulated values",
                        "m ≥ c₁n and L ≥ c₂√(nq) (Theorem 6) are out of numerical reach: the constants are evaluated, the theorem in that regime is not")
                .paperEstimate(2)
                .sizes(SIZES);
    }

    /** The (n, q, d, m) at which the constants' conditions m ≥ c₁n, L ≥ c₂√(nq) are evaluated. */
    record Sizes(int n, int q, int d, int m) {}

    static final PerScale<Sizes> SIZES = new PerScale<>(new Sizes(20, 8, 4, 64), new Sizes(100, 32, 16, 512));

    /**
     * A tabulated value of a constant for σ = tanh and the half unit of its last digit (3 significant digits; c₄: 2):
     * the check's tolerance.
     */
    record Tabulated(String name, double value, double halfUnit) {
        /** "c_1 ≈ 1.33·10⁷". */
        String text() {
            return name.replace("c", "c_") + " ≈ " + Tolerance.scientific(value);
        }
    }

    static final List<Tabulated> TABULATED = List.of(new Tabulated("c1", 1.33e7, 0.005e7), new Tabulated("c2", 1.46e4, 0.005e4),
            new Tabulated("c3", 3.28e-3, 0.005e-3), new Tabulated("c4", 4.1e-11, 0.05e-11));

    static Outcome constants(Claim.Context ctx) {
        Sizes z = SIZES.at(ctx.scale());
        int n = z.n(), q = z.q(), d = z.d(), m = z.m();
        ActivationReport rep = ActivationReport.of(ctx.fault().activation(Activations.TANH), ActivationReport.Options.DETERMINISTIC);
        PaperConstants pc = PaperConstants.of(rep, null, n, q, d, d, m, null, 1.0);
        Evidence.Table t = new Evidence.Table("constant", "Symja formula (simplified)", "value", "source");
        for (PaperConstants.Constant c : pc.constants()) t.row(c.name(), c.formula(), c.value(), c.source());
        boolean ok = true;
        for (Tabulated c : TABULATED) ok &= Math.abs(pc.value(c.name()) - c.value()) <= c.halfUnit();
        double ratio = pc.value("mu_proof") / pc.value("mu_stated");
        ok &= Math.abs(ratio - Math.sqrt(q)) <= 1e-12 * Math.sqrt(q) && ratio > 1;
        List<ProofRunner.Row> proof = ProofRunner.run(ProofRunner.defaultDirectory().resolve("03-constants.m"));
        Evidence.Table p = new Evidence.Table("check", "result", "seconds");
        for (ProofRunner.Row r : proof) {
            p.row(r.name(), r.result(), r.seconds());
            ok &= r.passed();
        }
        Evidence e = new Evidence().put("n", n).put("q", q).put("d = d'", d).put("m", m).put("eta_3(tanh)", rep.hermite().eta()[3])
                .table("constants", t).table("proofs/03-constants.m", p).put("mu_proof / mu_stated", ratio).put("sqrt(q)", Math.sqrt(q))
                .put("regime", "m ≥ c₁n needs m ≥ " + pc.mMin() + ", L ≥ c₂√(nq) needs L ≥ " + pc.lMin() + ": out of numerical reach");
        return Outcome.of(ok, "c₁ = " + fmt(pc.value("c1")) + ", c₂ = " + fmt(pc.value("c2")) + ", c₃ = " + fmt(pc.value("c3")) + ", c₄ = "
                + fmt(pc.value("c4")) + "; " + proof.size() + " symbolic identities True; μ_proof/μ_stated = √q = " + fmt(ratio),
                "c₄ = " + fmt(pc.value("c4")), e);
    }
}
