package depthlimit.model;

import depthlimit.data.Dataset;

import java.util.Arrays;

/**
 * Loss and exact gradient of eq. (3), batched over all n samples, on flat buffers allocated once: the hot path of
 * every experiment (the gradient-flow right-hand side calls it at every stage).
 *
 * <p>With λ the loss weight of the convention, r_i = B h_{L,i} − y_i and ℓ = λ Σ_i ‖r_i‖², the adjoint
 * p_{k,i} = ∂ℓ/∂h_{k,i} obeys
 * <pre>
 *   p_L = 2λ Bᵀ r,   p_{k−1} = p_k + c_res c_pre W_kᵀ [(V_kᵀ p_k) ⊙ σ′(u_k)],   u_k = c_pre W_k h_{k−1},
 *   ∂ℓ/∂V_k = c_res Σ_i p_{k,i} σ(u_{k,i})ᵀ,   ∂ℓ/∂W_k = c_res c_pre Σ_i [(V_kᵀ p_{k,i}) ⊙ σ′(u_{k,i})] h_{k−1,i}ᵀ,
 *   ∂ℓ/∂A = Σ_i p_{0,i} x_iᵀ,   ∂ℓ/∂B = 2λ Σ_i r_i h_{L,i}ᵀ.
 * </pre>
 * This is the chain rule, i.e. the paper's eq. (13)–(16) with the transpose ∂_1 fᵀ that the printed eq. (13) omits
 * (a known erratum of the printed eq. (13); the paper's own B.5 formula has it). {@link Recursion#PRINTED_EQ13} reproduces the
 * printed recursion p_{k−1} = p_k + c_res c_pre V_k [(W_k p_k) ⊙ σ′(u_k)] for the erratum check only.
 *
 * <p>Parallel plan, deterministic by construction: the forward pass and the adjoint recursion run per block of
 * samples (samples never interact there); then ∂ℓ/∂V_k, ∂ℓ/∂W_k run per block of layers, each summing over all
 * samples in order. On one thread (one block) the adjoint step of layer k and that layer's ∂ℓ/∂V_k, ∂ℓ/∂W_k run in
 * one pass, which reads the L-sized arrays once instead of twice. No sum is ever split across tasks and every
 * entry is the same chain of operations in every plan, so the bits do not depend on the thread count.
 *
 * <p>Activation checkpointing (constructed with an activation budget smaller than {@link #storedBytes}): h_k is kept
 * only at k = 0, S, 2S, … and L, with S = ⌈√L⌉; the backward pass takes the segments from the top down and, for each
 * but the top one (still in place from the forward pass), first reruns that segment's forward from its stored h (u,
 * σ(u), σ′(u), h) into one-segment buffers, then runs its adjoint steps and weight gradients as above. The rerun
 * repeats the same operations on the same inputs, so loss and gradient are bit-identical to the full-storage path
 * for every thread count (the plan above is kept inside each segment), at the price of a second forward pass
 * (about a third more arithmetic) and with O(√L) instead of O(L) stored values: 12 MB instead of 1.26 GB at
 * L = 16384, n = 100, q = 16, m = 32. {@link #hidden} and {@link #adjoint} need every layer and are unavailable then.
 * Not thread-safe itself: one instance per caller.
 */
public final class Backprop {
    /** Which backward recursion to run. */
    public enum Recursion { CORRECTED, PRINTED_EQ13 }

    /** Below this many flops per evaluation the fork/join overhead outweighs a second core. */
    private static final double PARALLEL_THRESHOLD_FLOPS = 4e6;
    /** Samples per block are at least this many, so that the register-blocked kernels see full tiles. */
    private static final int MIN_BLOCK = 8;
    /**
     * Rows (samples) per chunk inside a layer: u, σ(u), σ′(u) of a chunk (3 × 16 × m doubles, 12 KB at m = 32) stay
     * in the L1 cache between the product that makes u, the activation and the product that reads σ(u).
     */
    private static final int CHUNK = 16;

    private final Architecture arch;
    private final Dataset data;
    private final int n, d, q, m, dOut, L;
    private final double cRes, cPre, lambda;
    private final Activation sigma;
    private Recursion recursion = Recursion.CORRECTED;

    /*
     * Layer k of hs, ps lives at local index k − base, and layer k's σ(u_k), σ′(u_k) at k − 1 − base, where base is
     * 0 with full storage and the first layer index k0 of the segment in hand when checkpointed.
     */
    private final boolean checkpointed;
    private final int seg;       // S: layers per segment (L with full storage)
    private final int segments;  // ⌈L / S⌉
    private final double[] hs;   // h_0..h_L: (L+1) × n × q, sample-major (checkpointed: h_{k0}..h_{k0+S})
    private final double[] ps;   // p_0..p_L: (L+1) × n × q (checkpointed: p_{k0}..p_{k0+S})
    private final double[] act;  // σ(u_k): L × n × m (checkpointed: S × n × m)
    private final double[] dact; // σ′(u_k), overwritten in the backward pass by (V_kᵀ p_k) ⊙ σ′(u_k)
    private final double[] hc;   // checkpointed: h_0, h_S, …, h_{(segments−1)S}, then h_L; null with full storage
    private final double[] u;    // pre-activations / scratch of one layer: n × m
    private final double[] gs;   // (V_kᵀ p_k) ⊙ σ′(u_k) of one layer when the backward pass is fused: n × m
    private final double[] wT;   // W_kᵀ of the layer in hand, one q × m slot per sample block
    private final double[] vT;   // V_kᵀ of the layer in hand, one m × q slot per sample block
    private final double[] r;    // residuals B h_L − y: n × d′

    private double loss;

    /** Full storage of every layer's values (the default; {@link #hidden} and {@link #adjoint} available). */
    public Backprop(Architecture arch, Dataset data) {
        this(arch, data, Long.MAX_VALUE);
    }

    /**
     * With activation checkpointing when the full storage of the per-layer values, {@link #storedBytes}, would exceed
     * {@code activationBudget} bytes (see the class comment: same bits, one more forward pass, O(√L) memory); full
     * storage otherwise. For callers that need loss and gradient only (a trainer), never {@link #hidden} or
     * {@link #adjoint}.
     */
    public Backprop(Architecture arch, Dataset data, long activationBudget) {
        if (data.d() != arch.d() || data.dOut() != arch.dOut())
            throw new IllegalArgumentException("data dimensions (" + data.d() + "," + data.dOut()
                    + ") do not match the model's (input " + arch.d() + ", output " + arch.dOut() + ")");
        // the vector kernels: at once for a large evaluation, else compiled in the background meanwhile (same bits)
        Kernels.startWarmup(12.0 * data.n() * arch.m() * arch.q() * arch.L());
        this.arch = arch;
        this.data = data;
        n = data.n(); d = arch.d(); q = arch.q(); m = arch.m(); dOut = arch.dOut(); L = arch.L();
        cRes = arch.cRes();
        cPre = arch.cPre();
        lambda = arch.convention().lossWeight(n, dOut);
        sigma = arch.activation();
        checkpointed = storedBytes(arch, n) > activationBudget;
        seg = checkpointed ? (int) Math.ceil(Math.sqrt(L)) : L;
        segments = (L + seg - 1) / seg;
        hs = new double[(seg + 1) * n * q];
        ps = new double[(seg + 1) * n * q];
        act = new double[seg * n * m];
        dact = new double[seg * n * m];
        hc = checkpointed ? new double[(segments + 1) * n * q] : null;
        u = new double[n * m];
        gs = new double[n * m];
        int slots = Math.max(1, n / MIN_BLOCK);                      // blocks(n) never exceeds this
        wT = new double[slots * q * m];
        vT = new double[slots * m * q];
        r = new double[n * dOut];
    }

    /** Bytes of the per-layer values that full storage keeps: h_k and p_k ((L+1)·n·q each), σ(u_k) and σ′(u_k) (L·n·m each). */
    public static long storedBytes(Architecture arch, int n) {
        return 8L * n * (2L * (arch.L() + 1) * arch.q() + 2L * arch.L() * arch.m());
    }

    /** Whether this instance checkpoints (keeps h_k only every S layers and reruns the forward pass per segment). */
    public boolean checkpointed() { return checkpointed; }

    /** Which matrix-product path this JVM runs, e.g. "SIMD (Vector API, 512-bit)" or "scalar" (same bits). */
    public static String kernelPath() { return Kernels.description(); }

    /**
     * Waits up to {@code millis} until the vector kernels have been compiled in the background and took over from the
     * scalar ones (same bits), or the warm-up gave up; true when they serve. For benchmarks, which should time the
     * path a long run uses.
     */
    public static boolean awaitVectorKernels(long millis) { return Kernels.awaitWarmup(millis); }

    /** The width of the vectors the matrix products run on in this JVM: 256 (AVX2), 512 (AVX-512), …, 0 on the scalar path. */
    public static int vectorBits() { return Kernels.vectorBits(); }

    public Architecture architecture() { return arch; }
    public Dataset data() { return data; }

    public Backprop recursion(Recursion rec) {
        this.recursion = rec;
        return this;
    }

    /** Loss at the last evaluation. */
    public double lastLoss() { return loss; }

    /** Forward pass only: ℓ(θ). Leaves h_0..h_L in place for {@link #hidden}. */
    public double loss(double[] theta) {
        Cancellation.checkpoint();
        arch.requireSize("theta", theta);                   // else a bare index exception deep in the kernel
        forward(theta);
        return loss;
    }

    /**
     * ℓ(θ) and the plain gradient ∂ℓ/∂θ written into {@code grad} (same layout as θ, every block, trained or
     * not). Allocates nothing beyond the fork/join tasks of the parallel path.
     */
    public double lossAndGradient(double[] theta, double[] grad) {
        Cancellation.checkpoint();
        arch.requireSize("theta", theta);                   // too short: a bare index exception deep in the
        arch.requireSize("grad", grad);                     // kernel; too long: extra entries silently ignored
        forward(theta);
        backward(theta, grad);
        return loss;
    }

    /**
     * G = ‖∂_Aℓ‖² + L Σ_k (‖∂_{V_k}ℓ‖² + ‖∂_{W_k}ℓ‖²) + ‖∂_Bℓ‖² over the trained blocks (Definition 1; along the
     * flow (4), dℓ/dt = −G). Frozen A or B contribute nothing, as they do not move.
     */
    public static double flowMetric(Architecture arch, double[] grad) {
        double g = 0;
        if (arch.trainA()) g += sumSquares(grad, arch.offA(), arch.sizeA());
        g += arch.L() * sumSquares(grad, arch.offV(), arch.sizeV() + arch.sizeW());
        if (arch.trainB()) g += sumSquares(grad, arch.offB(), arch.sizeB());
        return g;
    }

    /**
     * h_k of sample i from the last forward pass, into {@code out} (length q).
     *
     * @throws IllegalStateException when checkpointed (the layers are not stored)
     */
    public void hidden(int k, int i, double[] out) {
        requireFullStorage("hidden");
        System.arraycopy(hs, (k * n + i) * q, out, 0, q);
    }

    /**
     * p_k = ∂ℓ/∂h_k of sample i from the last backward pass, into {@code out} (length q).
     *
     * @throws IllegalStateException when checkpointed (the layers are not stored)
     */
    public void adjoint(int k, int i, double[] out) {
        requireFullStorage("adjoint");
        System.arraycopy(ps, (k * n + i) * q, out, 0, q);
    }

    private void requireFullStorage(String what) {
        if (checkpointed)
            throw new IllegalStateException(what + "(k, i) needs every layer stored, but this Backprop checkpoints (L = "
                    + L + ", " + storedBytes(arch, n) + " bytes above its activation budget); construct it without a budget");
    }

    /** F(x_i) = B h_{L,i} from the last forward pass, recovered as the stored residual plus y_i (length d′). */
    public void output(int i, double[] out) {
        double[] y = data.y();
        for (int b = 0; b < dOut; b++) out[b] = r[i * dOut + b] + y[i * dOut + b];
    }

    private static double sumSquares(double[] x, int off, int len) {
        double s = 0;
        for (int i = off, end = off + len; i < end; i++) s += x[i] * x[i];
        return s;
    }

    private int blocks(int items) {
        if (Parallel.threads() == 1 || arch.flopsPerGradient(n) < PARALLEL_THRESHOLD_FLOPS) return 1;
        return Math.max(1, Math.min(Parallel.threads(), items / MIN_BLOCK));
    }

    private static int start(int block, int blocks, int items) {
        return (int) ((long) items * block / blocks);
    }

    private void forward(double[] theta) {
        int nb = blocks(n);
        if (nb == 1) forwardSamples(theta, 0, n, 0);                 // no capturing lambda: nothing allocated
        else Parallel.forEach(nb, b -> forwardSamples(theta, start(b, nb, n), start(b + 1, nb, n), b));
        double[] y = data.y(), hLast = lastHidden();                 // r = B h_L − y, ℓ = λ Σ‖r‖²
        int offB = arch.offB(), hL = lastHiddenOffset();
        double sum = 0;
        for (int i = 0; i < n; i++)
            for (int b = 0; b < dOut; b++) {
                double s = 0;
                for (int a = 0; a < q; a++) s = Math.fma(theta[offB + b * q + a], hLast[hL + i * q + a], s);
                double ri = s - y[i * dOut + b];
                r[i * dOut + b] = ri;
                sum += ri * ri;
            }
        loss = lambda * sum;
    }

    /** The buffer holding h_L after the forward pass, and its offset. */
    private double[] lastHidden() { return checkpointed ? hc : hs; }

    private int lastHiddenOffset() { return (checkpointed ? segments : L) * n * q; }

    /**
     * Eq. (3) for samples [i0, i1): h_0 = A x, then the layers; checkpointed, segment by segment, h_{k1} of each
     * segment [k0, k1] stored in hc and carried to the next segment's local index 0.
     */
    private void forwardSamples(double[] theta, int i0, int i1, int slot) {
        double[] x = data.x();
        int offA = arch.offA();
        for (int i = i0; i < i1; i++)
            for (int a = 0; a < q; a++) {
                double s = 0;
                for (int c = 0; c < d; c++) s = Math.fma(theta[offA + a * d + c], x[i * d + c], s);
                hs[i * q + a] = s;
            }
        if (!checkpointed) {
            layers(theta, 0, L, 0, i0, i1, slot);
            return;
        }
        int nq = n * q;
        System.arraycopy(hs, i0 * q, hc, i0 * q, (i1 - i0) * q);
        for (int j = 0; j < segments; j++) {
            int k0 = j * seg, k1 = Math.min(L, k0 + seg), top = (k1 - k0) * nq + i0 * q;
            layers(theta, k0, k1, k0, i0, i1, slot);
            System.arraycopy(hs, top, hc, (j + 1) * nq + i0 * q, (i1 - i0) * q);
            if (j + 1 < segments) System.arraycopy(hs, top, hs, i0 * q, (i1 - i0) * q);
        }                                                            // the top segment stays in place for backward
    }

    /**
     * Layers k0+1..k1 for samples [i0, i1), from h_{k0} in place: h_k = h_{k−1} + c_res V_k σ(c_pre W_k h_{k−1}),
     * keeping σ(u_k) and σ′(u_k). W_k and V_k are transposed layer by layer into this block's slot (8 KB,
     * cache-resident) rather than all at once into L-sized arrays, which cost a serial pass over 16 MB of memory per
     * evaluation. Layer indices are local to {@code base} (see the field comment).
     */
    private void layers(double[] theta, int k0, int k1, int base, int i0, int i1, int slot) {
        int nq = n * q, nm = n * m, qm = q * m;
        int lk = slot * qm;
        for (int k = k0 + 1; k <= k1; k++) {
            transposeLayer(theta, k, wT, vT, lk);
            int kl = k - base;
            for (int c0 = i0; c0 < i1; c0 += CHUNK) {               // row chunks: same chains, cache-resident
                int rows = Math.min(CHUNK, i1 - c0);
                int hIn = (kl - 1) * nq + c0 * q, hOut = kl * nq + c0 * q, ak = (kl - 1) * nm + c0 * m;
                // u = c_pre W_k h_{k−1}
                Kernels.gemm(hs, hIn, q, 1, wT, lk, m, null, 0, 0, u, c0 * m, m, rows, m, q, cPre);
                sigma.eval(u, c0 * m, act, dact, ak, rows * m);
                // h_k = h_{k−1} + c_res V_k σ(u)
                Kernels.gemm(act, ak, m, 1, vT, lk, q, hs, hIn, q, hs, hOut, q, rows, q, m, cRes);
            }
        }
    }

    private void backward(double[] theta, double[] grad) {
        Arrays.fill(grad, 0.0);
        int offB = arch.offB(), nq = n * q, top = checkpointed ? (segments - 1) * seg : 0;
        int pL = (L - top) * nq, hL = lastHiddenOffset();
        double[] hLast = lastHidden();
        double twoLambda = 2 * lambda;
        Arrays.fill(ps, pL, pL + nq, 0.0);
        for (int i = 0; i < n; i++)                                  // p_L = 2λ Bᵀ r,  ∂ℓ/∂B = 2λ Σ r h_Lᵀ
            for (int b = 0; b < dOut; b++) {
                double c = twoLambda * r[i * dOut + b];
                for (int a = 0; a < q; a++) {
                    ps[pL + i * q + a] += c * theta[offB + b * q + a];
                    grad[offB + b * q + a] += c * hLast[hL + i * q + a];
                }
            }
        if (!checkpointed) backwardLayers(theta, grad, 0, L);
        else
            for (int j = segments - 1; j >= 0; j--) {                // segments from the top down
                int k0 = j * seg, k1 = Math.min(L, k0 + seg);
                if (j < segments - 1) {                              // (the top segment is still in place)
                    System.arraycopy(ps, 0, ps, (k1 - k0) * nq, nq); // p_{k1} from the segment above
                    System.arraycopy(hc, j * nq, hs, 0, nq);         // rerun the segment's forward from h_{k0}
                    int nb = blocks(n);
                    if (nb == 1) layers(theta, k0, k1, k0, 0, n, 0);
                    else Parallel.forEach(nb, b -> layers(theta, k0, k1, k0, start(b, nb, n), start(b + 1, nb, n), b));
                }
                backwardLayers(theta, grad, k0, k1);
            }
        double[] x = data.x();                                       // ∂ℓ/∂A = Σ_i p_0 xᵀ (p_0 at local index 0)
        int offA = arch.offA();
        for (int i = 0; i < n; i++)
            for (int a = 0; a < q; a++) {
                double c = ps[i * q + a];
                for (int col = 0; col < d; col++) grad[offA + a * d + col] += c * x[i * d + col];
            }
    }

    /**
     * The adjoint recursion and the weight gradients of layers k1..k0+1, with p_{k1} and the layers' forward values
     * in place (base k0). Each ∂ℓ/∂V_k, ∂ℓ/∂W_k depends on its own layer only, so taking the layers segment by
     * segment changes no sum.
     */
    private void backwardLayers(double[] theta, double[] grad, int k0, int k1) {
        int nb = blocks(n);
        if (nb == 1 && recursion == Recursion.CORRECTED) {
            fusedBackward(theta, grad, k0, k1);                      // one thread: one pass per layer
        } else {
            if (nb == 1) backwardSamples(theta, k0, k1, 0, n);
            else Parallel.forEach(nb, b -> backwardSamples(theta, k0, k1, start(b, nb, n), start(b + 1, nb, n)));
            int count = k1 - k0, lb = blocks(count);
            if (lb == 1) layerGradients(grad, k0, k0 + 1, k1 + 1);
            else Parallel.forEach(lb, b -> layerGradients(grad, k0, k0 + start(b, lb, count) + 1,
                    k0 + start(b + 1, lb, count) + 1));
        }
    }

    /** The adjoint recursion for samples [i0, i1), k = k1..k0+1; leaves gs_k = (V_kᵀ p_k) ⊙ σ′(u_k) in dact. */
    private void backwardSamples(double[] theta, int k0, int k1, int i0, int i1) {
        int rows = i1 - i0, nq = n * q, nm = n * m, qm = q * m;
        double cc = cRes * cPre;
        for (int k = k1; k > k0; k--) {
            int kl = k - k0;
            if (recursion == Recursion.CORRECTED) {
                adjointStep(theta, k, k0, i0, i1, dact, (kl - 1) * nm);
                continue;
            }
            int pIn = kl * nq + i0 * q, ak = (kl - 1) * nm + i0 * m, offV = arch.offV() + (k - 1) * qm;
            // gs = (V_kᵀ p_k) ⊙ σ′(u_k)
            Kernels.gemm(ps, pIn, q, 1, theta, offV, m, null, 0, 0, u, i0 * m, m, rows, m, q, 1.0);
            for (int t = 0, e = rows * m; t < e; t++) dact[ak + t] *= u[i0 * m + t];
            printedStep(theta, k, k0, i0, rows, cc);
        }
    }

    /**
     * One layer of the corrected adjoint recursion for samples [i0, i1), by row chunks: gs = (V_kᵀ p_k) ⊙ σ′(u_k)
     * into out[outOff + i·m …] (out may be dact itself, overwriting σ′(u_k)), then p_{k−1} = p_k + c_res c_pre W_kᵀ gs.
     * σ′(u_k)·(V_kᵀ p_k) is one rounded product whichever buffer receives it, so the bits do not depend on out.
     */
    private void adjointStep(double[] theta, int k, int base, int i0, int i1, double[] out, int outOff) {
        int nq = n * q, nm = n * m, qm = q * m, kl = k - base;
        int offV = arch.offV() + (k - 1) * qm, offW = arch.offW() + (k - 1) * qm;
        double cc = cRes * cPre;
        for (int c0 = i0; c0 < i1; c0 += CHUNK) {
            int rows = Math.min(CHUNK, i1 - c0);
            int pIn = kl * nq + c0 * q, pOut = (kl - 1) * nq + c0 * q, ak = (kl - 1) * nm + c0 * m, g = outOff + c0 * m;
            Kernels.gemm(ps, pIn, q, 1, theta, offV, m, null, 0, 0, u, c0 * m, m, rows, m, q, 1.0);
            for (int t = 0, e = rows * m; t < e; t++) out[g + t] = dact[ak + t] * u[c0 * m + t];
            Kernels.gemm(out, g, m, 1, theta, offW, q, ps, pIn, q, ps, pOut, q, rows, q, m, cc);
        }
    }

    /**
     * One thread, corrected recursion: the adjoint step of layer k and that layer's ∂ℓ/∂V_k, ∂ℓ/∂W_k in one pass,
     * while p_k and gs_k are still in cache (gs_k then lives in a one-layer buffer, not in dact). Same products,
     * same chains, same order as {@link #backwardSamples} followed by {@link #layerGradients}.
     */
    private void fusedBackward(double[] theta, double[] grad, int k0, int k1) {
        for (int k = k1; k > k0; k--) {
            adjointStep(theta, k, k0, 0, n, gs, 0);
            layerGradient(grad, k, k0, gs, 0);
        }
    }

    /**
     * Printed eq. (13): p_{k−1} = p_k + c_res c_pre V_k [(W_k p_k) ⊙ σ′(u_k)]. σ′(u_k) was overwritten by gs, so
     * it is recomputed; this path only serves the erratum check, so it may allocate.
     */
    private void printedStep(double[] theta, int k, int base, int i0, int rows, double cc) {
        int nq = n * q, qm = q * m, kl = k - base;
        int pIn = kl * nq + i0 * q, pOut = (kl - 1) * nq + i0 * q, hIn = (kl - 1) * nq + i0 * q;
        double[] wT = new double[qm], vT = new double[qm];
        transposeLayer(theta, k, wT, vT, 0);
        double[] tmp = new double[rows * m];
        double[] uu = new double[rows * m], s = new double[rows * m], ds = new double[rows * m];
        Kernels.gemm(hs, hIn, q, 1, wT, 0, m, null, 0, 0, uu, 0, m, rows, m, q, cPre);
        sigma.eval(uu, 0, s, ds, 0, rows * m);
        Kernels.gemm(ps, pIn, q, 1, wT, 0, m, null, 0, 0, tmp, 0, m, rows, m, q, 1.0);
        for (int t = 0; t < rows * m; t++) tmp[t] *= ds[t];
        Kernels.gemm(tmp, 0, m, 1, vT, 0, q, ps, pIn, q, ps, pOut, q, rows, q, m, cc);
    }

    /** ∂ℓ/∂V_k and ∂ℓ/∂W_k for layers k ∈ [ka, kb), each summed over all samples in order (base as in the fields). */
    private void layerGradients(double[] grad, int base, int ka, int kb) {
        for (int k = ka; k < kb; k++) layerGradient(grad, k, base, dact, (k - 1 - base) * n * m);
    }

    /** ∂ℓ/∂V_k and ∂ℓ/∂W_k, with gs_k read from g[gOff …] (n × m). */
    private void layerGradient(double[] grad, int k, int base, double[] g, int gOff) {
        int nq = n * q, qm = q * m, kl = k - base;
        int ak = (kl - 1) * n * m, offV = arch.offV() + (k - 1) * qm, offW = arch.offW() + (k - 1) * qm;
        // c_res Σ_i p_{k,i} σ_iᵀ and c_res c_pre Σ_i gs_i h_{k−1,i}ᵀ: X read transposed (strides 1, row length)
        Kernels.gemm(ps, kl * nq, 1, q, act, ak, m, grad, offV, m, grad, offV, m, q, m, n, cRes);
        Kernels.gemm(g, gOff, 1, m, hs, (kl - 1) * nq, q, grad, offW, q, grad, offW, q, m, q, n, cRes * cPre);
    }

    /** W_kᵀ into w[off …] (q × m) and V_kᵀ into v[off …] (m × q). */
    private void transposeLayer(double[] theta, int k, double[] w, double[] v, int off) {
        int qm = q * m, offW = arch.offW() + (k - 1) * qm, offV = arch.offV() + (k - 1) * qm;
        for (int j = 0; j < m; j++)
            for (int a = 0; a < q; a++) {
                w[off + a * m + j] = theta[offW + j * q + a]; // W_k is m×q
                v[off + j * q + a] = theta[offV + a * m + j]; // V_k is q×m
            }
    }
}
