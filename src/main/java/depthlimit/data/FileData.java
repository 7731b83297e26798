package depthlimit.data;

import depthlimit.InputError;
import depthlimit.io.Csv;
import depthlimit.io.Npy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** X (n,d) and Y (n,d′) from .npy or .csv files. */
public record FileData(Path x, Path y) implements DataSource {
    public String name() { return "file"; }

    public Dataset create(int d, int dOut, int q) {
        Npy.Array xa = load("data.x", x), ya = load("data.y", y);
        int n = xa.shape()[0];
        if (xa.shape().length != 2 || xa.shape()[1] != d)
            throw new InputError("data.x", "expected shape (n, " + d + ") (model.input = " + d + "), got " + xa.shapeString());
        if (ya.shape().length != 2 || ya.shape()[1] != dOut || ya.shape()[0] != n)
            throw new InputError("data.y", "expected shape (" + n + ", " + dOut + ") (n from data.x, model.output = "
                    + dOut + "), got " + ya.shapeString());
        if (n < 1) throw new InputError("data.x", "no samples");
        return new Dataset(n, d, dOut, xa.data(), ya.data());
    }

    private static Npy.Array load(String field, Path file) {
        Npy.Array a;
        try {
            a = Csv.readMatrix(file);
        } catch (IOException e) {
            throw new InputError(field, "cannot read " + file + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        if (a.shape().length == 1) a = new Npy.Array(new int[]{a.shape()[0], 1}, a.data());
        for (double v : a.data())
            if (!Double.isFinite(v)) throw new InputError(field, "contains NaN or Inf in " + file);
        return a;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", name());
        m.put("x", x.toString());
        m.put("y", y.toString());
        return m;
    }
}
