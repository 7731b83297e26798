package depthlimit.plot;

/**
 * A plot as plain data (no drawing library here): a {@link Figure} of curves or a {@link HeatMap}. Claims attach plots
 * to their evidence; the report renders them and writes {@link #csv()} beside each image.
 */
public sealed interface Plot permits Figure, HeatMap {
    /** A file-name stem, unique within one claim: letters, digits, '-' and '_' only. */
    String name();

    String title();

    /** One or two sentences telling the reader what to look for (may be empty). */
    String caption();

    /** The plotted data, one point per line with a header; the exact numbers of the evidence (Java's shortest repr). */
    String csv();

    static String checkName(String name) {
        if (!name.matches("[A-Za-z0-9_-]+")) throw new IllegalArgumentException("plot name \"" + name + "\": letters, digits, '-', '_' only");
        return name;
    }
}
