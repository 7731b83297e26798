package depthlimit;

/**
 * A user mistake in a spec, a file or a command line: reported as one line naming the field and what was
 * expected, exit code 2, never a stack trace.
 */
public final class InputError extends RuntimeException {
    private final String field;

    public InputError(String field, String message) {
        super(field == null || field.isEmpty() ? message : field + ": " + message);
        this.field = field;
    }

    /** The spec field or option at fault, e.g. "model.depth" ("" when it concerns the whole input). */
    public String field() { return field; }
}
