(* 05-gronwall.m — Proposition 7's Gronwall step (Prop 7): from
   ||d/dt (Z_k - Z_{k+1})|| <= alpha ||Z_k - Z_{k+1}|| + beta/L it concludes
   ||Z_{k+1}(t) - Z_k(t)|| <= (||Z_{k+1}(0) - Z_k(0)|| + beta T/L) e^{alpha T} on [0, T].
   u0 >= 0, al = alpha > 0, be = beta >= 0, ll = L > 0, 0 <= t <= T. *)

@def
  usol = (u0 + be/(al*ll))*E^(al*t) - be/(al*ll);
  bound = (u0 + be*t/ll)*E^(al*t);
  phi = t*E^(al*t) - (E^(al*t) - 1)/al

@check the comparison solution of u' = alpha u + beta/L, u(0) = u0
  Simplify[(u[t] /. DSolve[{u'[t] == al*u[t] + be/ll, u[0] == u0}, u[t], t][[1]]) - usol] == 0

@check a differential inequality u' <= alpha u + beta/L stays below it: with u' = alpha u + beta/L - s, s >= 0, (e^{-alpha t} u)' = e^{-alpha t}(beta/L - s) <= e^{-alpha t} beta/L = (e^{-alpha t} usol)'
  Simplify[(D[E^(-al*t)*uu[t], t] /. {uu'[t] -> al*uu[t] + be/ll - sl}) - E^(-al*t)*(be/ll - sl)] == 0 &&
    Simplify[D[E^(-al*t)*usol, t] - E^(-al*t)*be/ll] == 0 && Refine[E^(-al*t)*sl >= 0, sl >= 0 && Element[al, Reals] && Element[t, Reals]]

@check (u0 + beta t/L) e^{alpha t} - usol = (beta/L) phi(t) with phi(t) = t e^{alpha t} - (e^{alpha t} - 1)/alpha
  Simplify[bound - usol - (be/ll)*phi] == 0

@check phi(0) = 0 and phi'(t) = alpha t e^{alpha t} >= 0, so phi >= 0 on [0, T]
  Simplify[phi /. {t -> 0}] == 0 && Simplify[D[phi, t] - al*t*E^(al*t)] == 0 && Refine[Positive[al*t*E^(al*t)], al > 0 && t > 0]

@check (u0 + beta t/L) e^{alpha t} increases in t, so it is at most its value at T: its derivative is (beta/L + alpha (u0 + beta t/L)) e^{alpha t}; with il = 1/L > 0 the factor is be il + al u0 + al be t il >= 0
  Simplify[D[bound, t] - (be/ll + al*(u0 + be*t/ll))*E^(al*t)] == 0 &&
    Refine[be*il + al*u0 + al*be*t*il >= 0, be >= 0 && il > 0 && al > 0 && u0 >= 0 && t >= 0] &&
    Refine[Positive[E^(al*t)], Element[al, Reals] && Element[t, Reals]]

@check the weight-tied case Z_{k+1}(0) = Z_k(0) (u0 = 0): the bound is K/L with K = beta T e^{alpha T}, eq. (7)
  Simplify[(bound /. {u0 -> 0, t -> tt}) - (be*tt*E^(al*tt))/ll] == 0
