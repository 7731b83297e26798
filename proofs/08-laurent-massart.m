(* 08-laurent-massart.m — Lemma 20's exponent (Lemma 20, claim 17).
   Laurent-Massart: for a chi-square with k = qm degrees of freedom (= ||W||_F^2), P(chi2 - k >= 2 Sqrt[k x] + 2x) <= e^{-x}.
   With x = (M^2 - 1) k/16 and M >= Sqrt2 the threshold k + 2 Sqrt[k x] + 2x is at most M^2 k, so
   P(||W||_F > M Sqrt[qm]) <= exp(-(M^2 - 1) qm/16). Write t = M^2 - 1 >= 1 and t = r^2, r >= 1. *)

@check with x = t k/16: 2 Sqrt[k x] = k Sqrt[t]/2 (both sides >= 0, equal squares) and 2x = t k/8, so the threshold is k (1 + Sqrt[t]/2 + t/8)
  Expand[(2*Sqrt[kk*(t*kk/16)])^2 - (kk*Sqrt[t]/2)^2] == 0 && Expand[kk + 2*(t*kk/16) - kk*(1 + t/8)] == 0

@check threshold <= M^2 k = (1 + t) k  <=>  t - Sqrt[t]/2 - t/8 >= 0  <=>  r (7r - 4)/8 >= 0 with r = Sqrt[t]
  PowerExpand[Expand[((1 + t) - (1 + Sqrt[t]/2 + t/8)) /. {t -> r^2}]] == Expand[r*(7*r - 4)/8]

@check for r >= 1 (M >= Sqrt2): r >= 0 and 7r - 4 > 0, so r(7r - 4)/8 >= 0 (it holds from r = 4/7 on, i.e. M^2 >= 65/49)
  Refine[r >= 0, r >= 1] && Refine[7*r - 4 > 0, r >= 1] && Refine[r*(7*r - 4) >= 0, r >= 0 && 7*r - 4 >= 0] &&
    Solve[7*r - 4 == 0, r] == {{r -> 4/7}} && (1 + (4/7)^2) == 65/49

@check the two cases used: M = 2 gives exponent 3qm/16 (prob >= 1 - e^{-3qm/16}), M = Sqrt2 gives qm/16
  ((mw^2 - 1)*qm/16 /. {mw -> 2}) == 3*qm/16 && ((mw^2 - 1)*qm/16 /. {mw -> Sqrt[2]}) == qm/16

@check Laurent-Massart itself, numerically (k = qm = 6, x = 1..4): 1 - CDF[ChiSquare[6], 6 + 2 Sqrt[6x] + 2x] <= e^{-x}
  And @@ Table[N[1 - CDF[ChiSquareDistribution[6], 6 + 2*Sqrt[6*x] + 2*x]] <= N[E^(-x)], {x, 1, 4}]

@check and Lemma 20 for k = 6, M = 2: P(chi2_6 > 4*6) = 1 - CDF[ChiSquare[6], 24] <= e^{-3*6/16}
  N[1 - CDF[ChiSquareDistribution[6], 24]] <= N[E^(-18/16)]
