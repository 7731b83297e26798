package depthlimit.claims;

import java.util.function.Function;

/**
 * A checkable statement of the paper as data: id, the digest §9 item it covers, title, the paper reference, its
 * hypotheses, the quantity measured, the behaviour predicted, and a short check.
 */
public record Claim(String id, int digestItem, String title, String reference, String hypotheses, String measured,
                    String predicted, Function<Context, Outcome> check) {
    /** What a check gets: the scale and the seed every random choice flows from. */
    public record Context(Scale scale, long seed) {}
}
