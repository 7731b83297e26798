package depthlimit.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyJsonTest {
    @TempDir
    Path dir;

    @Test
    void npyRoundTripIsBitExact() throws Exception {
        double[] data = {1.5, -0.0, Double.MIN_VALUE, Math.PI, 1e300, -7, 0.1, 2, 3, 4, 5, 6};
        Path f = dir.resolve("a.npy");
        Npy.write(f, data, 2, 3, 2);
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new int[]{2, 3, 2}, a.shape());
        for (int i = 0; i < data.length; i++) assertEquals(Double.doubleToRawLongBits(data[i]), Double.doubleToRawLongBits(a.data()[i]));
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(0, (bytes.length - 12 * 8) % 64, "header padded to 64 bytes as NumPy does");
        String header = new String(bytes, 10, bytes.length - 10 - 96, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3, 2), }"), header);
    }

    /** Bytes as NumPy 2 writes np.arange(6, dtype='>f4').reshape(2,3,order='F'): big-endian float32, Fortran order. */
    @Test
    void readsOtherDtypesAndFortranOrder() throws Exception {
        String dict = "{'descr': '>f4', 'fortran_order': True, 'shape': (2, 3), }";
        int total = 128;
        String header = dict + " ".repeat(total - 10 - dict.length() - 1) + "\n";
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(total + 24).order(java.nio.ByteOrder.BIG_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.put((byte) (header.length() & 0xFF)).put((byte) (header.length() >> 8));
        b.put(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        // C-order values 0..5 of a (2,3) array stored column-major: 0,3,1,4,2,5
        for (float v : new float[]{0, 3, 1, 4, 2, 5}) b.putFloat(v);
        Path f = dir.resolve("f.npy");
        Files.write(f, b.array());
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new int[]{2, 3}, a.shape());
        assertArrayEquals(new double[]{0, 1, 2, 3, 4, 5}, a.data(), 0.0);
    }

    @Test
    void rejectsNonNpyAndTruncatedFiles() throws Exception {
        Path f = dir.resolve("bad.npy");
        Files.writeString(f, "hello world, not numpy");
        assertThrows(java.io.IOException.class, () -> Npy.read(f));
        Npy.write(f, new double[]{1, 2, 3, 4}, 4);
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        assertThrows(java.io.IOException.class, () -> Npy.read(f));
    }

    @Test
    void jsonRoundTripKeepsEveryDoubleBitExact() throws Exception {
        double[] xs = {0.1, 1.0 / 3, Math.PI * 1e-300, 123456789.123456789, -0.0, 5e-324, 1e21};
        String text = Json.write(Map.of("xs", xs));
        @SuppressWarnings("unchecked")
        List<Double> back = (List<Double>) ((Map<String, Object>) Json.parse(text)).get("xs");
        for (int i = 0; i < xs.length; i++)
            assertEquals(Double.doubleToRawLongBits(xs[i]), Double.doubleToRawLongBits(back.get(i)), "x = " + xs[i]);
    }

    @Test
    void jsonErrorsNameLineAndColumnAndDuplicates() {
        Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse("{\n  \"a\": 1,\n  \"a\": 2\n}"));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("duplicate key"), e.getMessage());
        e = assertThrows(Json.ParseException.class, () -> Json.parse("{\"a\": [1, 2,]}"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertThrows(Json.ParseException.class, () -> Json.parse("{\"a\": NaN}"));
    }

    /**
     * Maps without an order of their own (Map.of salts its iteration order per JVM run) are written by key, so the
     * same values give the same bytes in every run; maps with an order keep it.
     */
    @Test
    void unorderedMapsAreWrittenByKey() {
        Map<String, Object> unordered = Map.of("t_b", 2.0, "t_a", 1.0, "from", 3.0, "zeta", 4.0, "alpha", 5.0);
        assertEquals(Json.write(new java.util.TreeMap<>(unordered)), Json.write(unordered));
        java.util.LinkedHashMap<String, Object> inserted = new java.util.LinkedHashMap<>();
        inserted.put("zeta", 1.0);
        inserted.put("alpha", 2.0);
        assertTrue(Json.write(inserted).indexOf("zeta") < Json.write(inserted).indexOf("alpha"), Json.write(inserted));
    }
}
