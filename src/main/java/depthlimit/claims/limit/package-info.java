/**
 * The large-depth limit (claims 1, 2, 9–12, 22): the ResNet (3) as the Euler scheme of the neural ODE (6)
 * (Propositions 2, 11), the convergence of its gradient-flow training as L → ∞ (Theorem 4), against the
 * continuous-depth training system of Appendix A.5 solved directly, and the double limit t, L → ∞ (Theorem 6,
 * Proposition 15).
 *
 * <p>Common conventions. Rates are fitted by {@link depthlimit.limit.RateFit} on h = 1/L over the finer depths only (coarser ones are
 * listed as dropped, pre-asymptotic); "X = O(1/L)" is CONFIRMED when the slope is in {@link depthlimit.claims.Tolerance#RATE_1_OVER_L}
 * (a rate, not pre-asymptotic) and L·X converges as L doubles ({@link depthlimit.limit.CauchyRatios}, last ratio in
 * {@link depthlimit.claims.Tolerance#CAUCHY_RATIO}: the O(1/L) correction of L·X at the finest doubling). Training is the gradient flow (4) itself, integrated
 * by Hipparchus dp853; π = id (Theorem 14 allows it whenever the flow exists on [0, T], which a completed run shows).
 */
package depthlimit.claims.limit;
