package depthlimit.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Numeric CSV matrices (one sample per row, comma separated, an optional non-numeric header row). */
public final class Csv {
    private Csv() {}

    public static Npy.Array read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<double[]> rows = new ArrayList<>();
        int cols = -1;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] parts = line.split(",", -1);
            double[] row = new double[parts.length];
            try {
                for (int j = 0; j < parts.length; j++) row[j] = Double.parseDouble(parts[j].trim());
            } catch (NumberFormatException e) {
                if (rows.isEmpty() && cols < 0) { cols = parts.length; continue; } // header row
                throw new IOException("line " + (ln + 1) + ": not a number: " + e.getMessage());
            }
            if (cols >= 0 && row.length != cols)
                throw new IOException("line " + (ln + 1) + ": " + row.length + " columns, expected " + cols);
            cols = row.length;
            rows.add(row);
        }
        if (rows.isEmpty()) throw new IOException("no numeric rows");
        double[] data = new double[rows.size() * cols];
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, data, i * cols, cols);
        return new Npy.Array(new int[]{rows.size(), cols}, data);
    }

    /** Reads .npy or .csv by extension. */
    public static Npy.Array readMatrix(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv")) return read(file);
        return Npy.read(file);
    }
}
