(* 06-appendix-d.m — Appendix D's ReLU counter-example (Appendix D, claim 23; the printed flow differs by a time rescaling).
   Depth 2L, one sample (x, C x) with C > 1 (here cc > 1), even weights all equal to w; the flow stops at
   w* with (1 + w*/(2L))^L = C, w* = 2L(C^{1/L} - 1) >= 2 log C, and w* -> 2 log C as L -> infinity.
   ll = L. Symja's Limit[2 L (C^{1/L} - 1), L -> Infinity] answers Indeterminate (wrong), so the limit is
   taken in h = 1/L -> 0. *)

@def
  wstar = 2*ll*(cc^(1/ll) - 1);
  phi = E^u - 1 - u

@check w* solves (1 + w/(2L))^L = C (for C > 0, L > 0)
  PowerExpand[(1 + wstar/(2*ll))^ll] == cc

@check C^{1/L} = e^{u} with u = log(C)/L, so w* = 2L(e^u - 1) and 2 log C = 2L u
  Simplify[cc^(1/ll) - E^(Log[cc]/ll), cc > 0] == 0 && Simplify[2*ll*(Log[cc]/ll) - 2*Log[cc]] == 0

@check e^u - 1 - u >= 0 for all real u: it is 0 with zero slope at u = 0 and convex (second derivative e^u > 0); hence w* - 2 log C = 2L(e^u - 1 - u) >= 0
  (phi /. {u -> 0}) == 0 && (D[phi, u] /. {u -> 0}) == 0 && D[phi, {u, 2}] == E^u && Refine[Positive[E^u], Element[u, Reals]] &&
    Simplify[wstar - 2*Log[cc] - 2*ll*(phi /. {u -> Log[cc]/ll}), cc > 0 && ll > 0] == 0

@check w* -> 2 log C as L -> infinity (h = 1/L -> 0)
  Limit[2*(cc^h - 1)/h, h -> 0] == 2*Log[cc]

@check w* = 2 log C + log(C)^2/L + O(1/L^2)
  Normal[Series[2*(cc^h - 1)/h, {h, 0, 1}]] == 2*Log[cc] + Log[cc]^2*h

@check the exact gradient (corrected): for l = (x Prod_j (1 + w_j/(2L)) - C x)^2, -dl/dw_1 = (x^2/L)(C - Prod) Prod_{j != 1} (L = 3)
  prod = (1 + w1/6)*(1 + w2/6)*(1 + w3/6);
  Simplify[-D[(x*prod - cc*x)^2, w1] - (x^2/3)*(cc - prod)*(1 + w2/6)*(1 + w3/6)] == 0

@check the printed ODE dw/dt = 2x(C - Prod)Prod_{j != k} equals -dl/dw_k times 2L/x (a time rescaling and a missing x; w* unchanged)
  prod = (1 + w1/6)*(1 + w2/6)*(1 + w3/6);
  Simplify[2*x*(cc - prod)*(1 + w2/6)*(1 + w3/6) - (2*3/x)*(-D[(x*prod - cc*x)^2, w1])] == 0

@check L = 3, C = 8: the gradient (x^2/L)(C - (1 + w/6)^3)(1 + w/6)^2 vanishes for w > -6 only at w = w* = 6: (1 + w/6)^3 - 8 = (w - 6)(w^2 + 24w + 252)/216 and the quadratic has no real root
  (wstar /. {ll -> 3, cc -> 8}) == 6 && Expand[(1 + w/6)^3 - 8 - (w - 6)*(w^2 + 24*w + 252)/216] == 0 && 24^2 - 4*252 < 0
