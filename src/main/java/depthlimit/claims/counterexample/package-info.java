/** Appendix D: ReLU breaks the implicit regularization; a smooth σ on the same problem does not (claims 23, 24). */
package depthlimit.claims.counterexample;
