package depthlimit.cli;

import depthlimit.io.Npy;
import depthlimit.model.Architecture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Writes parameter vectors as the four paper-orientation .npy arrays. */
final class Outputs {
    private Outputs() {}

    /**
     * Writes {@code dir/name/{A,V,W,B}.npy} as a unit: into a partial directory first, renamed when all four are
     * written, so a snapshot directory under its final name is always complete.
     */
    static void writeSnapshot(Path dir, String name, Architecture a, double[] theta) throws IOException {
        Path target = dir.resolve(name), tmp = dir.resolve("." + name + depthlimit.io.AtomicFiles.PARTIAL + ProcessHandle.current().pid());
        TrainCommand.deleteTree(tmp);
        writeParameters(tmp, a, theta);
        TrainCommand.deleteTree(target);
        java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static void writeParameters(Path dir, Architecture a, double[] theta) throws IOException {
        int L = a.L(), q = a.q(), m = a.m();
        Npy.write(dir.resolve("A.npy"), Arrays.copyOfRange(theta, a.offA(), a.offV()), q, a.d());
        Npy.write(dir.resolve("V.npy"), Arrays.copyOfRange(theta, a.offV(), a.offW()), L, q, m);
        Npy.write(dir.resolve("W.npy"), Arrays.copyOfRange(theta, a.offW(), a.offB()), L, m, q);
        Npy.write(dir.resolve("B.npy"), Arrays.copyOfRange(theta, a.offB(), a.size()), a.dOut(), q);
    }
}
