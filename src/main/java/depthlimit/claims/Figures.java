package depthlimit.claims;

import depthlimit.plot.Axis;
import depthlimit.plot.Figure;
import depthlimit.plot.Series;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plots the claims attach to their evidence besides rate plots (which {@link depthlimit.limit.ConvergenceStudy} draws):
 * loss decay, weights across layers, levels, and evidence columns as numbers.
 */
public final class Figures {
    private Figures() {}

    /**
     * ℓ(t)/ℓ(0) of each run on a logarithmic axis against t (semilog: exponential decay is a straight line), each with
     * the least-squares exponential fit of ℓ over samples 0.. (dashed), labelled with the fitted rate and the claim's own
     * rate {@code rates[i]} when given.
     */
    public static Figure lossDecay(String name, String title, String caption, List<Experiment.Run> runs, double[] rates) {
        return lossDecay(name, title, caption, runs, rates, 0, -1);
    }

    /** As above, the fit made over samples {@code from}..{@code to} (−1: the last). */
    public static Figure lossDecay(String name, String title, String caption, List<Experiment.Run> runs, double[] rates, int from, int to) {
        List<Series> s = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            List<depthlimit.flow.MetricsRecorder.Row> rows = runs.get(i).rows();
            double l0 = rows.get(0).loss();
            double[] t = new double[rows.size()], l = new double[rows.size()];
            for (int j = 0; j < t.length; j++) { t[j] = rows.get(j).t(); l[j] = rows.get(j).loss() / l0; }
            int L = runs.get(i).arch().L();
            s.add(new Series("L = " + L, t, l, Series.Style.LINE_MARKERS));
            int b = to < 0 ? t.length - 1 : to;
            if (b - from >= 1) {
                // least squares of log ℓ against t over the window: log ℓ ≈ c − κt
                double mt = 0, ml = 0, stt = 0, stl = 0;
                int n = b - from + 1;
                for (int j = from; j <= b; j++) { mt += t[j]; ml += Math.log(l[j]); }
                mt /= n;
                ml /= n;
                for (int j = from; j <= b; j++) { stt += (t[j] - mt) * (t[j] - mt); stl += (t[j] - mt) * (Math.log(l[j]) - ml); }
                double kappa = -stl / stt;
                double[] ends = {t[from], t[b]};
                String own = rates != null && Double.isFinite(rates[i]) ? String.format(Locale.ROOT, " (μ = %.4g)", rates[i]) : "";
                s.add(new Series(String.format(Locale.ROOT, "L = %d: fitted rate %.4g%s", L, kappa, own), ends,
                        new double[]{Math.exp(ml + kappa * mt - kappa * ends[0]), Math.exp(ml + kappa * mt - kappa * ends[1])}, Series.Style.DASHED));
            }
        }
        return new Figure(name, title, caption, Axis.linear("training time t"), Axis.log("ℓ(t)/ℓ(0)"), s);
    }

    /**
     * Figure 2 (left) of the paper: one entry, (W_k)₁₁, of the trained weights against depth s = k/L at several training
     * times (the run must keep its snapshots).
     */
    public static Figure weightsAcrossLayers(String name, String title, String caption, Experiment.Run r, int times) {
        depthlimit.model.Architecture a = r.arch();
        int L = a.L(), stride = a.m() * a.q();
        List<double[]> sn = r.snapshots();
        List<Series> s = new ArrayList<>();
        double[] depth = new double[L];
        for (int k = 0; k < L; k++) depth[k] = (k + 1.0) / L;
        int last = sn.size() - 1;
        for (int j = 0; j < times && last >= 0; j++) {
            int idx = times == 1 ? last : (int) Math.round((double) j * last / (times - 1));
            double[] th = sn.get(idx), w = new double[L];
            for (int k = 0; k < L; k++) w[k] = th[a.offW() + k * stride];
            double t = idx < r.rows().size() && sn.size() == r.rows().size() ? r.rows().get(idx).t() : Double.NaN;
            s.add(new Series(Double.isNaN(t) ? "sample " + idx : String.format(Locale.ROOT, "t = %.4g", t), depth, w, Series.Style.LINE_MARKERS));
        }
        return new Figure(name, title, caption, Axis.linear("depth s = k/L (L = " + L + ")"), Axis.linear("(W_k)₁₁"), s);
    }

    /** Records each run's solver statistics, labelled by its depth. */
    public static void solver(Evidence e, List<Experiment.Run> runs) {
        for (Experiment.Run r : runs) e.solver("L = " + r.arch().L(), r.result().stats());
    }

    /** Column {@code col} of an evidence table as numbers (NaN where a cell is not a number): plots read the evidence. */
    public static double[] column(Evidence.Table t, int col) {
        double[] v = new double[t.rows.size()];
        for (int i = 0; i < v.length; i++) v[i] = t.rows.get(i).get(col) instanceof Number n ? n.doubleValue() : Double.NaN;
        return v;
    }

    /** A constant (a threshold such as μ) drawn across the range of x as a grey dash-dotted line. */
    public static Series level(String label, double value, double[] x) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : x) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        return new Series(label, new double[]{lo, hi}, new double[]{value, value}, Series.Style.LEVEL);
    }
}
