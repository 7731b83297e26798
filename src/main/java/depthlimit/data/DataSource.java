package depthlimit.data;

import java.util.Map;

/** Where the n samples come from: a generator with its seed, or files. Pure: same spec, same arrays. */
public interface DataSource {
    /** The spec name ("gaussian", "sphere", "teacher", "file"). */
    String name();

    /** The samples for a model with hidden width q (the "sphere" generator puts x on the sphere of radius √q). */
    Dataset create(int d, int dOut, int q);

    /** The resolved settings, defaults filled in. */
    Map<String, Object> describe();
}
