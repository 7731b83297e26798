(* 03-constants.m — The constants of Proposition 5 and Theorem 6 from the proof's own steps (Appendix B.5, B.6).
   Symbols: kk = K_sigma, eta = |eta_r|, n, q, m, L (here ll), k (layer index), lz = sqrt(loss). All positive.
   The proof's intermediate constants: C_1 = K e^{2 Sqrt2 K}, C_2 = 128 C_1 K, C_3 = e^{-2 Sqrt2 K}/8.
   Symja's default parser is case-insensitive, so C_i are written cbig1.. and c_i c1..c4. *)

@def
  cbig1 = kk*E^(2*Sqrt[2]*kk);
  cbig2 = 128*cbig1*kk;
  cbig3 = E^(-2*Sqrt[2]*kk)/8;
  pos = kk > 0 && eta > 0 && n > 0 && q > 0 && m > 0 && ll > 0 && k > 0 && lz > 0

@check c_4 = C_3^2 eta^3/(2 C_2) simplifies to eta^3/(2^14 K^2 e^{6 Sqrt2 K})
  Simplify[cbig3^2*eta^3/(2*cbig2) - eta^3/(2^14*kk^2*E^(6*Sqrt[2]*kk))] == 0

@check c_1: C_1 Sqrt[n] <= Sqrt[m] eta/32 holds exactly from m = 2^10 C_1^2 n/eta^2 on (equality there; the right side has derivative eta/(64 Sqrt[m]) > 0)
  Solve[cbig1*Sqrt[n] == Sqrt[m]*eta/32, m] == {{m -> 1024*cbig1^2*n/eta^2}} &&
    Simplify[D[Sqrt[m]*eta/32, m] - eta/(64*Sqrt[m])] == 0

@check c_1 = max(2^10 K^2 e^{4 Sqrt2 K}/eta^2, 1): the threshold 2^10 C_1^2/eta^2 written out (the 1 is m >= n of (52))
  Simplify[1024*cbig1^2/eta^2 - 2^10*kk^2*E^(4*Sqrt[2]*kk)/eta^2] == 0

@check s_min step: Sqrt[m] eta/4 - (C_1 Sqrt[n] + C_2 Sqrt[nqm] k/(16L) + Sqrt[m] eta/32) = Sqrt[m](3 eta/16 - C_2 Sqrt[nq] k/(16L)) + (Sqrt[m] eta/32 - C_1 Sqrt[n])
  Simplify[PowerExpand[Sqrt[m]*eta/4 - (cbig1*Sqrt[n] + cbig2*Sqrt[n*q*m]*k/(16*ll) + Sqrt[m]*eta/32)
     - Sqrt[m]*(3*eta/16 - cbig2*Sqrt[n*q]*k/(16*ll)) - (Sqrt[m]*eta/32 - cbig1*Sqrt[n])]] == 0

@check the first layers: 3 eta/16 - C_2 Sqrt[nq] k/(16L) >= eta/8 exactly for k <= L eta/(C_2 Sqrt[nq]) (equality there; slope -C_2 Sqrt[nq]/(16L) < 0)
  Solve[3*eta/16 - cbig2*Sqrt[n*q]*k/(16*ll) == eta/8, k] == {{k -> eta*ll/(cbig2*Sqrt[n*q])}} &&
    Simplify[D[3*eta/16 - cbig2*Sqrt[n*q]*k/(16*ll), k] + cbig2*Sqrt[n*q]/(16*ll)] == 0

@check c_2 = C_2/eta = 128 K^2 e^{2 Sqrt2 K}/eta makes L eta/(C_2 Sqrt[nq]) >= 1 exactly when L >= c_2 Sqrt[nq]
  Simplify[cbig2/eta - 128*kk^2*E^(2*Sqrt[2]*kk)/eta] == 0 &&
    Simplify[(ll*eta/(cbig2*Sqrt[n*q]) /. {ll -> (cbig2/eta)*Sqrt[n*q]}) == 1]

@check C_3: (1/(L Sqrt[mn])) e^{-2 Sqrt2 K} lz (Sqrt[m] eta/8) = C_3 eta lz/(L Sqrt[n])  (gradient lower bound (52))
  Simplify[PowerExpand[(1/(ll*Sqrt[m*n]))*E^(-2*Sqrt[2]*kk)*lz*(Sqrt[m]*eta/8) - cbig3*eta*lz/(ll*Sqrt[n])]] == 0

@check floor step: Floor[x] >= x/2 for x >= 1 (on [j, j+1), j >= 1 an integer: Floor[x] - x/2 > j - (j+1)/2 = (j-1)/2 >= 0)
  Simplify[j - (j + 1)/2 - (j - 1)/2] == 0 && Refine[(j - 1)/2 >= 0, j >= 1]

@check the sum: L (L eta/(2 C_2 Sqrt[nq])) C_3^2 eta^2 l/(L^2 n) = C_3^2 eta^3 l/(2 C_2 n Sqrt[nq]), i.e. mu = c_4/(n Sqrt[nq]) as proved
  Simplify[ll*(ll*eta/(2*cbig2*Sqrt[n*q]))*cbig3^2*eta^2*lz^2/(ll^2*n) - (cbig3^2*eta^3/(2*cbig2))*lz^2/(n*Sqrt[n*q])] == 0

@check stated mu = c_4/(n Sqrt[n] q) is the proved c_4/(n Sqrt[nq]) divided by Sqrt[q] (an erratum: the statement drops the proof's √q)
  Simplify[PowerExpand[(c4/(n*Sqrt[n*q]))/(c4/(n*Sqrt[n]*q))]] == Sqrt[q]

@check radius: eta/(32 K Sqrt[2nq]) = c_3/Sqrt[nq] for c_3 = eta/(32 Sqrt2 K); min(a, 1/2)/s <= min(a/s, 1/2) for s = Sqrt[nq] >= 1
  (* case a <= 1/2: need a/s <= 1/2, i.e. (times 2s > 0) 2a <= s; with a = 1/2 - al, s = 1 + sg (al, sg >= 0) that is 2 al + sg >= 0.
     case a > 1/2: need (1/2)/s <= 1/2 and (1/2)/s <= a/s, i.e. 1 <= s and 1 <= 2a. *)
  Simplify[PowerExpand[eta/(32*kk*Sqrt[2*n*q]) - (eta/(32*Sqrt[2]*kk))/Sqrt[n*q]]] == 0 &&
    Expand[s - 2*a /. {a -> 1/2 - al, s -> 1 + sg}] == 2*al + sg && Refine[2*al + sg >= 0, al >= 0 && sg >= 0] &&
    Refine[s - 1 >= 0, s >= 1] && Refine[2*a - 1 >= 0, a > 1/2]

@check Theorem 6: 4 X e^K Sqrt[l0]/mu <= M/2 with M = c_3/Sqrt[nq], mu = c_4/(n Sqrt[n] q) holds exactly for l0 <= c_3^2 c_4^2/(64 n^4 q^3 X^2 e^{2K})
  Solve[4*xx*E^kp*Sqrt[l0]/(c4/(n*Sqrt[n]*q)) == (c3/Sqrt[n*q])/2, l0] == {{l0 -> c3^2*c4^2/(64*n^4*q^3*xx^2*E^(2*kp))}}
