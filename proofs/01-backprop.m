(* 01-backprop.m — Backpropagation, eqs. (13)-(16) with the corrected transpose, equals D of the loss.
   Claim 13; the printed eq. (13) lacks the transpose of ∂₁f.

   Part 1, one residual step in general: h' = h + c_res V sg(c_pre W h) followed by an arbitrary differentiable
   downstream loss G(h'), with q = m = 2, every weight a symbol, sg an undefined function. The chain rule gives
   dG/dh = p + c_res c_pre W^T[(V^T p) * sg'(u)] with p = grad G(h') -- the corrected (13) -- and the gradients (15).
   The printed recursion (no transpose) differs from it by c_res c_pre (J^T - J) p, J = V diag(sg'(u)) W, which is not
   zero because J is not symmetric.
   Part 2, a whole 2-layer network of eq. (3) (L = 2, q = 2, m = 1, d = d' = 1, one sample, scalings c_res, c_pre
   left as symbols, so both conventions are covered): every gradient from the corrected recursion equals D of the
   loss, and the printed recursion gives a wrong dl/dV_1 at a point (J = v sg' w^T is rank one, not symmetric).
   Symja's default parser is case-insensitive and knows many names (Out, Point, ...): the names below avoid both. *)

@def
  act[v_] := {sg[v[[1]]], sg[v[[2]]]};
  dact[v_] := {sg'[v[[1]]], sg'[v[[2]]]};
  jac[f_, mat_] := Table[D[f, mat[[i, j]]], {i, 1, Length[mat]}, {j, 1, Length[mat[[1]]]}];
  grd[f_, vec_] := Table[D[f, vec[[i]]], {i, 1, Length[vec]}];
  (* part 1: one step with a generic downstream loss gg *)
  vv = {{v11, v12}, {v21, v22}};  ww = {{w11, w12}, {w21, w22}};  hs = {h1, h2};
  cr = 1/(4*Sqrt[2]);  cp = 1/Sqrt[2];
  us = cp*ww.hs;
  hnext = hs + cr*vv.act[us];
  gstep = gg[hnext[[1]], hnext[[2]]];
  pnext = {Derivative[1, 0][gg][hnext[[1]], hnext[[2]]], Derivative[0, 1][gg][hnext[[1]], hnext[[2]]]};
  gs = (Transpose[vv].pnext)*dact[us];
  pstep = pnext + cr*cp*Transpose[ww].gs;
  pstepPrinted = pnext + cr*cp*vv.((ww.pnext)*dact[us])

@check one step: dG/dh = p + c_res c_pre W^T[(V^T p) * sg'(u)]  (corrected eq. 13)
  ExpandAll[grd[gstep, hs] - pstep] == {0, 0}

@check one step: dG/dV = c_res p sg(u)^T  (eq. 15)
  Simplify[jac[gstep, vv] - cr*Outer[Times, pnext, act[us]]] == {{0, 0}, {0, 0}}

@check one step: dG/dW = c_res c_pre [(V^T p) * sg'(u)] h^T  (eq. 15)
  ExpandAll[jac[gstep, ww] - cr*cp*Outer[Times, gs, hs]] == {{0, 0}, {0, 0}}

@check one step: dG/dh - printed recursion = c_res c_pre (J^T - J) p with J = V diag(sg'(u)) W
  jm = vv.DiagonalMatrix[dact[us]].ww;
  ExpandAll[grd[gstep, hs] - pstepPrinted - cr*cp*(Transpose[jm] - jm).pnext] == {0, 0}

@check one step: J is not symmetric (V = e1 e1^T, W = e1 e2^T gives J^T - J = sg'(u_1) [[0,-1],[1,0]])
  jm = vv.DiagonalMatrix[dact[us]].ww;
  Simplify[(Transpose[jm] - jm) /. {v11 -> 1, v12 -> 0, v21 -> 0, v22 -> 0, w11 -> 0, w12 -> 1, w21 -> 0, w22 -> 0}] ==
    {{0, -sg'[h2/Sqrt[2]]}, {sg'[h2/Sqrt[2]], 0}}

@def
  (* part 2: the whole network, L = 2, q = 2, m = 1, d = d' = 1, n = 1 *)
  act1[v_] := {sg[v[[1]]]};
  dact1[v_] := {sg'[v[[1]]]};
  A = {{a1}, {a2}};
  V1 = {{v11}, {v12}};  V2 = {{v21}, {v22}};
  W1 = {{w11, w12}};    W2 = {{w21, w22}};
  B = {{b1, b2}};
  xs = {x1};  ys = {y1};
  nn = 1;   (* cres and cpre stay symbols *)
  h0 = A.xs;
  u1 = cpre*W1.h0;  hh1 = h0 + cres*V1.act1[u1];
  u2 = cpre*W2.hh1; hh2 = hh1 + cres*V2.act1[u2];
  fx = B.hh2;
  loss = (1/nn)*(fx - ys).(fx - ys);
  (* corrected backpropagation: p_L = (2/n) B^T (F - y), p_{k-1} = p_k + c_res c_pre W_k^T [(V_k^T p_k) * sg'(u_k)] *)
  p2 = (2/nn)*Transpose[B].(fx - ys);
  g2 = (Transpose[V2].p2)*dact1[u2];
  p1 = p2 + cres*cpre*Transpose[W2].g2;
  g1 = (Transpose[V1].p1)*dact1[u1];
  p0 = p1 + cres*cpre*Transpose[W1].g1;
  (* the printed eq. (13): p_{k-1} = p_k + (1/L) d_1 f p_k = p_k + c_res c_pre V_k [(W_k p_k) * sg'(u_k)] *)
  p1printed = p2 + cres*cpre*V2.((W2.p2)*dact1[u2]);
  (* eqs. (14)-(16), matrix form, one sample *)
  gA = Outer[Times, p0, xs];
  gV1 = cres*Outer[Times, p1, act1[u1]];  gV2 = cres*Outer[Times, p2, act1[u2]];
  gW1 = cres*cpre*Outer[Times, g1, h0];   gW2 = cres*cpre*Outer[Times, g2, hh1];
  gB = (2/nn)*Outer[Times, fx - ys, hh2];
  (* a point: sg = Tanh and small rationals *)
  pt = {a1 -> 1, a2 -> -1/2, v11 -> 1/2, v12 -> -1, v21 -> 2, v22 -> 1/4, w11 -> 1, w12 -> 1/2,
        w21 -> -3/2, w22 -> 1, b1 -> 1, b2 -> -1, x1 -> 1, y1 -> 1/2, cres -> 1/(2*Sqrt[2]), cpre -> 1/Sqrt[2]}

@check network: dl/dB = (2/n)(F - y) h_L^T  (eq. 16)
  ExpandAll[gB - jac[loss, B]] == {{0, 0}}

@check network: dl/dV_2, dl/dW_2 from p_2  (eq. 15, last layer)
  ExpandAll[gV2 - jac[loss, V2]] == {{0}, {0}} && ExpandAll[gW2 - jac[loss, W2]] == {{0, 0}}

@check network: dl/dV_1, dl/dW_1 from p_1 = one corrected step  (eq. 15)
  ExpandAll[gV1 - jac[loss, V1]] == {{0}, {0}} && ExpandAll[gW1 - jac[loss, W1]] == {{0, 0}}

@check network: dl/dA = p_0 x^T, two corrected steps  (eq. 14)
  ExpandAll[gA - jac[loss, A]] == {{0}, {0}}

@check network: the printed eq. (13) gives a wrong dl/dV_1 at a point (sg = Tanh; difference > 1/100)
  Max[Abs[N[((cres*Outer[Times, p1printed, act1[u1]] - jac[loss, V1]) /. pt) /. {sg -> Tanh}]]] > 1/100
