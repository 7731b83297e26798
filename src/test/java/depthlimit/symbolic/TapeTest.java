package depthlimit.symbolic;

import org.junit.jupiter.api.Test;
import org.matheclipse.core.interfaces.IExpr;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The expression compiler ({@link ExprCompiler}, {@link Tape}, {@link JavaKernels}) against Symja's own numerics. */
class TapeTest {
    /** Compiles {@code expr} (in x) into a one-input tape. */
    private static Tape compile(String expr) {
        Tape.Builder b = new Tape.Builder();
        ExprCompiler c = new ExprCompiler(b);
        c.variable("x");
        Symja.call(ev -> {
            b.output(c.compile(ev.eval(expr)));
            return null;
        });
        return b.build();
    }

    private static double symjaValue(String expr, double x) {
        return Symja.call(ev -> ev.evalf(ev.eval("N[(" + expr + ") /. {x -> " + SpecialFunctionsTest.exact(x) + "}, 30]")));
    }

    /**
     * Each expression is well conditioned on [−3, 3] (relative condition number ≤ ~10), so two float64 evaluations of
     * it — the tape and Symja's 30-digit N[] rounded — may differ by a few ulps times that: 1e-13 relative leaves a
     * 100× margin, while any wrong operation (a dropped factor, integer division, a wrong branch) is off by O(1).
     */
    @Test
    void compiledExpressionsMatchSymja() {
        List<String> exprs = List.of("x*(1 + Erf[x/Sqrt[2]])/2", "Tanh[x]^2 + Sech[x]", "x*Exp[-x^2/2]/Sqrt[2*Pi]",
                "Sin[x]*Cos[2*x] + ArcTan[x]", "LogisticSigmoid[3*x]", "1/(1 + x^2)^(3/2)", "Log[1 + x^2] + Cosh[x/3]",
                "Erfc[x] + x^3/7", "Piecewise[{{x^2, x > 1/3}, {-x, x < -1/2}}, 1/5]", "Max[x, x^2/3] - Min[0, x]",
                "Abs[x - 1/3] + Sign[x]", "ArcSinh[x] + 2^x + E^(x/2)");
        Random rnd = new Random(11);
        for (String e : exprs) {
            Tape t = compile(e);
            for (int i = 0; i < 8; i++) {
                double x = -3 + 6 * rnd.nextDouble();
                double mine = t.evaluate(x)[0], ref = symjaValue(e, x);
                assertEquals(ref, mine, 1e-13 * Math.max(1, Math.abs(ref)), e + " at x = " + x);
            }
        }
    }

    @Test
    void equalSubExpressionsShareRegisters() {
        // Symja keeps the nested tree: h appears 9 times in h2, yet the tape evaluates it once.
        Tape t = compile("With[{h = Tanh[x/3] + x}, (h + Tanh[h])*(h - Tanh[h]) + Exp[h]*Sin[h]]");
        IExpr tree = Symja.eval("With[{h = Tanh[x/3] + x}, (h + Tanh[h])*(h - Tanh[h]) + Exp[h]*Sin[h]]");
        assertTrue(t.instructions() < tree.leafCount(), t.instructions() + " instructions for " + tree.leafCount() + " leaves");
        assertTrue(t.instructions() <= 12, "h, Tanh[h] and each operation once: " + t.instructions());
    }

    @Test
    void unsupportedHeadsAreReported() {
        ExprCompiler.Unsupported e = assertThrows(ExprCompiler.Unsupported.class, () -> compile("BesselJ[0, x]"));
        assertTrue(e.getMessage().contains("BesselJ"), e.getMessage());
        assertThrows(ExprCompiler.Unsupported.class, () -> compile("x + I"));
        assertThrows(ExprCompiler.Unsupported.class, () -> compile("x + y"));
    }

    /**
     * The Janino-compiled kernel executes the same operations in the same order as the interpreter, and Java
     * floating point is strict, so the two agree to the last bit wherever the Math intrinsics do; we allow 2 ulps.
     */
    @Test
    void javaKernelMatchesInterpreter() {
        SymbolicActivation a = SymbolicActivation.parse("x*(1 + Erf[x/Sqrt[2]])/2 + Sin[x]^2/(2 + Cos[x])", "test");
        ActivationKernel compiled = a.kernel();
        ActivationKernel interp = JavaKernels.interpreted(a.tape());
        assertNotEquals(interp.getClass(), compiled.getClass(), "Janino must have compiled the kernel");
        double[] u = new double[1000], s = new double[1000], ds = new double[1000];
        Random rnd = new Random(5);
        for (int i = 0; i < u.length; i++) u[i] = -6 + 12 * rnd.nextDouble();
        compiled.eval(u, 0, s, ds, 0, u.length);
        for (int i = 0; i < u.length; i++) {
            assertEquals(interp.value(u[i]), s[i], 2 * Math.ulp(s[i]));
            assertEquals(interp.d1(u[i]), ds[i], 2 * Math.ulp(ds[i]));
            assertEquals(interp.d2(u[i]), compiled.d2(u[i]), 2 * Math.ulp(compiled.d2(u[i])));
        }
    }

    @Test
    void javaSourceHasNoIntegerDivision() {
        // dependency-notes §2 pitfall 5: Symja's Compile[] emits 1/2*x with integer division. Ours emits doubles.
        SymbolicActivation a = SymbolicActivation.parse("x/2 + x^3/3", "test");
        String src = JavaKernels.source(a.tape(), "Probe", "x/2 + x^3/3");
        assertFalse(src.matches("(?s).*[^.\\d]1 / 2[^.\\d].*"), src);
        assertEquals(0.5 * 0.7 + 0.7 * 0.7 * 0.7 / 3, a.value(0.7), 1e-16);
    }
}
