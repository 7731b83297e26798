/** The backward equations (13)–(16) and the gradient-flow identity dℓ/dt = −G (claims 13, 14). */
package depthlimit.claims.errata;
