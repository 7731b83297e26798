package depthlimit.claims;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every large-depth-limit claim (digest §9 items 1, 2, 9–12, 22) is CONFIRMED at ci scale. */
class LimitClaimsTest {
    static void confirmed(String id) {
        Claim c = ClaimCatalogue.byId(id).orElseThrow();
        ClaimCatalogue.Result r = ClaimCatalogue.run(c, Scale.CI, 1);
        System.out.printf("%-26s %-14s %6.1f s  %s%n    %s%n", id, r.outcome().verdict(), r.wallSeconds(),
                r.outcome().keyFigure(), r.outcome().summary());
        assertEquals(Verdict.CONFIRMED, r.outcome().verdict(), r.outcome().summary() + "\n" + r.outcome().evidence().toMap());
    }

    @Test void prop2ResnetToOde() { confirmed("prop2.resnet-to-ode"); }

    @Test void prop11HiddenTrajectory() { confirmed("prop11.hidden-trajectory"); }

    @Test void thm4WeightsLimit() { confirmed("thm4.weights-limit"); }

    @Test void thm4TrajectoryLimit() { confirmed("thm4.trajectory-limit"); }

    @Test void thm4LipschitzLimit() { confirmed("thm4.lipschitz-limit"); }

    @Test void appA5LimitDynamics() { confirmed("appA5.limit-dynamics"); }

    @Test void thm6DoubleLimit() { confirmed("thm6.double-limit"); }
}
