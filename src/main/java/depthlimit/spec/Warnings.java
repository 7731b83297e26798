package depthlimit.spec;

import depthlimit.flow.TrainSpec;
import depthlimit.model.Activation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings that are accepted but deserve a word: an activation outside the paper's hypotheses on σ (σ(0) = 0, C²,
 * Lipschitz — Section 3), a tolerance that does not resolve the flow, a horizon too short for θ to move. Each
 * warning is one line naming the field and the hypothesis.
 */
public final class Warnings {
    private Warnings() {}

    /** Relative tolerances above this leave the local error uncontrolled (a percent per step). */
    static final double LOOSE_RTOL = 1e-2;
    /** Horizons below this move θ by less than T·sup‖∇ℓ‖, i.e. not measurably for any sane loss. */
    static final double TINY_T = 1e-8;

    public static List<String> of(ExperimentSpec s) {
        List<String> w = new ArrayList<>(activation(s.architecture().activation()));
        TrainSpec t = s.train();
        if (t != null) {
            if (t.method().adaptive() && t.rtol() > LOOSE_RTOL)
                w.add(String.format(Locale.ROOT, "train.rtol = %s allows a relative error of %.0f%% per step: the flow is not resolved (use 1e-6 or smaller)",
                        t.rtol(), 100 * t.rtol()));
            if (t.T() < TINY_T)
                w.add("train.T = " + t.T() + " is so short that θ moves by at most T·sup‖∇ℓ‖, not measurably");
        }
        return w;
    }

    /** The paper's hypotheses on σ that this activation visibly breaks (numerical checks, cheap). */
    public static List<String> activation(Activation a) {
        List<String> w = new ArrayList<>();
        String name = "model.activation \"" + a.name() + "\"";
        double at0 = a.value(0);
        if (Math.abs(at0) > 1e-12)
            w.add(name + " has σ(0) = " + at0 + " ≠ 0, outside the paper's hypothesis σ(0) = 0");
        if (!a.isC2())
            w.add(name + " is not C², outside the hypothesis of Propositions 3, 7 and Theorem 4");
        // Lipschitz: sup|σ′| must not keep growing with the range scanned
        double near = 0, far = 0;
        for (int i = -400; i <= 400; i++) {
            near = Math.max(near, Math.abs(a.d1(i / 40.0)));
            far = Math.max(far, Math.abs(a.d1(i * 2.5)));
        }
        if (!(far <= 2 * near + 1e-12))
            w.add(name + " is not Lipschitz (sup|σ′| grows from " + fmt(near) + " on [−10, 10] to " + fmt(far)
                    + " on [−1000, 1000]), outside the paper's hypothesis");
        return w;
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }
}
