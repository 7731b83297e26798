package depthlimit.cli;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A 128-bit name-based hash (RFC 4122 version 3) of a resolved configuration: the key under which finished work is
 * found again by {@code --resume}. It guards against accidents (a changed spec, scale, seed or version), not against
 * an adversary, which is all a resume key needs.
 */
final class Hashes {
    private Hashes() {}

    static String of(String canonical) {
        return UUID.nameUUIDFromBytes(canonical.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
