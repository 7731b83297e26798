package depthlimit.cli;

import depthlimit.InputError;
import depthlimit.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The one rule for every command's {@code --out DIR} (train, grad, check, verify, and any command added later):
 * <ul>
 *   <li>DIR must be a non-empty path naming a directory (or nothing yet); a file, an empty string or an unwritable
 *       place is refused (exit 2, one line);</li>
 *   <li>a new or empty DIR is used as is;</li>
 *   <li>a DIR holding the output of the <em>same</em> command (it carries the marker file {@value #MARKER}) is
 *       replaced whole, or, with {@code --resume}, kept for the run to continue;</li>
 *   <li>any other non-empty DIR — another command's output, or files this tool did not write — is refused: two runs
 *       are never mixed, and nothing that is not ours is ever deleted.</li>
 * </ul>
 * Unfinished atomic writes ({@link AtomicFiles#PARTIAL}) left by a killed run are removed on resume.
 */
public final class OutputDir {
    private OutputDir() {}

    /** Marker file naming the command that owns the directory. */
    public static final String MARKER = ".depthlimit-run";

    /**
     * Validates and prepares {@code out} for {@code command}; returns it. With {@code resume}, an existing directory
     * of the same command is kept.
     */
    public static Path prepare(Path out, String command, boolean resume) {
        if (out == null || out.toString().isBlank())
            throw new InputError("--out", "expected a directory path, got an empty string");
        Path dir;
        try {
            dir = out.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InputError("--out", "not a valid path: " + e.getMessage());
        }
        if (Files.exists(dir) && !Files.isDirectory(dir))
            throw new InputError("--out", out + " exists and is not a directory (expected a new or empty directory, or one of 'depthlimit " + command + "')");
        try {
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                String owner = owner(dir);
                if (owner == null)
                    throw new InputError("--out", out + " is not empty and was not written by depthlimit (expected a new or empty directory; nothing there is touched)");
                if (!owner.equals(command))
                    throw new InputError("--out", out + " holds the output of 'depthlimit " + owner + "', not '" + command
                            + "' (runs are never mixed: choose another directory or remove it)");
                if (resume) removePartials(dir);
                else clear(dir);
            }
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(MARKER), "depthlimit output directory\ncommand=" + command + "\n");
        } catch (AccessDeniedException e) {
            throw new InputError("--out", "cannot write to " + out + ": permission denied (" + e.getFile() + ")");
        } catch (IOException e) {
            throw new InputError("--out", "cannot write to " + out + ": " + describe(e));
        }
        return dir;
    }

    /** The command that owns {@code dir}, or null if it carries no marker. */
    public static String owner(Path dir) throws IOException {
        Path m = dir.resolve(MARKER);
        if (!Files.isRegularFile(m)) return null;
        for (String line : Files.readAllLines(m))
            if (line.startsWith("command=")) return line.substring("command=".length()).trim();
        return null;
    }

    static String describe(IOException e) {
        String msg = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f)
            msg = (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT))
                    + " (" + f.getFile() + ")";
        return msg == null ? e.getClass().getSimpleName() : msg;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Deletes everything inside {@code dir} (not following symbolic links), keeping {@code dir}. */
    private static void clear(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                if (!d.equals(dir)) Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void removePartials(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (AtomicFiles.isPartial(file)) Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                if (!d.equals(dir) && AtomicFiles.isPartial(d)) clear(d);
                if (!d.equals(dir) && AtomicFiles.isPartial(d)) Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
