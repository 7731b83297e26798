package depthlimit.init;

import depthlimit.InputError;
import depthlimit.io.Npy;
import depthlimit.model.Architecture;
import depthlimit.model.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A, V, W, B read from .npy files in paper orientation: A (q,d), V (L,q,m), W (L,m,q), B (d′,q). */
public record FromFiles(Path a, Path v, Path w, Path b) implements InitScheme {
    public String name() { return "file"; }

    public Parameters create(Architecture arch) {
        Parameters p = new Parameters(arch);
        p.setA(load("init.A", a, arch.q(), arch.d()));
        p.setV(load("init.V", v, arch.L(), arch.q(), arch.m()));
        p.setW(load("init.W", w, arch.L(), arch.m(), arch.q()));
        p.setB(load("init.B", b, arch.dOut(), arch.q()));
        return p;
    }

    static double[] load(String field, Path file, int... shape) {
        Npy.Array arr;
        try {
            arr = Npy.read(file);
        } catch (IOException e) {
            throw new InputError(field, "cannot read " + file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        if (!java.util.Arrays.equals(arr.shape(), shape))
            throw new InputError(field, "expected shape " + Npy.Array.shapeString(shape) + ", got "
                    + arr.shapeString() + " in " + file);
        for (double x : arr.data())
            if (!Double.isFinite(x)) throw new InputError(field, "contains NaN or Inf in " + file);
        return arr.data();
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", name());
        m.put("A", a.toString());
        m.put("V", v.toString());
        m.put("W", w.toString());
        m.put("B", b.toString());
        return m;
    }
}
