/** The Polyak–Łojasiewicz side: Definition 1, Proposition 5 and its proof, Lemmas 20–21, Theorem 6 (claims 15–18, 21). */
package depthlimit.claims.pl;
