(* 07-euler.m — Euler consistency for the scalar linear ODE H' = a(s) H on [0, 1] (Prop 2 / Prop 11, claims 1-2):
   the ResNet value Prod_{k=1}^L (1 + a(k/L)/L) against exp(Integral a) has a 1/L leading error,
     Prod = exp(Integral a) (1 + c/L + O(1/L^2)),   c = (a(1) - a(0))/2 - (1/2) Integral_0^1 a^2.
   Why: log Prod = S1 - S2/2 + R with S1 = sum u_k, S2 = sum u_k^2, u_k = a(k/L)/L, |R| <= (8/3) sum |u_k|^3 = O(1/L^2);
   S1 = Integral a + (a(1) - a(0))/(2L) + O(1/L^2) (right-endpoint Riemann sum); L S2 = Integral a^2 + O(1/L).
   Checked exactly for a quadratic a(s) = a0 + a1 s + a2 s^2 (Faulhaber sums), then numerically for a = sin(3s) + s. *)

@def
  af[s_] := a0 + a1*s + a2*s^2;
  (* Symja's symbolic Sum needs the summand written out (not af[k/ll]) *)
  s1 = Sum[a0 + a1*k/ll + a2*k^2/ll^2, {k, 1, ll}]/ll;
  s2 = Sum[(a0 + a1*k/ll + a2*k^2/ll^2)^2, {k, 1, ll}]/ll^2;
  cc = (af[1] - af[0])/2 - Integrate[af[s]^2, {s, 0, 1}]/2

@check Taylor: log(1 + u) = u - u^2/2 + R(u), R''' = 2/(1 + u)^3 <= 16 for u >= -1/2 (1 + u >= 1/2), so |R(u)| <= 16 |u|^3/6
  Normal[Series[Log[1 + u], {u, 0, 2}]] == u - u^2/2 && D[Log[1 + u], u, u, u] == 2/(1 + u)^3 &&
    (2/(1 + u)^3 /. {u -> -1/2}) == 16 && Refine[1 + u >= 1/2, u >= -1/2]

@check S1 = Integral a + (a(1) - a(0))/(2L) + a2/(6 L^2) exactly (quadratic a)
  Simplify[s1 - Integrate[af[s], {s, 0, 1}] - (af[1] - af[0])/(2*ll) - a2/(6*ll^2)] == 0

@check L S2 - Integral a^2 has no constant term in 1/L (it is O(1/L))
  Coefficient[Expand[(ll*s2 - Integrate[af[s]^2, {s, 0, 1}]) /. {ll -> 1/h}], h, 0] == 0 &&
    Coefficient[Expand[(ll*s2 - Integrate[af[s]^2, {s, 0, 1}]) /. {ll -> 1/h}], h, -1] == 0

@check hence log Prod - Integral a = c/L + O(1/L^2) with c = (a(1) - a(0))/2 - (1/2) Integral a^2: the 1/L coefficient of S1 - S2/2
  Coefficient[Expand[(s1 - s2/2 - Integrate[af[s], {s, 0, 1}]) /. {ll -> 1/h}], h, 1] == Expand[cc] &&
    Coefficient[Expand[(s1 - s2/2 - Integrate[af[s], {s, 0, 1}]) /. {ll -> 1/h}], h, 0] == 0

@check and exp(Integral a + c/L + O(1/L^2)) = exp(Integral a)(1 + c/L + O(1/L^2))
  Normal[Series[E^(ia + c*h), {h, 0, 1}]] == E^ia + c*E^ia*h

@check constant a: (1 + a/L)^L = e^a (1 - a^2/(2L) + O(1/L^2)), the coefficient c = -a^2/2 of the formula
  Normal[Series[Log[1 + a*h]/h, {h, 0, 1}]] == a - a^2*h/2 && Simplify[(cc /. {a1 -> 0, a2 -> 0}) + a0^2/2] == 0

@timeout 120
@check numeric, a(s) = sin(3s) + s: e_L = L (Prod/exp(Integral a) - 1) - c is O(1/L): e_2000/e_1000 within 0.05 of 1/2, |e_1000| < 10/1000
  fa[s_] := Sin[3*s] + s;
  ia = Integrate[fa[s], {s, 0, 1}];
  cn = N[(fa[1] - fa[0])/2 - Integrate[fa[s]^2, {s, 0, 1}]/2];
  eL[lx_] := lx*(Product[1. + fa[1.*k/lx]/lx, {k, 1, lx}]/Exp[N[ia]] - 1) - cn;
  e1 = eL[1000]; e2 = eL[2000];
  Abs[e2/e1 - 1/2] < 1/20 && Abs[e1] < 10/1000
