#!/usr/bin/env python3
"""SciPy comparison for `depthlimit bench --workload W4`: the gradient flow (4) integrated by
scipy.integrate.solve_ivp(method="DOP853") from the same initial point and data as depthlimit's dp853 run.

A comparison, never a dependency of depthlimit. Needs NumPy and SciPy for /usr/bin/python3; on Debian 12:
    sudo apt-get install python3-numpy python3-scipy
Usage (depthlimit bench calls it under /usr/bin/time):
    python3 bench/scipy_flow.py --dir W4DIR --depths 2,16,64 --T 0.5 --rtol 1e-8 --atol 1e-10 --out RESULT.json
W4DIR/L<depth>/ holds what depthlimit exported: X.npy (n,d), Y.npy (n,d'), V0.npy (L,q,m), W0.npy (L,m,q), and,
once depthlimit has run, V_T.npy, W_T.npy (its state at T), against which the SciPy state at T is compared.

The right-hand side is written here from the paper's equations, independently of depthlimit's code, in the authors'
convention (A = B = I frozen, so h_0 = x and F(x) = h_L; c_res = 1/L, c_pre = 1; exact erf-based GELU):
    h_{k+1} = h_k + (1/L) V_{k+1} sigma(W_{k+1} h_k),   k = 0..L-1                          (model (3))
    loss = mean over the n*d' entries of (h_L - y)^2
    adjoint: p_L = dloss/dh_L = 2 (h_L - y) / (n d'),  p_k = p_{k+1} + (1/L) W_{k+1}^T (sigma'(u_k) * V_{k+1}^T p_{k+1})
    dloss/dV_{k+1} = (1/L) sum_i p_{k+1} sigma(u_k)^T,   dloss/dW_{k+1} = (1/L) sum_i (sigma'(u_k) * V_{k+1}^T p_{k+1}) h_k^T
    flow (4): dV_k/dt = -L dloss/dV_k,  dW_k/dt = -L dloss/dW_k  (A, B frozen)
with u_k = W_{k+1} h_k, samples as rows (H is n x q). One right-hand side evaluation is one forward and one backward pass.
"""
import argparse
import json
import os
import time

import numpy as np
from scipy.integrate import solve_ivp
from scipy.special import erf

SQRT1_2 = 1.0 / np.sqrt(2.0)
INV_SQRT_2PI = 1.0 / np.sqrt(2.0 * np.pi)


def gelu_and_derivative(u):
    cdf = 0.5 * (1.0 + erf(u * SQRT1_2))
    return u * cdf, cdf + u * INV_SQRT_2PI * np.exp(-0.5 * u * u)


class Flow:
    def __init__(self, X, Y, L, q, m):
        self.X, self.Y, self.L, self.q, self.m = X, Y, L, q, m
        self.nv = L * q * m
        self.evaluations = 0
        self.seconds = 0.0

    def loss_and_rhs(self, theta):
        L, q, m = self.L, self.q, self.m
        V = theta[:self.nv].reshape(L, q, m)
        W = theta[self.nv:].reshape(L, m, q)
        H = np.empty((L + 1,) + self.X.shape)
        S = np.empty((L, self.X.shape[0], m))
        D = np.empty_like(S)
        H[0] = self.X
        for k in range(L):
            s, ds = gelu_and_derivative(H[k] @ W[k].T)
            S[k], D[k] = s, ds
            H[k + 1] = H[k] + (s @ V[k].T) / L
        R = H[L] - self.Y
        loss = float(np.mean(R * R))
        P = 2.0 * R / R.size
        dV = np.empty_like(V)
        dW = np.empty_like(W)
        for k in range(L - 1, -1, -1):
            G = (P @ V[k]) * D[k] / L          # (n, m): sigma'(u_k) * V^T p / L, per sample
            dV[k] = P.T @ S[k] / L
            dW[k] = G.T @ H[k]
            P = P + G @ W[k]
        # flow (4): the factor L on every residual weight
        return loss, -L * np.concatenate([dV.ravel(), dW.ravel()])

    def __call__(self, t, theta):
        t0 = time.perf_counter()
        _, f = self.loss_and_rhs(theta)
        self.seconds += time.perf_counter() - t0
        self.evaluations += 1
        return f


def run_depth(d, T, rtol, atol):
    X, Y = np.load(os.path.join(d, "X.npy")), np.load(os.path.join(d, "Y.npy"))
    V0, W0 = np.load(os.path.join(d, "V0.npy")), np.load(os.path.join(d, "W0.npy"))
    L, q, m = V0.shape
    flow = Flow(X, Y, L, q, m)
    y0 = np.concatenate([V0.ravel(), W0.ravel()])
    t0, c0 = time.perf_counter(), time.process_time()
    sol = solve_ivp(flow, (0.0, T), y0, method="DOP853", rtol=rtol, atol=atol)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    yT = sol.y[:, -1]
    out = {"L": int(L), "status": int(sol.status), "message": sol.message, "nfev": int(sol.nfev),
           "rhs_calls_counted": flow.evaluations, "steps": int(len(sol.t) - 1), "seconds": wall, "cpu_seconds": cpu,
           "rhs_seconds": flow.seconds, "loss_T": flow.loss_and_rhs(yT)[0]}
    vt, wt = os.path.join(d, "V_T.npy"), os.path.join(d, "W_T.npy")
    if os.path.exists(vt) and os.path.exists(wt):
        other = np.concatenate([np.load(vt).ravel(), np.load(wt).ravel()])
        diff = np.abs(yT - other)
        out["max_abs_diff_vs_depthlimit"] = float(diff.max())
        out["max_rel_diff_vs_depthlimit"] = float(diff.max() / np.abs(other).max())
        out["max_diff_over_tolerance"] = float((diff / (atol + rtol * np.abs(other))).max())
    # the right-hand side at t = 0 against depthlimit's, when exported: a check that both integrate the same flow
    f0 = os.path.join(d, "F0.npy")
    if os.path.exists(f0):
        mine = flow.loss_and_rhs(y0)[1]
        ref = np.load(f0).ravel()
        out["rhs0_max_rel_diff"] = float(np.abs(mine - ref).max() / np.abs(ref).max())
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dir", required=True)
    p.add_argument("--depths", required=True, help="comma-separated depths (subdirectories L<depth> of --dir)")
    p.add_argument("--T", type=float, default=0.5)
    p.add_argument("--rtol", type=float, default=1e-8)
    p.add_argument("--atol", type=float, default=1e-10)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    import scipy
    rows = []
    for L in [int(x) for x in args.depths.split(",")]:
        rows.append(run_depth(os.path.join(args.dir, "L%d" % L), args.T, args.rtol, args.atol))
        with open(args.out, "w") as f:   # rewritten after every depth: a partial run still reports
            json.dump({"scipy": scipy.__version__, "numpy": np.__version__, "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
