package depthlimit.symbolic;

import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs the Symja scripts of {@code proofs/} (the issue's list: backpropagation vs D, the adjoint sign, the PL
 * constants, PL ⇒ exponential decay, Prop 7's Grönwall step, Appendix D's w*, Euler consistency, Lemma 20's
 * exponent, Hermite coefficients). One fresh evaluator per file (definitions never leak between files); every
 * check must evaluate to the symbol True.
 *
 * <p>File format ({@code docs/symbolic.md}): Symja comments {@code (* ... *)} anywhere; a line
 * {@code @def} starts a block of definitions (Symja statements separated by {@code ;}, value ignored); a line
 * {@code @check <name>} starts a check whose Symja input runs to the next {@code @} line and must evaluate to True;
 * {@code @timeout <seconds>} sets the time limit of the following checks (default {@value #DEFAULT_TIMEOUT} s).
 */
public final class ProofRunner {
    private ProofRunner() {}

    public static final double DEFAULT_TIMEOUT = 60;

    /** One check's outcome; {@code result} is "True" or the expression (or error) it reduced to. */
    public record Row(String file, String name, boolean passed, String result, double seconds) {}

    /** Every {@code *.m} file of the default directory, in name order. */
    public static List<Row> runAll() {
        return runAll(defaultDirectory());
    }

    public static List<Row> runAll(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".m")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage());
        }
        List<Row> rows = new ArrayList<>();
        for (Path f : files) rows.addAll(run(f));
        return rows;
    }

    /**
     * The proofs directory: the system property {@code depthlimit.proofs}, else {@code proofs/} next to the
     * directory holding the jar or classes (the project root), else the copy of {@code proofs/} built into the jar
     * (resources under {@code depthlimit/proofs/}, extracted to a temporary directory), so that a jar copied away from
     * the project still checks the proofs it was built with; else {@code ./proofs}.
     */
    public static Path defaultDirectory() {
        String prop = System.getProperty("depthlimit.proofs");
        if (prop != null) return Path.of(prop);
        Path code = null;
        try {
            code = Path.of(ProofRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                Path candidate = p.resolve("proofs");
                if (Files.isDirectory(candidate)) return candidate;
            }
        } catch (URISyntaxException | SecurityException | NullPointerException | java.nio.file.FileSystemNotFoundException ignored) {
            // fall through
        }
        Path bundled = code == null ? null : bundled(code);
        return bundled != null ? bundled : Path.of("proofs");
    }

    /** The scripts built into the jar (or the classes directory) at {@code code}, as a directory; null if there are none. */
    static Path bundled(Path code) {
        try {
            if (Files.isDirectory(code)) {
                Path d = code.resolve(BUNDLED);
                return Files.isDirectory(d) ? d : null;
            }
            try (java.nio.file.FileSystem jar = java.nio.file.FileSystems.newFileSystem(code)) {
                Path d = jar.getPath(BUNDLED);
                if (!Files.isDirectory(d)) return null;
                Path out = Files.createTempDirectory("depthlimit-proofs");
                out.toFile().deleteOnExit();
                try (Stream<Path> s = Files.list(d)) {
                    for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".m")).toList()) {
                        Path t = out.resolve(f.getFileName().toString());
                        Files.copy(f, t);
                        t.toFile().deleteOnExit();
                    }
                }
                return out;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Where the build puts a copy of {@code proofs/} inside the jar. */
    static final String BUNDLED = "depthlimit/proofs";

    /** A parsed block of a script. */
    record Block(boolean check, String name, String body, double timeout, int line) {}

    static List<Block> parse(String text) {
        String src = stripComments(text);
        List<Block> blocks = new ArrayList<>();
        String[] lines = src.split("\n", -1);
        boolean check = false, inBlock = false;
        String name = null;
        double timeout = DEFAULT_TIMEOUT;
        int start = 0;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "@end";
            String t = line.strip();
            if (t.startsWith("@")) {
                if (inBlock) blocks.add(new Block(check, name, body.toString().strip(), timeout, start));
                body.setLength(0);
                inBlock = false;
                if (t.equals("@def")) {
                    check = false; name = "definitions"; inBlock = true; start = i + 1;
                } else if (t.startsWith("@check")) {
                    check = true; name = t.substring("@check".length()).strip(); inBlock = true; start = i + 1;
                    if (name.isEmpty()) throw new IllegalArgumentException("line " + (i + 1) + ": @check needs a name");
                } else if (t.startsWith("@timeout")) {
                    try {
                        timeout = Double.parseDouble(t.substring("@timeout".length()).strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": @timeout needs a number of seconds");
                    }
                } else if (!t.equals("@end")) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": unknown directive " + t);
                }
            } else if (inBlock) {
                body.append(line).append('\n');
            } else if (!t.isEmpty()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": text outside a block (start one with @def or @check)");
            }
        }
        return blocks;
    }

    /** Removes (* ... *) comments (nested), keeping line breaks so line numbers stay meaningful. */
    static String stripComments(String s) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (depth == 0 && c == '"') inString = !inString;
            if (!inString && c == '(' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                depth++;
                i++;
                continue;
            }
            if (!inString && depth > 0 && c == '*' && i + 1 < s.length() && s.charAt(i + 1) == ')') {
                depth--;
                i++;
                continue;
            }
            if (depth == 0 || c == '\n') out.append(c);
        }
        return out.toString();
    }

    /** Runs one script; a script that cannot be read or parsed gives one failed row. */
    public static List<Row> run(Path file) {
        String name = file.getFileName().toString();
        List<Block> blocks;
        try {
            blocks = parse(Files.readString(file));
        } catch (IOException | IllegalArgumentException e) {
            return List.of(new Row(name, "(file)", false, "cannot read: " + e.getMessage(), 0));
        }
        return Symja.callFresh(ev -> {
            List<Row> rows = new ArrayList<>();
            for (Block b : blocks) {
                long t0 = System.nanoTime();
                String result;
                boolean ok;
                try {
                    IExpr r = evaluate(ev, b);
                    ok = b.check() ? r == S.True : true;
                    result = b.check() ? (ok ? "True" : (r == S.$Aborted ? "timed out after " + fmt(b.timeout()) + " s" : "did not reduce to True: " + SymjaUtil.show(r, 600))) : "ok";
                } catch (RuntimeException | StackOverflowError e) {
                    ok = false;
                    result = "error: " + SymjaUtil.show(org.matheclipse.core.expression.F.stringx(String.valueOf(e.getMessage())), 300);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                if (b.check() || !ok) rows.add(new Row(name, b.check() ? b.name() : "@def at line " + b.line(), ok, result, secs));
                if (!b.check() && !ok) break;   // later checks depend on the definitions
            }
            return rows;
        });
    }

    private static IExpr evaluate(ExprEvaluator ev, Block b) {
        if (!b.check()) return ev.eval(b.body());
        return ev.eval("TimeConstrained[(" + b.body() + "), " + fmt(b.timeout()) + "]");
    }

    private static String fmt(double s) {
        return String.format(Locale.ROOT, "%.0f", s);
    }
}
