/** Facts about the initializations (Section 3, Appendix B.6) and the i.i.d. / smooth contrasts (claims 3, 4, 25, 26). */
package depthlimit.claims.init;
