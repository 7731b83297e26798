package depthlimit.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled numeric function: a straight-line program over double registers, built from a Symja expression by
 * {@link ExprCompiler}. Registers 0..inputs−1 hold the inputs; constants and instruction results follow. Equal
 * sub-expressions share one register (common-subexpression elimination on (operation, operands)), so a derivative
 * tree in which Symja repeats the same hidden state hundreds of times costs one evaluation per distinct node.
 *
 * <p>{@link #run} interprets the program (a few ns per instruction); {@link JavaKernels} turns the same program into
 * Java source compiled at run time, for the activation hot path.
 */
public final class Tape {
    // Operations. Arity 1 unless noted.
    static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3;                   // binary
    static final int NEG = 4, RECIP = 5, SQRT = 6, POWI = 7, POW = 8;     // POWI: c holds the integer exponent; POW binary
    static final int EXP = 9, LOG = 10, SIN = 11, COS = 12, TAN = 13, SINH = 14, COSH = 15, TANH = 16, SECH = 17,
            CSCH = 18, COTH = 19, SEC = 20, CSC = 21, COT = 22, ASIN = 23, ACOS = 24, ATAN = 25, ASINH = 26,
            ACOSH = 27, ATANH = 28, ERF = 29, ERFC = 30, ABS = 31, SIGN = 32, LOGISTIC = 33, FLOOR = 34, CEIL = 35,
            ROUND = 36;
    static final int ATAN2 = 37, MAX = 38, MIN = 39;                        // binary
    static final int GT = 40, GE = 41, LT = 42, LE = 43, EQ = 44, NE = 45, AND = 46, OR = 47; // binary, 1.0 / 0.0
    static final int NOT = 48;
    static final int SELECT = 49;                                         // ternary: a != 0 ? b : c

    private final String[] inputNames;
    private final double[] template;     // constants at their registers, 0 elsewhere
    private final boolean[] isConstant;
    private final int[] op, dst, a, b, c;
    private final int[] outputs;

    private Tape(String[] inputNames, double[] template, boolean[] isConstant, int[] op, int[] dst, int[] a, int[] b,
                 int[] c, int[] outputs) {
        this.inputNames = inputNames;
        this.template = template;
        this.isConstant = isConstant;
        this.op = op;
        this.dst = dst;
        this.a = a;
        this.b = b;
        this.c = c;
        this.outputs = outputs;
    }

    public int inputs() { return inputNames.length; }
    public String inputName(int i) { return inputNames[i]; }
    public int outputs() { return outputs.length; }
    public int instructions() { return op.length; }
    public int registers() { return template.length; }

    /** A register file with the constants in place; fill the inputs, then {@link #run}. */
    public double[] newRegisters() {
        return template.clone();
    }

    /** Executes every instruction; registers must come from {@link #newRegisters} with inputs filled in. */
    public void run(double[] r) {
        for (int i = 0, n = op.length; i < n; i++) {
            int o = op[i];
            r[dst[i]] = apply(o, r[a[i]], b[i] < 0 ? 0 : r[b[i]], c[i], o == SELECT ? r[c[i]] : 0);
        }
    }

    public double output(double[] registers, int k) {
        return registers[outputs[k]];
    }

    /** Convenience for tests and slow paths: evaluates all outputs at {@code in}. */
    public double[] evaluate(double... in) {
        if (in.length != inputNames.length)
            throw new IllegalArgumentException("expected " + inputNames.length + " inputs, got " + in.length);
        double[] r = newRegisters();
        System.arraycopy(in, 0, r, 0, in.length);
        run(r);
        double[] out = new double[outputs.length];
        for (int k = 0; k < out.length; k++) out[k] = r[outputs[k]];
        return out;
    }

    private static double apply(int op, double x, double y, int c, double z) {
        switch (op) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            case NEG: return -x;
            case RECIP: return 1 / x;
            case SQRT: return Math.sqrt(x);
            case POWI: return powi(x, c);
            case POW: return Math.pow(x, y);
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case SIN: return Math.sin(x);
            case COS: return Math.cos(x);
            case TAN: return Math.tan(x);
            case SINH: return Math.sinh(x);
            case COSH: return Math.cosh(x);
            case TANH: return Math.tanh(x);
            case SECH: return 1 / Math.cosh(x);
            case CSCH: return 1 / Math.sinh(x);
            case COTH: return 1 / Math.tanh(x);
            case SEC: return 1 / Math.cos(x);
            case CSC: return 1 / Math.sin(x);
            case COT: return 1 / Math.tan(x);
            case ASIN: return Math.asin(x);
            case ACOS: return Math.acos(x);
            case ATAN: return Math.atan(x);
            case ASINH: return asinh(x);
            case ACOSH: return acosh(x);
            case ATANH: return atanh(x);
            case ERF: return SpecialFunctions.erf(x);
            case ERFC: return SpecialFunctions.erfc(x);
            case ABS: return Math.abs(x);
            case SIGN: return Math.signum(x);
            case LOGISTIC: return logistic(x);
            case FLOOR: return Math.floor(x);
            case CEIL: return Math.ceil(x);
            case ROUND: return Math.rint(x);
            case ATAN2: return Math.atan2(x, y);
            case MAX: return Math.max(x, y);
            case MIN: return Math.min(x, y);
            case GT: return x > y ? 1 : 0;
            case GE: return x >= y ? 1 : 0;
            case LT: return x < y ? 1 : 0;
            case LE: return x <= y ? 1 : 0;
            case EQ: return x == y ? 1 : 0;
            case NE: return x != y ? 1 : 0;
            case AND: return x != 0 && y != 0 ? 1 : 0;
            case OR: return x != 0 || y != 0 ? 1 : 0;
            case NOT: return x == 0 ? 1 : 0;
            case SELECT: return x != 0 ? y : z;
            default: throw new IllegalStateException("unknown operation " + op);
        }
    }

    /** x^k by repeated squaring (k may be negative). */
    public static double powi(double x, int k) {
        if (k < 0) return 1 / powi(x, -k);
        double result = 1, base = x;
        while (k > 0) {
            if ((k & 1) != 0) result *= base;
            k >>= 1;
            if (k > 0) base *= base;
        }
        return result;
    }

    public static double asinh(double x) {
        double ax = Math.abs(x);
        double r = ax > 1e8 ? Math.log(ax) + Math.log(2) : Math.log1p(ax + ax * ax / (1 + Math.sqrt(1 + ax * ax)));
        return Math.copySign(r, x);
    }

    public static double acosh(double x) {
        return x > 1e8 ? Math.log(x) + Math.log(2) : Math.log(x + Math.sqrt((x - 1) * (x + 1)));
    }

    public static double atanh(double x) {
        return 0.5 * Math.log1p(2 * x / (1 - x));
    }

    /** 1/(1 + e^{−x}) without overflow. */
    public static double logistic(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** Java source of operation {@code op} on operand expressions (used by {@link JavaKernels}). */
    static String javaExpression(int op, String x, String y, int c, String z) {
        String sf = SpecialFunctions.class.getName(), tp = Tape.class.getName();
        switch (op) {
            case ADD: return x + " + " + y;
            case SUB: return x + " - " + y;
            case MUL: return x + " * " + y;
            case DIV: return x + " / " + y;
            case NEG: return "-" + x;
            case RECIP: return "1.0 / " + x;
            case SQRT: return "Math.sqrt(" + x + ")";
            case POWI:
                if (c == 2) return x + " * " + x;
                if (c == 3) return x + " * " + x + " * " + x;
                if (c == -1) return "1.0 / " + x;
                if (c == -2) return "1.0 / (" + x + " * " + x + ")";
                return tp + ".powi(" + x + ", " + c + ")";
            case POW: return "Math.pow(" + x + ", " + y + ")";
            case EXP: return "Math.exp(" + x + ")";
            case LOG: return "Math.log(" + x + ")";
            case SIN: return "Math.sin(" + x + ")";
            case COS: return "Math.cos(" + x + ")";
            case TAN: return "Math.tan(" + x + ")";
            case SINH: return "Math.sinh(" + x + ")";
            case COSH: return "Math.cosh(" + x + ")";
            case TANH: return "Math.tanh(" + x + ")";
            case SECH: return "1.0 / Math.cosh(" + x + ")";
            case CSCH: return "1.0 / Math.sinh(" + x + ")";
            case COTH: return "1.0 / Math.tanh(" + x + ")";
            case SEC: return "1.0 / Math.cos(" + x + ")";
            case CSC: return "1.0 / Math.sin(" + x + ")";
            case COT: return "1.0 / Math.tan(" + x + ")";
            case ASIN: return "Math.asin(" + x + ")";
            case ACOS: return "Math.acos(" + x + ")";
            case ATAN: return "Math.atan(" + x + ")";
            case ASINH: return tp + ".asinh(" + x + ")";
            case ACOSH: return tp + ".acosh(" + x + ")";
            case ATANH: return tp + ".atanh(" + x + ")";
            case ERF: return sf + ".erf(" + x + ")";
            case ERFC: return sf + ".erfc(" + x + ")";
            case ABS: return "Math.abs(" + x + ")";
            case SIGN: return "Math.signum(" + x + ")";
            case LOGISTIC: return tp + ".logistic(" + x + ")";
            case FLOOR: return "Math.floor(" + x + ")";
            case CEIL: return "Math.ceil(" + x + ")";
            case ROUND: return "Math.rint(" + x + ")";
            case ATAN2: return "Math.atan2(" + x + ", " + y + ")";
            case MAX: return "Math.max(" + x + ", " + y + ")";
            case MIN: return "Math.min(" + x + ", " + y + ")";
            case GT: return "(" + x + " > " + y + " ? 1.0 : 0.0)";
            case GE: return "(" + x + " >= " + y + " ? 1.0 : 0.0)";
            case LT: return "(" + x + " < " + y + " ? 1.0 : 0.0)";
            case LE: return "(" + x + " <= " + y + " ? 1.0 : 0.0)";
            case EQ: return "(" + x + " == " + y + " ? 1.0 : 0.0)";
            case NE: return "(" + x + " != " + y + " ? 1.0 : 0.0)";
            case AND: return "(" + x + " != 0.0 && " + y + " != 0.0 ? 1.0 : 0.0)";
            case OR: return "(" + x + " != 0.0 || " + y + " != 0.0 ? 1.0 : 0.0)";
            case NOT: return "(" + x + " == 0.0 ? 1.0 : 0.0)";
            case SELECT: return "(" + x + " != 0.0 ? " + y + " : " + z + ")";
            default: throw new IllegalStateException("unknown operation " + op);
        }
    }

    /**
     * Java statements computing the given outputs (only the instructions they need, in order), each register as a
     * local {@code double r<i>}; register i < inputs is read from {@code inputExpr[i]}.
     */
    String javaStatements(String[] inputExpr, int... outputIndices) {
        boolean[] needed = new boolean[template.length];
        for (int k : outputIndices) needed[outputs[k]] = true;
        int[] producer = new int[template.length];
        Arrays.fill(producer, -1);
        for (int i = 0; i < op.length; i++) producer[dst[i]] = i;
        for (int i = op.length - 1; i >= 0; i--) {
            if (!needed[dst[i]]) continue;
            needed[a[i]] = true;
            if (b[i] >= 0) needed[b[i]] = true;
            if (op[i] == SELECT) needed[c[i]] = true;
        }
        StringBuilder sb = new StringBuilder();
        for (int reg = 0; reg < inputNames.length; reg++)
            if (needed[reg]) sb.append("final double r").append(reg).append(" = ").append(inputExpr[reg]).append(";\n");
        for (int reg = 0; reg < template.length; reg++)
            if (needed[reg] && isConstant[reg])
                sb.append("final double r").append(reg).append(" = ").append(javaLiteral(template[reg])).append(";\n");
        for (int i = 0; i < op.length; i++) {
            if (!needed[dst[i]]) continue;
            String z = op[i] == SELECT ? "r" + c[i] : null;
            sb.append("final double r").append(dst[i]).append(" = ")
                    .append(javaExpression(op[i], "r" + a[i], b[i] < 0 ? null : "r" + b[i], c[i], z)).append(";\n");
        }
        return sb.toString();
    }

    String outputRegister(int k) {
        return "r" + outputs[k];
    }

    static String javaLiteral(double v) {
        if (Double.isNaN(v)) return "Double.NaN";
        if (v == Double.POSITIVE_INFINITY) return "Double.POSITIVE_INFINITY";
        if (v == Double.NEGATIVE_INFINITY) return "Double.NEGATIVE_INFINITY";
        if (v == 0 && 1 / v < 0) return "(-0.0)";
        return "(" + Double.toString(v) + ")";
    }

    /** Builds a tape: inputs first, then constants and operations in any order (operands before results). */
    public static final class Builder {
        private final List<String> inputs = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();     // per register: constant value or 0
        private final List<Boolean> constant = new ArrayList<>();
        private final List<int[]> code = new ArrayList<>();         // {op, dst, a, b, c}
        private final Map<Long, Integer> constants = new HashMap<>();
        private final Map<List<Integer>, Integer> cse = new HashMap<>();
        private final List<Integer> outputs = new ArrayList<>();

        public int input(String name) {
            if (!code.isEmpty() || constant.contains(Boolean.TRUE))
                throw new IllegalStateException("declare inputs before anything else");
            inputs.add(name);
            values.add(0.0);
            constant.add(false);
            return inputs.size() - 1;
        }

        public int constant(double v) {
            long bits = Double.doubleToRawLongBits(v);
            Integer reg = constants.get(bits);
            if (reg != null) return reg;
            int r = values.size();
            values.add(v);
            constant.add(true);
            constants.put(bits, r);
            return r;
        }

        public boolean isConstant(int reg) {
            return constant.get(reg);
        }

        public double constantValue(int reg) {
            return values.get(reg);
        }

        public int op(int op, int x) {
            return op(op, x, -1, 0);
        }

        public int op(int op, int x, int y) {
            return op(op, x, y, 0);
        }

        /** Adds an operation (or returns the register of an equal one, or folds it if all operands are constant). */
        public int op(int op, int x, int y, int c) {
            if (op == ADD || op == MUL || op == MAX || op == MIN || op == EQ || op == NE || op == AND || op == OR) {
                if (y >= 0 && y < x) { int t = x; x = y; y = t; }  // commutative: one canonical operand order
            }
            boolean foldable = isConstant(x) && (y < 0 || isConstant(y)) && (op != SELECT || isConstant(c));
            if (foldable) {
                return constant(apply(op, values.get(x), y < 0 ? 0 : values.get(y), c,
                        op == SELECT ? values.get(c) : 0));
            }
            List<Integer> key = List.of(op, x, y, c);
            Integer found = cse.get(key);
            if (found != null) return found;
            int dst = values.size();
            values.add(0.0);
            constant.add(false);
            code.add(new int[]{op, dst, x, y, c});
            cse.put(key, dst);
            return dst;
        }

        public void output(int reg) {
            outputs.add(reg);
        }

        public int registers() {
            return values.size();
        }

        public Tape build() {
            int n = values.size();
            double[] template = new double[n];
            boolean[] isConst = new boolean[n];
            for (int i = 0; i < n; i++) {
                template[i] = values.get(i);
                isConst[i] = constant.get(i);
            }
            int m = code.size();
            int[] op = new int[m], dst = new int[m], a = new int[m], b = new int[m], c = new int[m];
            for (int i = 0; i < m; i++) {
                int[] ins = code.get(i);
                op[i] = ins[0]; dst[i] = ins[1]; a[i] = ins[2]; b[i] = ins[3]; c[i] = ins[4];
            }
            return new Tape(inputs.toArray(new String[0]), template, isConst, op, dst, a, b, c,
                    outputs.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
