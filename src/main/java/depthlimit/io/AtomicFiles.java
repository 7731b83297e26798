package depthlimit.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whole-file writes that are atomic: the bytes go to a temporary sibling named {@code .NAME.partial-…} and are
 * renamed onto {@code NAME} only once completely written. A reader therefore sees either the previous file, the
 * complete new one, or (after a crash or a kill) a file whose name says it is partial — never a truncated file
 * under the final name. On failure (disk full, I/O error) the temporary file is removed and the error rethrown.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Marker in the name of every temporary file; anything containing it is a partial write. */
    public static final String PARTIAL = ".partial-";

    /** Opens the temporary file for writing (replaceable in tests to simulate a full disk). */
    @FunctionalInterface
    public interface Opener {
        OutputStream open(Path tmp) throws IOException;
    }

    /** The real file system. */
    public static final Opener DISK = tmp -> Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private static final AtomicLong COUNTER = new AtomicLong();

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, DISK);
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), DISK);
    }

    public static void write(Path target, byte[] bytes, Opener opener) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + abs.getFileName() + PARTIAL + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
        try {
            try (OutputStream o = opener.open(tmp)) {
                o.write(bytes);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** True if the file name marks an unfinished atomic write. */
    public static boolean isPartial(Path p) {
        return p.getFileName() != null && p.getFileName().toString().contains(PARTIAL);
    }
}
