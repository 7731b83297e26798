/** Proposition 3 and Figure 1 (left): successive differences of trained weights are O(1/L). */
package depthlimit.claims.regularity;
