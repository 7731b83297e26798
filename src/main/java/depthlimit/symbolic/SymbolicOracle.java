package depthlimit.symbolic;

import depthlimit.data.Dataset;
import depthlimit.model.Architecture;
import depthlimit.model.Backprop;
import depthlimit.model.Convention;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Symbolic gradients as an independent oracle for the engine's backpropagation (claim 13;
 * it shows the printed eq. (13) lacks a transpose). The loss of eq. (3), ℓ = λ Σ_i ‖B h_L(x_i) − y_i‖² with h_0 = A x, h_{k} = h_{k−1} + c_res V_k σ(c_pre W_k
 * h_{k−1}), is built as one Symja expression in named symbols for every parameter and every data entry (the
 * convention's c_res, c_pre, λ as exact numbers), D is taken for every parameter, and the derivatives are compiled
 * into one {@link Tape} (shared sub-expressions evaluated once). Nothing of the engine's adjoint recursion is used.
 *
 * <p>How σ enters the loss ({@link Mode}): by default the built-in head Sinh stands in for σ. D then writes Cosh[u]
 * wherever the chain rule needs σ′(u), and at compile time Sinh and Cosh are replaced by the activation's Symja form
 * and its Symja derivative D[σ, x]. This is sound because the map Sinh ↦ σ, Cosh ↦ σ′ commutes with
 * differentiation and Symja applies no sinh/cosh identity during D, with one exception, parity (Sinh[−u] → −Sinh[u]);
 * every pre-activation u is checked to be left alone by it, else the oracle falls back to an undefined function
 * sig[u] ({@link Mode#OPAQUE_SIGMA}, same result, about 4× slower in Symja). {@link Mode#INLINED_SIGMA} writes σ's
 * expression out instead (GELU, where x appears twice, then doubles the tree at every layer). Symja's D costs
 * 5e-5..2.5e-4 s per leaf of ℓ and per parameter, so only small networks are accepted.
 */
public final class SymbolicOracle {
    /** How σ appears in the loss expression. */
    public enum Mode {
        /** Sinh[u] stands for σ(u) (so D writes Cosh[u] for σ′(u)); the default, about 4× faster than OPAQUE_SIGMA. */
        STAND_IN,
        /** An undefined function sig[u] (D writes sig'[u]). */
        OPAQUE_SIGMA,
        /** σ's Symja expression written out. */
        INLINED_SIGMA
    }

    /** Refuse when leaves(ℓ) × parameters exceeds this (about a minute of Symja's D on this machine kind). */
    public static final long MAX_WORK = 500_000;
    /**
     * Cost of Symja's D per leaf of ℓ and per parameter, for the estimate printed with a refusal: 5e-5 s on an idle
     * core of this machine kind, up to 2.5e-4 s measured under load; the estimate uses 1e-4.
     */
    public static final double SECONDS_PER_UNIT = 1e-4;

    private final Architecture arch;
    private final int n;
    private final Mode mode;
    private final Tape tape;         // inputs: θ (arch layout) then X (n·d) then Y (n·d′); outputs: ℓ, ∂ℓ/∂θ_j
    private final long lossLeaves;
    private final double buildSeconds;

    private SymbolicOracle(Architecture arch, int n, Mode mode, Tape tape, long lossLeaves, double buildSeconds) {
        this.arch = arch;
        this.n = n;
        this.mode = mode;
        this.tape = tape;
        this.lossLeaves = lossLeaves;
        this.buildSeconds = buildSeconds;
    }

    private static final Map<String, SymbolicOracle> CACHE = new ConcurrentHashMap<>();

    /** A network too large for a symbolic gradient; the message says why and what would fit. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) { super(message); }
    }

    /** Rough leaf count of ℓ before building it (each layer copies h_{k−1} into q·m + 1 places). */
    public static double estimatedLeaves(Architecture a, int n) {
        double h = 2.0 * a.d() + 1;
        for (int k = 0; k < a.L(); k++) h = h + a.m() * (a.q() * (h + 2) + 4) + 4;
        return n * a.dOut() * (a.q() * (h + 2) + 4);
    }

    /** Throws {@link TooLarge} unless the network is small enough for the oracle (checked before building ℓ). */
    public static void checkSize(Architecture a, int n) {
        checkSize(a, n, MAX_WORK);
    }

    /** As {@link #checkSize(Architecture, int)} with a work limit (leaves of ℓ × parameters) of {@code maxWork}. */
    public static void checkSize(Architecture a, int n, long maxWork) {
        double est = estimatedLeaves(a, n) * a.size();
        if (est > 2 * maxWork || a.size() > 400 || n > 16)
            throw new TooLarge(String.format(java.util.Locale.ROOT,
                    "the network is too large for symbolic differentiation: about %.3g leaves in ℓ × %d parameters = %.2g "
                            + "(limit %d ≈ %.0f s of Symja's D; at most 400 parameters and n ≤ 16); ℓ grows like (q·m + 1)^L. "
                            + "Use a smaller model (e.g. L = 2, q = 2, m ≤ 2, d = d′ = 1, n ≤ 2) or raise --max-work",
                    estimatedLeaves(a, n), a.size(), est, maxWork, maxWork * SECONDS_PER_UNIT));
    }

    /** The oracle for this architecture and sample count (built once per process, then cached). */
    public static SymbolicOracle of(Architecture a, int n, Mode mode) {
        return of(a, n, mode, MAX_WORK);
    }

    /** As {@link #of(Architecture, int, Mode)} with the work limit {@code maxWork} (leaves of ℓ × parameters). */
    public static SymbolicOracle of(Architecture a, int n, Mode mode, long maxWork) {
        String key = a.d() + "," + a.q() + "," + a.m() + "," + a.dOut() + "," + a.L() + "," + a.convention() + ","
                + SymbolicActivations.symjaForm(a.activation()) + "," + n + "," + mode;
        SymbolicOracle cached = CACHE.get(key);
        if (cached != null) return cached;
        checkSize(a, n, maxWork);
        SymbolicOracle made = build(a, n, mode, maxWork);
        CACHE.putIfAbsent(key, made);
        return made;
    }

    /** ℓ and its derivatives as Symja expressions, with the symbol names of parameters and data. */
    private record Derivatives(List<String> names, List<String> dataNames, IExpr loss, IExpr[] derivs, long leaves,
                               boolean standIn, double seconds) {}

    /**
     * With σ opaque the derivative expressions do not depend on the activation at all (sig and sig' are bound only
     * at compile time), so they are cached per shape, convention and n and shared by every activation.
     */
    private static final Map<String, Derivatives> DERIVATIVES = new ConcurrentHashMap<>();

    private static SymbolicOracle build(Architecture a, int n, Mode mode, long maxWork) {
        long t0 = System.nanoTime();
        SymbolicActivation sigma = SymbolicActivations.symbolic(a.activation());
        String key = a.d() + "," + a.q() + "," + a.m() + "," + a.dOut() + "," + a.L() + "," + a.convention() + "," + n + ","
                + (mode == Mode.INLINED_SIGMA ? sigma.name() : mode);
        Derivatives dv = DERIVATIVES.get(key);
        if (dv == null) {
            dv = differentiate(a, n, mode, sigma, maxWork);
            DERIVATIVES.putIfAbsent(key, dv);
        }
        Derivatives found = dv;
        Tape.Builder b = new Tape.Builder();
        ExprCompiler c = new ExprCompiler(b);
        for (String s : found.names()) c.variable(s);
        for (String s : found.dataNames()) c.variable(s);
        c.bind("sig", SymbolicActivation.X, sigma.expression());
        c.bindDerivative("sig", 1, SymbolicActivation.X, sigma.derivative1());
        if (found.standIn()) {
            c.standIn(S.Sinh, SymbolicActivation.X, sigma.expression());
            c.standIn(S.Cosh, SymbolicActivation.X, sigma.derivative1());
        }
        Symja.call(ev -> {
            b.output(c.compile(found.loss()));
            for (IExpr g : found.derivs()) b.output(c.compile(g));
            return null;
        });
        return new SymbolicOracle(a, n, found.standIn() || mode != Mode.STAND_IN ? mode : Mode.OPAQUE_SIGMA, b.build(),
                found.leaves(), (System.nanoTime() - t0) / 1e9);
    }

    /** Builds ℓ with σ as {@code mode} says and takes D for every parameter. */
    private static Derivatives differentiate(Architecture a, int n, Mode mode, SymbolicActivation sigma, long maxWork) {
        long t0 = System.nanoTime();
        int d = a.d(), q = a.q(), m = a.m(), dOut = a.dOut(), L = a.L();
        List<String> names = new ArrayList<>();
        for (int r = 0; r < q; r++) for (int c = 0; c < d; c++) names.add("pa" + r + "x" + c);
        for (int k = 1; k <= L; k++) for (int r = 0; r < q; r++) for (int c = 0; c < m; c++) names.add("pv" + k + "x" + r + "x" + c);
        for (int k = 1; k <= L; k++) for (int r = 0; r < m; r++) for (int c = 0; c < q; c++) names.add("pw" + k + "x" + r + "x" + c);
        for (int r = 0; r < dOut; r++) for (int c = 0; c < q; c++) names.add("pb" + r + "x" + c);
        if (names.size() != a.size()) throw new IllegalStateException("parameter count mismatch");
        List<String> dataNames = new ArrayList<>();
        for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) dataNames.add("dx" + i + "x" + c);
        for (int i = 0; i < n; i++) for (int c = 0; c < dOut; c++) dataNames.add("dy" + i + "x" + c);
        return Symja.call(ev -> {
            ISymbol[] p = new ISymbol[names.size()];
            for (int j = 0; j < p.length; j++) p[j] = (ISymbol) ev.parse(names.get(j));
            ISymbol[] dat = new ISymbol[dataNames.size()];
            for (int j = 0; j < dat.length; j++) dat[j] = (ISymbol) ev.parse(dataNames.get(j));
            IExpr x = SymbolicActivation.variable(ev);
            List<IExpr> pre = new ArrayList<>();
            IExpr loss = lossExpression(a, n, p, dat, mode == Mode.INLINED_SIGMA ? sigma.expression() : null, x,
                    mode == Mode.STAND_IN ? S.Sinh : ev.parse("sig"), pre);
            boolean standIn = mode == Mode.STAND_IN;
            if (standIn) {   // Symja's only sinh/cosh rewriting on symbolic arguments is parity: check none applies
                for (IExpr u : pre) {
                    IExpr ue = ev.eval(u);
                    IExpr sh = ev.eval(F.Sinh(ue)), ch = ev.eval(F.Cosh(ue));
                    if (!(sh.isAST(S.Sinh, 2) && sh.first().equals(ue) && ch.isAST(S.Cosh, 2) && ch.first().equals(ue))) {
                        standIn = false;
                        break;
                    }
                }
                if (!standIn) loss = lossExpression(a, n, p, dat, null, x, ev.parse("sig"), new ArrayList<>());
            }
            IExpr le = ev.eval(loss);
            long leaves = le.leafCount();
            if (leaves * (long) p.length > maxWork)
                throw new TooLarge(String.format(java.util.Locale.ROOT,
                        "the loss has %d leaves × %d parameters = %.3g > %d (about %.0f s of Symja's D); use a smaller network or raise --max-work",
                        leaves, p.length, (double) leaves * p.length, maxWork, (double) leaves * p.length * SECONDS_PER_UNIT));
            IExpr[] derivs = new IExpr[p.length];
            for (int j = 0; j < p.length; j++) derivs[j] = ev.eval(F.D(le, p[j]));
            return new Derivatives(names, dataNames, le, derivs, leaves, standIn, (System.nanoTime() - t0) / 1e9);
        });
    }

    /**
     * ℓ as a Symja expression; σ(u) written as {@code head[u]} when {@code sigma} is null, else substituted.
     * Every pre-activation u is added to {@code pre}.
     */
    private static IExpr lossExpression(Architecture a, int n, ISymbol[] p, ISymbol[] dat, IExpr sigma, IExpr x, IExpr head,
                                        List<IExpr> pre) {
        int d = a.d(), q = a.q(), m = a.m(), dOut = a.dOut(), L = a.L();
        boolean paper = a.convention() == Convention.PAPER;
        IExpr cRes = residualScale(paper, L, m), cPre = preActivationScale(paper, q), lambda = lossWeight(paper, n, dOut);
        int offV = a.offV(), offW = a.offW(), offB = a.offB();
        List<IExpr> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            IExpr[] h = new IExpr[q];
            for (int r = 0; r < q; r++) {
                IExpr[] s = new IExpr[d];
                for (int col = 0; col < d; col++) s[col] = F.Times(p[a.offA() + r * d + col], dat[i * d + col]);
                h[r] = F.Plus(s);
            }
            for (int k = 1; k <= L; k++) {
                IExpr[] act = new IExpr[m];
                for (int j = 0; j < m; j++) {
                    IExpr[] s = new IExpr[q];
                    for (int r = 0; r < q; r++) s[r] = F.Times(p[offW + (k - 1) * m * q + j * q + r], h[r]);
                    IExpr u = F.Times(cPre, F.Plus(s));
                    pre.add(u);
                    act[j] = sigma == null ? F.unaryAST1(head, u) : sigma.replaceAll(F.Rule(x, u)).orElse(sigma);
                }
                IExpr[] next = new IExpr[q];
                for (int r = 0; r < q; r++) {
                    IExpr[] s = new IExpr[m];
                    for (int j = 0; j < m; j++) s[j] = F.Times(p[offV + (k - 1) * q * m + r * m + j], act[j]);
                    next[r] = F.Plus(h[r], F.Times(cRes, F.Plus(s)));
                }
                h = next;
            }
            for (int o = 0; o < dOut; o++) {
                IExpr[] s = new IExpr[q];
                for (int r = 0; r < q; r++) s[r] = F.Times(p[offB + o * q + r], h[r]);
                terms.add(F.Sqr(F.Subtract(F.Plus(s), dat[n * d + i * dOut + o])));
            }
        }
        return F.Times(lambda, F.Plus(terms.toArray(new IExpr[0])));
    }

    // The scalings, exact and written from their definitions here on purpose: an oracle that read the engine's
    // Convention would share any slip in it (a loss weight 1/(n·d′) for 1/n is invisible to a self-consistency check).

    /** c_res of eq. (3): 1/(L√m) in the paper (Section 3); 1/L in the authors' scripts (no width scaling). */
    static IExpr residualScale(boolean paper, int L, int m) {
        return paper ? F.Power(F.Times(F.ZZ(L), F.Sqrt(F.ZZ(m))), F.CN1) : F.QQ(1, L);
    }

    /** c_pre of eq. (3): 1/√q in the paper; 1 in the authors' scripts. */
    static IExpr preActivationScale(boolean paper, int q) {
        return paper ? F.Power(F.Sqrt(F.ZZ(q)), F.CN1) : F.C1;
    }

    /**
     * λ in ℓ = λ Σ_i ‖F(x_i) − y_i‖²: the paper's mean squared error averages over the n samples only, 1/n (Section 3);
     * the authors' {@code ((pred - Y)**2).mean()} averages over all n·d′ entries.
     */
    static IExpr lossWeight(boolean paper, int n, int dOut) {
        return paper ? F.QQ(1, n) : F.QQ(1, (long) n * dOut);
    }

    public Tape tape() { return tape; }
    public long lossLeaves() { return lossLeaves; }
    public double buildSeconds() { return buildSeconds; }
    public Mode mode() { return mode; }

    /** ℓ and ∂ℓ/∂θ (arch layout) from the symbolic derivatives at (θ, data). */
    public double lossAndGradient(double[] theta, Dataset data, double[] grad) {
        if (data.n() != n || theta.length != arch.size()) throw new IllegalArgumentException("shape mismatch");
        double[] r = tape.newRegisters();
        System.arraycopy(theta, 0, r, 0, theta.length);
        System.arraycopy(data.x(), 0, r, theta.length, data.x().length);
        System.arraycopy(data.y(), 0, r, theta.length + data.x().length, data.y().length);
        tape.run(r);
        for (int j = 0; j < grad.length; j++) grad[j] = tape.output(r, j + 1);
        return tape.output(r, 0);
    }

    /** The worst disagreement in one parameter block: max |engine − symbolic| and that divided by max |symbolic|. */
    public record BlockDisagreement(String block, double maxAbs, double relative, double scale) {}

    /** Loss and per-block gradient disagreements of the corrected and the printed-eq.-(13) recursions. */
    public record Comparison(double lossSymbolic, double lossEngine, List<BlockDisagreement> corrected,
                             List<BlockDisagreement> printed) {
        public double worstCorrected() {
            return corrected.stream().mapToDouble(BlockDisagreement::relative).max().orElse(0);
        }

        public double worstPrinted() {
            return printed.stream().mapToDouble(BlockDisagreement::relative).max().orElse(0);
        }

        public double lossRelative() {
            return Math.abs(lossEngine - lossSymbolic) / Math.max(Math.abs(lossSymbolic), Double.MIN_NORMAL);
        }
    }

    /**
     * Compares the engine's {@link Backprop} (corrected recursion, and the printed eq. (13) without the transpose)
     * with the symbolic gradient at θ (claim 13).
     */
    public static Comparison compare(Architecture a, Dataset data, double[] theta) {
        return of(a, data.n(), Mode.STAND_IN).compare(data, theta);
    }

    public Comparison compare(Dataset data, double[] theta) {
        double[] sym = new double[arch.size()], eng = new double[arch.size()], printed = new double[arch.size()];
        double lossSym = lossAndGradient(theta, data, sym);
        double lossEng = new Backprop(arch, data).lossAndGradient(theta, eng);
        new Backprop(arch, data).recursion(Backprop.Recursion.PRINTED_EQ13).lossAndGradient(theta, printed);
        return new Comparison(lossSym, lossEng, blocks(sym, eng), blocks(sym, printed));
    }

    private List<BlockDisagreement> blocks(double[] ref, double[] other) {
        List<BlockDisagreement> out = new ArrayList<>();
        out.add(block("A", ref, other, arch.offA(), arch.sizeA()));
        for (int k = 1; k <= arch.L(); k++) out.add(block("V_" + k, ref, other, arch.offV() + (k - 1) * arch.layerV(), arch.layerV()));
        for (int k = 1; k <= arch.L(); k++) out.add(block("W_" + k, ref, other, arch.offW() + (k - 1) * arch.layerW(), arch.layerW()));
        out.add(block("B", ref, other, arch.offB(), arch.sizeB()));
        return out;
    }

    private static BlockDisagreement block(String name, double[] ref, double[] other, int off, int len) {
        double scale = 0, diff = 0;
        for (int i = off; i < off + len; i++) {
            scale = Math.max(scale, Math.abs(ref[i]));
            diff = Math.max(diff, Math.abs(ref[i] - other[i]));
        }
        return new BlockDisagreement(name, diff, scale > 0 ? diff / scale : (diff > 0 ? Double.POSITIVE_INFINITY : 0), scale);
    }
}
