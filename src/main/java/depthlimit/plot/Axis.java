package depthlimit.plot;

/**
 * One axis of a {@link Figure}: its label and whether it is logarithmic. On a logarithmic axis, points with a
 * non-positive coordinate cannot be drawn; renderers leave them out (the CSV keeps them).
 */
public record Axis(String label, boolean log) {
    public static Axis linear(String label) { return new Axis(label, false); }

    public static Axis log(String label) { return new Axis(label, true); }
}
