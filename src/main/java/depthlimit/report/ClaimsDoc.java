package depthlimit.report;

import depthlimit.claims.Claim;

import java.util.List;

/**
 * {@code docs/claims.md}, generated from the claims themselves so that the documentation states exactly what the
 * checks use: for each claim the paper's statement it checks, its hypotheses, what is measured, the predicted
 * behaviour with its tolerances, its problem sizes per scale, the setting in which the check must fail, its known limits, and the command that
 * replays it. {@code ClaimsDocTest} fails when the committed file differs from this rendering.
 */
public final class ClaimsDoc {
    private ClaimsDoc() {}

    public static String render(List<Claim> claims) {
        StringBuilder b = new StringBuilder();
        b.append("# The claims\n\n")
                .append("depthlimit checks ").append(claims.size()).append(" statements of Marion, Wu, Sander & Biau, *Implicit ")
                .append("regularization of deep residual networks towards neural ODEs* (ICLR 2024). Each is a claim with a stable ")
                .append("number and id; `bin/depthlimit check --claim ID` runs one, `bin/depthlimit check` runs all. A verdict is ")
                .append("CONFIRMED when the measurement behaves as predicted below, NOT CONFIRMED when it does not, and ")
                .append("INCONCLUSIVE (with its reason: solver failure, pre-asymptotic regime, budget, time limit) when the run ")
                .append("could not decide. Claims are phrased so that CONFIRMED is what the paper predicts; negative controls and ")
                .append("errata are phrased the same way (the control's failure, the erratum's presence, is what is confirmed).\n\n")
                .append("This file is generated from the claims' own data (`ClaimsDoc`; regenerate with ")
                .append("`mvn -B -ntp test -Dtest=ClaimsDocTest -Ddepthlimit.regenerateDocs=true`).\n\n")
                .append("| # | claim | title | paper |\n|---|---|---|---|\n");
        for (Claim c : claims)
            b.append("| ").append(c.number()).append(" | [`").append(c.id()).append("`](#").append(anchor(c)).append(") | ")
                    .append(cell(c.title())).append(" | ").append(cell(c.reference())).append(" |\n");
        for (Claim c : claims) {
            b.append("\n## ").append(c.number()).append(". ").append(c.id()).append("\n\n");
            b.append("**").append(c.title()).append("** — ").append(c.reference()).append("\n\n");
            b.append("- **Hypotheses:** ").append(c.hypotheses()).append("\n");
            b.append("- **Measured:** ").append(c.measured()).append("\n");
            b.append("- **Predicted:** ").append(c.predicted()).append("\n");
            if (c.sizes() != null) b.append("- **Sizes:** ").append(c.sizes().describe()).append("\n");
            if (!c.failsWhen().isBlank()) b.append("- **Fails when:** ").append(c.failsWhen()).append("\n");
            if (!c.limits().isBlank()) b.append("- **Limits:** ").append(c.limits()).append("\n");
            if (!Double.isNaN(c.paperSeconds()))
                b.append("- **Time at paper scale:** ").append(c.paperSeconds() < 0.5 ? "under a second"
                        : String.format(java.util.Locale.ROOT, "about %.0f s", c.paperSeconds())).append(String.format(java.util.Locale.ROOT,
                                " (measured at seed 1, 2 threads, on an idle 2-core AVX2 machine; × %.2f with AVX-512)\n", Claim.AVX512_TIME_RATIO));
            b.append("- **Replay:** `bin/depthlimit check --claim ").append(c.id()).append(" --scale ci --seed 1 --out out/")
                    .append(c.id()).append("`\n");
        }
        return b.toString();
    }

    static String anchor(Claim c) {
        return (c.number() + "-" + c.id()).toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }

    static String cell(String s) { return s.replace("|", "\\|").replace("\n", " "); }
}
