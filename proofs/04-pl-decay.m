(* 04-pl-decay.m — PL implies exponential decay (Definition 1, Proposition 8 item 5, Theorem 6 eq. (10)).
   Along the gradient flow (4) the loss decreases at rate G = |dl/dA|^2 + L sum_k |dl/dZ_k|^2 + |dl/dB|^2 (the
   metric of Definition 1); PL says G >= mu l; the comparison solution of l' = -mu l is l(0) e^{-mu t}, and
   g(t) = e^{mu t} l(t) is non-increasing, so l(t) <= e^{-mu t} l(0). *)

@check gradient flow (4) with the factor L on Z: d/dt l(A, Z, B) = -(l_A^2 + L l_Z^2 + l_B^2) = -G
  rules = {ta'[t] -> -Derivative[1, 0, 0][lf][ta[t], tz[t], tb[t]],
           tz'[t] -> -ll*Derivative[0, 1, 0][lf][ta[t], tz[t], tb[t]],
           tb'[t] -> -Derivative[0, 0, 1][lf][ta[t], tz[t], tb[t]]};
  Expand[(D[lf[ta[t], tz[t], tb[t]], t] /. rules) + (Derivative[1, 0, 0][lf][ta[t], tz[t], tb[t]]^2
     + ll*Derivative[0, 1, 0][lf][ta[t], tz[t], tb[t]]^2 + Derivative[0, 0, 1][lf][ta[t], tz[t], tb[t]]^2)] == 0

@check the comparison solution: DSolve[l' = -mu l, l(0) = l0] is l0 e^{-mu t}
  DSolve[{lt'[t] == -mu*lt[t], lt[0] == l0}, lt[t], t] == {{lt[t] -> l0*E^(-mu*t)}}

@check the comparison argument: d/dt (e^{mu t} l(t)) = e^{mu t} (l'(t) + mu l(t)), and e^{mu t} > 0
  Simplify[D[E^(mu*t)*lt[t], t] - E^(mu*t)*(lt'[t] + mu*lt[t])] == 0 && Refine[Positive[E^(mu*t)], Element[mu, Reals] && Element[t, Reals]]

@check hence l' <= -mu l gives (e^{mu t} l)' <= 0: with l' = -mu l - s, s = G - mu l >= 0, (e^{mu t} l)' = -e^{mu t} s <= 0
  Simplify[(D[E^(mu*t)*lt[t], t] /. {lt'[t] -> -mu*lt[t] - sl[t]}) + E^(mu*t)*sl[t]] == 0 &&
    Refine[E^(mu*t)*sl >= 0, sl >= 0 && Element[mu, Reals] && Element[t, Reals]]

@check the bound is attained: l = th^2/2 has G = th^2 = 2 l (PL with mu = 2 and equality) and the flow gives l(t) = e^{-2t} l(0)
  sol = DSolve[{th'[t] == -th[t], th[0] == th0}, th[t], t];
  Simplify[((th[t]^2/2) /. sol[[1]]) - E^(-2*t)*th0^2/2] == 0
