package depthlimit.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format (version 1.0 written; 1.0, 2.0 and 3.0 read), written here rather than taken from a
 * library: the format is a 10-byte preamble, a Python-literal header dict and the raw data.
 * Writes float64 little-endian C order. Reads float64/float32/int32/int64 of either byte order and C or Fortran
 * order, converting to a row-major double array.
 */
public final class Npy {
    private Npy() {}

    /** A loaded array: shape and row-major data. */
    public record Array(int[] shape, double[] data) {
        public String shapeString() {
            return shapeString(shape);
        }

        public static String shapeString(int[] shape) {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                if (i > 0) b.append(", ");
                b.append(shape[i]);
            }
            if (shape.length == 1) b.append(',');
            return b.append(')').toString();
        }
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Writes atomically (see {@link AtomicFiles}): a reader never sees a truncated array under {@code file}. */
    public static void write(Path file, double[] data, int... shape) throws IOException {
        AtomicFiles.write(file, bytes(data, shape));
    }

    /** The complete .npy encoding of a float64 C-order array. */
    public static byte[] bytes(double[] data, int... shape) {
        long count = 1;
        for (int s : shape) count *= s;
        if (count != data.length)
            throw new IllegalArgumentException("shape " + Array.shapeString(shape) + " holds " + count + " values, got " + data.length);
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + Array.shapeString(shape) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(total + 8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        buf.asDoubleBuffer().put(data);
        return buf.array();
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])(\\d)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads a .npy file; IOException messages say what is wrong with it. */
    public static Array read(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new IOException("not a regular file (a directory): " + file);
        if (Files.exists(file) && !Files.isRegularFile(file)) throw new IOException("not a regular file: " + file);
        if (Files.size(file) > Integer.MAX_VALUE - 64)
            throw new IOException("file of " + Files.size(file) + " bytes exceeds the .npy reader's limit of 2^31 bytes");
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC))
            throw new IOException("not a .npy file (bad magic)");
        int major = bytes[6];
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen, start;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(bb.getShort(8));
            start = 10;
        } else if (major == 2 || major == 3) {
            headerLen = bb.getInt(8);
            start = 12;
        } else throw new IOException("unsupported .npy version " + major);
        if (headerLen < 0 || start + headerLen > bytes.length) throw new IOException("truncated .npy header");
        String header = new String(bytes, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher md = DESCR.matcher(header), mf = FORTRAN.matcher(header), ms = SHAPE.matcher(header);
        if (!md.find()) throw new IOException("unsupported dtype in header " + header.trim() + " (expected float64, float32, int32 or int64)");
        if (!mf.find() || !ms.find()) throw new IOException("malformed .npy header " + header.trim());
        char order = md.group(1).charAt(0), kind = md.group(2).charAt(0);
        int size = Integer.parseInt(md.group(3));
        if (!(kind == 'f' && (size == 8 || size == 4)) && !(kind == 'i' && (size == 8 || size == 4)))
            throw new IOException("unsupported dtype " + md.group(1) + kind + size + " (expected float64, float32, int32 or int64)");
        boolean fortran = mf.group(1).equals("True");
        List<Integer> dims = new ArrayList<>();
        long count = 1;
        for (String part : ms.group(1).split(",")) {
            String t = part.trim();
            if (t.isEmpty()) continue;
            if (!t.matches("\\d{1,18}"))
                throw new IOException("malformed shape (" + ms.group(1).trim() + "): expected non-negative integers, got \"" + t + "\"");
            long dim = Long.parseLong(t);
            if (dim > Integer.MAX_VALUE)
                throw new IOException("shape (" + ms.group(1).trim() + ") declares a dimension of " + dim + ", beyond the limit 2^31 − 1");
            dims.add((int) dim);
            count *= dim; // both factors ≤ 2^31 − 1, so the product fits a long
            if (count > Integer.MAX_VALUE)
                throw new IOException("shape (" + ms.group(1).trim() + ") declares more than 2^31 − 1 elements, beyond this reader's limit");
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        int dataStart = start + headerLen;
        if (bytes.length - dataStart < count * size)
            throw new IOException("truncated data: shape " + Array.shapeString(shape) + " needs " + count * size
                    + " bytes, file has " + (bytes.length - dataStart));
        if (bytes.length - dataStart > count * size)
            throw new IOException((bytes.length - dataStart - count * size) + " trailing bytes after the data of shape "
                    + Array.shapeString(shape) + " (expected exactly " + count * size + " data bytes)");
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart)
                .order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[(int) count];
        for (int i = 0; i < count; i++) {
            int p = dataStart + i * size;
            out[i] = kind == 'f' ? (size == 8 ? data.getDouble(p) : data.getFloat(p))
                    : (size == 8 ? data.getLong(p) : data.getInt(p));
        }
        if (fortran && shape.length > 1) out = fortranToC(out, shape);
        return new Array(shape, out);
    }

    private static double[] fortranToC(double[] f, int[] shape) {
        double[] c = new double[f.length];
        int nd = shape.length;
        int[] idx = new int[nd];
        for (int lin = 0; lin < f.length; lin++) {
            // lin is the C-order index; compute the Fortran-order offset of the same multi-index
            int rem = lin;
            for (int k = nd - 1; k >= 0; k--) { idx[k] = rem % shape[k]; rem /= shape[k]; }
            int off = 0, stride = 1;
            for (int k = 0; k < nd; k++) { off += idx[k] * stride; stride *= shape[k]; }
            c[lin] = f[off];
        }
        return c;
    }
}
