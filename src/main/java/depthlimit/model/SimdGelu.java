package depthlimit.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * GELU σ(x) = xΦ(x) and σ′(x) = Φ(x) + xφ(x) in vector lanes: the operations of {@link NormalCdf#cdf(double, double)}
 * (W. J. Cody's rational functions of {@link Erf}, every Horner step fused, the same roundings in the same order)
 * with e^{−x²/2} from {@link GaussianExp}. Every lane therefore equals {@link Activations#GELU}'s scalar
 * {@code value}/{@code d1} bit for bit, and the elements left over after the last full vector are computed by those
 * scalar calls: the result of an element depends on nothing but its input, hence not on how rows are split across
 * threads.
 *
 * <p>Three passes over the row, each a small loop (e into ds, then erf or erfc into s, then σ and σ′): one loop holding all
 * of it is beyond what JDK 17's C2 inlines, and the vectors it fails to inline are boxed on the heap (measured
 * slower than scalar code). The passes read and write the same L1-resident row. Loaded only with the Vector API.
 */
final class SimdGelu {
    private SimdGelu() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int V = S.length();

    /** Same contract as {@link Activation#eval}; u must not overlap s or ds (they serve as scratch). */
    static void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len) {
        int full = len - len % V;
        gaussianFactors(u, uOff, ds, off, full);
        erfcs(u, uOff, ds, s, off, full);
        combine(u, uOff, s, ds, off, full);
        for (int i = full; i < len; i++) {
            double x = u[uOff + i];
            double e = GaussianExp.gaussianFactor(x);
            double phi = NormalCdf.cdf(x, e);
            s[off + i] = x * phi;
            ds[off + i] = phi + x * NormalCdf.INV_SQRT_2PI * e;
        }
    }

    /** ds = e^{−x²/2}: {@link GaussianExp#gaussianFactor} lane by lane. */
    private static void gaussianFactors(double[] u, int uOff, double[] ds, int off, int full) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < full; i += V) {
            DoubleVector x = DoubleVector.fromArray(S, u, uOff + i);
            DoubleVector hi = x.mul(x);
            DoubleVector lo = x.fma(x, hi.neg());
            DoubleVector a = hi.mul(-0.5).max(GaussianExp.FLOOR);
            DoubleVector t = a.fma(GaussianExp.LOG2E, GaussianExp.SHIFT);
            DoubleVector nd = t.sub(GaussianExp.SHIFT);
            DoubleVector r = nd.fma(DoubleVector.broadcast(S, -GaussianExp.LN2_HI), a);
            r = nd.fma(DoubleVector.broadcast(S, -GaussianExp.LN2_LO), r);
            DoubleVector p = r.fma(GaussianExp.C13, GaussianExp.C12);
            p = p.fma(r, DoubleVector.broadcast(S, GaussianExp.C11));
            p = p.fma(r, DoubleVector.broadcast(S, GaussianExp.C10));
            p = p.fma(r, DoubleVector.broadcast(S, GaussianExp.C9));
            p = p.fma(r, DoubleVector.broadcast(S, GaussianExp.C8));
            p = p.fma(r, DoubleVector.broadcast(S, GaussianExp.C7));
            p = p.fma(r, DoubleVector.broadcast(S, GaussianExp.C6));
            p = p.fma(r, DoubleVector.broadcast(S, GaussianExp.C5));
            p = p.fma(r, DoubleVector.broadcast(S, GaussianExp.C4));
            p = p.fma(r, DoubleVector.broadcast(S, GaussianExp.C3));
            p = p.fma(r, DoubleVector.broadcast(S, GaussianExp.C2));
            p = p.fma(r, DoubleVector.broadcast(S, GaussianExp.C1));
            p = p.fma(r, DoubleVector.broadcast(S, GaussianExp.C0));
            LongVector n = ((LongVector) t.reinterpretAsLongs()).sub(GaussianExp.SHIFT_BITS);
            LongVector n1 = n.lanewise(VectorOperators.ASHR, 1);
            LongVector n2 = n.sub(n1);
            DoubleVector s1 = n1.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector s2 = n2.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            p.mul(s1).mul(s2).mul(one.sub(lo.mul(0.5))).intoArray(ds, off + i);
        }
    }

    /**
     * s = erf(z) · z⁻¹ · z = z·P(z²)/Q(z²) where z = |x|/√2 ≤ {@link Erf#SMALL}, else erfc(z) = e·{@link Erf#erfcScaled}.
     * Each lane needs one of Cody's two quotients only, so numerator and denominator are chosen per lane before a
     * single division: the same operands and roundings as computing both, at one division per vector instead of two
     * (the divider is the slowest unit here; on an AVX2 EPYC the whole GELU went from 5.0 to 4.7 ns per element,
     * same bits).
     */
    private static void erfcs(double[] u, int uOff, double[] ds, double[] s, int off, int full) {
        for (int i = 0; i < full; i += V) {
            DoubleVector z = DoubleVector.fromArray(S, u, uOff + i).abs().mul(NormalCdf.INV_SQRT2);
            DoubleVector num = z.fma(Erf.C8, Erf.C0);
            num = num.fma(z, DoubleVector.broadcast(S, Erf.C1));
            num = num.fma(z, DoubleVector.broadcast(S, Erf.C2));
            num = num.fma(z, DoubleVector.broadcast(S, Erf.C3));
            num = num.fma(z, DoubleVector.broadcast(S, Erf.C4));
            num = num.fma(z, DoubleVector.broadcast(S, Erf.C5));
            num = num.fma(z, DoubleVector.broadcast(S, Erf.C6));
            num = num.fma(z, DoubleVector.broadcast(S, Erf.C7));
            DoubleVector den = z.add(Erf.D0).fma(z, DoubleVector.broadcast(S, Erf.D1));
            den = den.fma(z, DoubleVector.broadcast(S, Erf.D2));
            den = den.fma(z, DoubleVector.broadcast(S, Erf.D3));
            den = den.fma(z, DoubleVector.broadcast(S, Erf.D4));
            den = den.fma(z, DoubleVector.broadcast(S, Erf.D5));
            den = den.fma(z, DoubleVector.broadcast(S, Erf.D6));
            den = den.fma(z, DoubleVector.broadcast(S, Erf.D7));
            DoubleVector zz = z.mul(z);
            DoubleVector numS = zz.fma(Erf.A4, Erf.A0);
            numS = numS.fma(zz, DoubleVector.broadcast(S, Erf.A1));
            numS = numS.fma(zz, DoubleVector.broadcast(S, Erf.A2));
            numS = numS.fma(zz, DoubleVector.broadcast(S, Erf.A3));
            DoubleVector denS = zz.add(Erf.B0).fma(zz, DoubleVector.broadcast(S, Erf.B1));
            denS = denS.fma(zz, DoubleVector.broadcast(S, Erf.B2));
            denS = denS.fma(zz, DoubleVector.broadcast(S, Erf.B3));
            VectorMask<Double> small = z.compare(VectorOperators.LE, Erf.SMALL);
            DoubleVector quotient = num.blend(numS, small).div(den.blend(denS, small));
            DoubleVector factor = DoubleVector.fromArray(S, ds, off + i).blend(z, small);
            VectorMask<Double> far = z.compare(VectorOperators.GT, 4.0);
            // two straight-line stores: a vector merged across the branch (a φ node) would be boxed on the heap
            if (!far.anyTrue()) {
                factor.mul(quotient).intoArray(s, off + i);
            } else {
                // Erf#erfcScaled for z > 4 (rare: |x| > 5.66; never a small lane): (1/√π − w P(w)/Q(w))/z, w = 1/z².
                // Written here, not as a helper: when C2 compiles this loop before the branch is hot it does not
                // inline a helper, and a vector passed to a call is boxed, which put every vector of the loop on the
                // heap (40 MB and 2–5× the time per evaluation at L = 1024, seen in some runs of `bench --workload kernel`)
                DoubleVector w = DoubleVector.broadcast(S, 1.0).div(z.mul(z));
                DoubleVector pn = w.fma(Erf.P5, Erf.P0);
                pn = pn.fma(w, DoubleVector.broadcast(S, Erf.P1));
                pn = pn.fma(w, DoubleVector.broadcast(S, Erf.P2));
                pn = pn.fma(w, DoubleVector.broadcast(S, Erf.P3));
                pn = pn.fma(w, DoubleVector.broadcast(S, Erf.P4));
                DoubleVector qd = w.add(Erf.Q0).fma(w, DoubleVector.broadcast(S, Erf.Q1));
                qd = qd.fma(w, DoubleVector.broadcast(S, Erf.Q2));
                qd = qd.fma(w, DoubleVector.broadcast(S, Erf.Q3));
                qd = qd.fma(w, DoubleVector.broadcast(S, Erf.Q4));
                DoubleVector tail = DoubleVector.broadcast(S, Erf.INV_SQRT_PI).sub(w.mul(pn).div(qd)).div(z);
                factor.mul(quotient.blend(tail, far)).intoArray(s, off + i);
            }
        }
    }

    /** Φ = ½ ± ½erf (small lanes) or 1 − ½erfc, ½erfc (others) from s, then s = xΦ and ds = Φ + x e/√(2π). */
    private static void combine(double[] u, int uOff, double[] s, double[] ds, int off, int full) {
        DoubleVector half = DoubleVector.broadcast(S, 0.5), one = DoubleVector.broadcast(S, 1.0);
        for (int i = 0; i < full; i += V) {
            DoubleVector x = DoubleVector.fromArray(S, u, uOff + i);
            DoubleVector z = x.abs().mul(NormalCdf.INV_SQRT2);
            DoubleVector h = DoubleVector.fromArray(S, s, off + i).mul(0.5);   // ½erf(z) or ½erfc(z)
            VectorMask<Double> neg = x.compare(VectorOperators.LT, 0.0);
            VectorMask<Double> small = z.compare(VectorOperators.LE, Erf.SMALL);
            DoubleVector phiSmall = half.add(h).blend(half.sub(h), neg);
            DoubleVector phiLarge = one.sub(h).blend(h, neg);
            DoubleVector phi = phiLarge.blend(phiSmall, small);
            DoubleVector e = DoubleVector.fromArray(S, ds, off + i);
            x.mul(phi).intoArray(s, off + i);
            x.mul(NormalCdf.INV_SQRT_2PI).mul(e).add(phi).intoArray(ds, off + i);
        }
    }
}
