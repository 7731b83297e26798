package depthlimit.claims;

import java.util.List;

final class InitClaims {
    private InitClaims() {}

    static List<Claim> claims() {
        return List.of();
    }
}
