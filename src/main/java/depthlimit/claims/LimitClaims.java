package depthlimit.claims;

import java.util.List;

final class LimitClaims {
    private LimitClaims() {}

    static List<Claim> claims() {
        return List.of();
    }
}
