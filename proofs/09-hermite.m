(* 09-hermite.m — Hermite coefficients (Lemma 21, claim 19): the orthonormal probabilists' basis
   h_r(x) = (-1)^r e^{x^2/2} d^r/dx^r e^{-x^2/2} / Sqrt[r!], eta_r(s) = E[s(Z) h_r(Z)], Z ~ N(0,1).
   Gaussian integration by parts (Stein): since h_r phi = (-1)^r phi^{(r)}/Sqrt[r!] (Rodrigues), r integrations by
   parts give eta_r = E[s^{(r)}(Z)]/Sqrt[r!] whenever s^{(j)} phi -> 0 at +-infinity (polynomially bounded derivatives).
   GELU: eta_1 = 1/2 and eta_3 = 0 exactly (in fact eta_r = 0 for every odd r >= 3: GELU(x) - x/2 is even).
   tanh: odd, so every even eta_r is 0. *)

@def
  hr[r_, x_] := Expand[2^(-r/2)*HermiteH[r, x/Sqrt[2]]]/Sqrt[r!];
  phi[x_] := E^(-x^2/2)/Sqrt[2*Pi];
  (* E[p(Z)] for a polynomial p, from the moments E[Z^j] = (j-1)!! (j even), 0 (j odd) *)
  moment[j_] := If[OddQ[j], 0, (j - 1)!!];
  gauss[p_] := Module[{cl = CoefficientList[Expand[p], x]}, Sum[cl[[j + 1]]*moment[j], {j, 0, Length[cl] - 1}]];
  gelu = x*(1 + Erf[x/Sqrt[2]])/2

@check Rodrigues: h_r(x) phi(x) = (-1)^r phi^(r)(x)/Sqrt[r!] for r = 0..6
  And @@ Table[Simplify[hr[r, x]*phi[x] - (-1)^r*Nest[D[#, x] &, phi[x], r]/Sqrt[r!]] == 0, {r, 0, 6}]

@check the moment formula, once by Symja's Integrate: E[Z^4] = 3
  Integrate[x^4*phi[x], {x, -Infinity, Infinity}] == 3 && moment[4] == 3 && moment[6] == 15 && moment[5] == 0

@check orthonormality: E[h_r h_s] = delta_rs for r, s = 0..5
  Table[gauss[hr[r, x]*hr[s2, x]], {r, 0, 5}, {s2, 0, 5}] == IdentityMatrix[6]

@check h_r has the parity of r (r = 0..6), so eta_r(s) = 0 for even r when s is odd and for odd r when s is even
  And @@ Table[Expand[hr[r, -x] - (-1)^r*hr[r, x]] == 0, {r, 0, 6}]

@check tanh is odd: eta_0 = eta_2 = eta_4 = eta_6 = 0
  Tanh[-x] + Tanh[x] == 0

@check GELU: s' = Phi + x phi, and Phi(x) + Phi(-x) = 1, so E[Phi(Z)] = 1/2; E[Z phi(Z)] = 0 (odd): eta_1 = E[s'(Z)] = 1/2
  Simplify[D[gelu, x] - ((1 + Erf[x/Sqrt[2]])/2 + x*phi[x])] == 0 &&
    Simplify[(1 + Erf[x/Sqrt[2]])/2 + (1 + Erf[-x/Sqrt[2]])/2] == 1 && Simplify[(-x)*phi[-x] + x*phi[x]] == 0

@check Stein for r = 1 and GELU: s x phi - s' phi = -(s phi)', and |s phi| = x Phi(x) phi(x) <= |x| phi(x) -> 0 at both ends (0 <= Phi <= 1), so E[s(Z) Z] = E[s'(Z)]
  Simplify[PowerExpand[D[gelu*phi[x], x] - (D[gelu, x]*phi[x] - x*gelu*phi[x])]] == 0 &&
    Limit[x*phi[x], x -> Infinity] == 0 && Limit[x*phi[x], x -> -Infinity] == 0

@check GELU: s''' = x (x^2 - 4) phi(x), an odd function, so eta_3 = E[s'''(Z)]/Sqrt[6] = 0 exactly
  Simplify[D[gelu, x, x, x] - x*(x^2 - 4)*phi[x]] == 0 && Simplify[((x*(x^2 - 4)*phi[x]) /. {x -> -x}) + x*(x^2 - 4)*phi[x]] == 0

@check GELU(x) - x/2 = x Erf(x/Sqrt2)/2 is even, so eta_r(GELU) = eta_r(x/2) = 0 for every odd r >= 3
  Simplify[(gelu - x/2) - ((gelu - x/2) /. {x -> -x})] == 0

@check GELU eta_2 = E[s''(Z)]/Sqrt[2] = 3/(4 Sqrt[2 Pi]) (s'' = (2 - x^2) phi; E[phi(Z)] = 1/(2 Sqrt Pi), E[Z^2 phi(Z)] = 1/(4 Sqrt Pi))
  Simplify[D[gelu, x, x] - (2 - x^2)*phi[x]] == 0 &&
    Simplify[Integrate[(2 - x^2)*phi[x]*phi[x], {x, -Infinity, Infinity}]/Sqrt[2] - 3/(4*Sqrt[2*Pi])] == 0
