/** Hermite coefficients and the paper's constants, from the symbolic layer (claims 19, 20). */
package depthlimit.claims.symbolic;
