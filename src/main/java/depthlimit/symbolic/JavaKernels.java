package depthlimit.symbolic;

import org.codehaus.janino.SimpleCompiler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns a {@link Tape} with one input x and outputs (σ, σ′, σ″) into Java source and compiles it at run time with
 * Janino (which ships with Symja), so that a user-defined activation runs as straight-line Java the JIT can inline:
 * σ and σ′ share their common sub-expressions (one erf and one exp for GELU written as x(1 + Erf[x/√2])/2).
 * Constants are emitted as exact decimal double literals; nothing is left to integer division (the pitfall of
 * Symja's own {@code Compile[]}, dependency-notes §2 pitfall 5). If Janino is unavailable or fails, the tape
 * interpreter is used instead ({@link #interpreted}).
 */
public final class JavaKernels {
    private JavaKernels() {}

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Compiled kernel, or the interpreter if compilation fails. */
    public static ActivationKernel activation(Tape tape, String description) {
        try {
            return compile(tape, description);
        } catch (Exception | LinkageError e) {
            return interpreted(tape);
        }
    }

    /** The Java source of the kernel class (also what {@code activation} compiles). */
    public static String source(Tape tape, String className, String description) {
        if (tape.inputs() != 1 || tape.outputs() != 3)
            throw new IllegalArgumentException("an activation tape has one input and outputs σ, σ′, σ″");
        String[] in = {"x"};
        String iface = ActivationKernel.class.getName();
        StringBuilder sb = new StringBuilder();
        sb.append("package depthlimit.symbolic.generated;\n");
        sb.append("/** Generated from the Symja expression ").append(description.replace("*/", "* /")).append(" */\n");
        sb.append("public final class ").append(className).append(" implements ").append(iface).append(" {\n");
        sb.append("public double value(double x) {\n").append(tape.javaStatements(in, 0))
                .append("return ").append(tape.outputRegister(0)).append(";\n}\n");
        sb.append("public double d1(double x) {\n").append(tape.javaStatements(in, 1))
                .append("return ").append(tape.outputRegister(1)).append(";\n}\n");
        sb.append("public double d2(double x) {\n").append(tape.javaStatements(in, 2))
                .append("return ").append(tape.outputRegister(2)).append(";\n}\n");
        sb.append("public void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len) {\n")
                .append("for (int i = 0; i < len; i++) {\nfinal double x = u[uOff + i];\n")
                .append(tape.javaStatements(in, 0, 1))
                .append("s[off + i] = ").append(tape.outputRegister(0)).append(";\n")
                .append("ds[off + i] = ").append(tape.outputRegister(1)).append(";\n}\n}\n");
        sb.append("}\n");
        return sb.toString();
    }

    static ActivationKernel compile(Tape tape, String description) throws Exception {
        String name = "Activation" + COUNTER.incrementAndGet();
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(JavaKernels.class.getClassLoader());
        compiler.cook(source(tape, name, description));
        Class<?> cls = compiler.getClassLoader().loadClass("depthlimit.symbolic.generated." + name);
        return (ActivationKernel) cls.getDeclaredConstructor().newInstance();
    }

    /** The same function through the tape interpreter (about 3–5× slower; also the reference in tests). */
    public static ActivationKernel interpreted(Tape tape) {
        return new ActivationKernel() {
            private final ThreadLocal<double[]> regs = ThreadLocal.withInitial(tape::newRegisters);

            private double at(double x, int k) {
                double[] r = regs.get();
                r[0] = x;
                tape.run(r);
                return tape.output(r, k);
            }

            public double value(double x) { return at(x, 0); }
            public double d1(double x) { return at(x, 1); }
            public double d2(double x) { return at(x, 2); }

            public void eval(double[] u, int uOff, double[] s, double[] ds, int off, int len) {
                double[] r = regs.get();
                for (int i = 0; i < len; i++) {
                    r[0] = u[uOff + i];
                    tape.run(r);
                    s[off + i] = tape.output(r, 0);
                    ds[off + i] = tape.output(r, 1);
                }
            }
        };
    }
}
