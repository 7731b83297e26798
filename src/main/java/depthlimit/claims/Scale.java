package depthlimit.claims;

/** Problem sizes: {@code ci} runs the whole catalogue in minutes on 2 cores; {@code paper} uses the paper's sizes. */
public enum Scale {
    CI("ci"), PAPER("paper");

    private final String label;

    Scale(String label) { this.label = label; }

    public String label() { return label; }

    public static Scale of(String s) {
        for (Scale x : values()) if (x.label.equals(s)) return x;
        return null;
    }

    /** Picks the value for this scale. */
    public <T> T pick(T ci, T paper) { return this == CI ? ci : paper; }

    public int pick(int ci, int paper) { return this == CI ? ci : paper; }

    public double pick(double ci, double paper) { return this == CI ? ci : paper; }
}
