(* 02-adjoint.m — The sign and the transpose of the continuous adjoint (Appendix A.5; the printed eq. (13) lacks the transpose).
   Along the linearised forward flow d(dH)/ds = J(s) dH, with J = d_1 f(H(s), Z(s)), the corrected adjoint
   dP/ds = -J^T P keeps <P, dH> constant, so P(0) = dl/dH(0) when P(1) = dl/dH(1). The printed dP/ds = J P does not.
   J(s) is a generic 2x2 matrix of functions of s. *)

@def
  jm = {{j11[s], j12[s]}, {j21[s], j22[s]}};
  pv = {p1[s], p2[s]};
  ev = {e1[s], e2[s]};
  linear = {e1'[s] -> (jm.ev)[[1]], e2'[s] -> (jm.ev)[[2]]};
  corrected = {p1'[s] -> (-Transpose[jm].pv)[[1]], p2'[s] -> (-Transpose[jm].pv)[[2]]};
  printed = {p1'[s] -> (jm.pv)[[1]], p2'[s] -> (jm.pv)[[2]]};
  noTranspose = {p1'[s] -> (-jm.pv)[[1]], p2'[s] -> (-jm.pv)[[2]]};
  rate[rules_] := Expand[D[pv.ev, s] /. linear /. rules]

@check corrected adjoint dP/ds = -J^T P: d/ds <P, dH> = 0 for every J(s)
  rate[corrected] == 0

@check printed adjoint dP/ds = J P: d/ds <P, dH> = <P, (J + J^T) dH>, not 0 (e.g. J = I gives 2 <P, dH>)
  Expand[rate[printed] - pv.((jm + Transpose[jm]).ev)] == 0 &&
    (rate[printed] /. {j11[s] -> 1, j12[s] -> 0, j21[s] -> 0, j22[s] -> 1}) == 2*(p1[s]*e1[s] + p2[s]*e2[s])

@check minus sign without the transpose: d/ds <P, dH> = <P, (J - J^T) dH>, not 0 for non-symmetric J
  Expand[rate[noTranspose] - pv.((jm - Transpose[jm]).ev)] == 0 &&
    (rate[noTranspose] /. {j11[s] -> 0, j12[s] -> 1, j21[s] -> 0, j22[s] -> 0}) =!= 0

@check constant nilpotent J = [[0,1],[0,0]]: H(1) = (I + J) H(0); the corrected adjoint from P(1) = c gives P(0) = (I + J)^T c = dl/dH(0) for l = <c, H(1)>
  nil = {{0, 1}, {0, 0}};
  hsol = (IdentityMatrix[2] + s*nil).{g1, g2};
  padj = (IdentityMatrix[2] + (1 - s)*Transpose[nil]).{c1, c2};
  (Simplify[D[hsol, s] - nil.hsol] == {0, 0}) && (Grad[{c1, c2}.(hsol /. {s -> 1}), {g1, g2}] == Transpose[IdentityMatrix[2] + nil].{c1, c2}) &&
    (Simplify[D[padj, s] + Transpose[nil].padj] == {0, 0}) && ((padj /. {s -> 1}) == {c1, c2}) &&
    ((padj /. {s -> 0}) == Transpose[IdentityMatrix[2] + nil].{c1, c2})

@check same J: the printed adjoint dP/ds = J P from P(1) = c gives P(0) = (I - J) c, which is not dl/dH(0)
  nil = {{0, 1}, {0, 0}};
  pprinted = (IdentityMatrix[2] + (s - 1)*nil).{c1, c2};
  (Simplify[D[pprinted, s] - nil.pprinted] == {0, 0}) && ((pprinted /. {s -> 1}) == {c1, c2}) &&
    ((pprinted /. {s -> 0}) == {c1 - c2, c2}) && (Expand[{c1 - c2, c2} - {c1, c1 + c2}] == {-c2, -c1})

@check discrete analogue, exact: p_k = p_{k+1} + J^T p_{k+1}/L and dh_{k+1} = dh_k + J dh_k/L give <p_{k+1}, dh_{k+1}> = <p_k, dh_k>
  jc = {{k11, k12}, {k21, k22}};
  pk1 = {q1, q2};  dhk = {d1, d2};
  Expand[pk1.(dhk + jc.dhk/ll) - (pk1 + Transpose[jc].pk1/ll).dhk] == 0
