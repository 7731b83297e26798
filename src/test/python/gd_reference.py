#!/usr/bin/env python3
"""NumPy re-implementation of the authors' synthetic training loop, written for depthlimit's tests.

Row-vector convention as in the authors' scripts: x <- x + GELU(x @ W_i) @ V_i / N, loss = ((pred - Y)**2).mean(),
plain full-batch gradient descent with learning rate N * 0.01 on every V_i, W_i (A = B = I are absent), gradients by
hand-written backpropagation (NumPy has no autograd). The arrays are stored in depthlimit's paper orientation
(V_k = V_i^T of shape (q, m), W_k = W_i^T of shape (m, q)).

Regenerate the test resources with (from the repository root):
    python3 src/test/python/gd_reference.py src/test/resources/gd-reference
Needs only NumPy; GELU uses math.erf (exact GELU, as torch.nn.GELU()).
"""
import math
import sys
from pathlib import Path

import numpy as np

erf = np.frompyfunc(math.erf, 1, 1)


def gelu(u):
    return u * 0.5 * (1.0 + erf(u / math.sqrt(2.0)).astype(np.float64))


def gelu_prime(u):
    cdf = 0.5 * (1.0 + erf(u / math.sqrt(2.0)).astype(np.float64))
    return cdf + u * np.exp(-0.5 * u * u) / math.sqrt(2.0 * math.pi)


def loss_and_grads(X, Y, Vs, Ws):
    """Vs[i]: (M, d), Ws[i]: (d, M) in the authors' orientation."""
    N = len(Vs)
    xs, us, ss = [X], [], []
    x = X
    for V, W in zip(Vs, Ws):
        u = x @ W
        s = gelu(u)
        x = x + s @ V / N
        us.append(u)
        ss.append(s)
        xs.append(x)
    diff = x - Y
    loss = (diff ** 2).mean()
    g = 2.0 * diff / diff.size
    gVs, gWs = [None] * N, [None] * N
    for i in reversed(range(N)):
        gVs[i] = ss[i].T @ g / N
        gu = (g @ Vs[i].T / N) * gelu_prime(us[i])
        gWs[i] = xs[i].T @ gu
        g = g + gu @ Ws[i].T
    return loss, gVs, gWs


def main(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20240513)
    n, d, M, N, steps = 12, 4, 6, 8, 20
    X = rng.standard_normal((n, d))
    Y = rng.standard_normal((n, d))
    Vs = [0.3 * rng.standard_normal((M, d)) for _ in range(N)]
    Ws = [rng.standard_normal((d, M)) for _ in range(N)]
    lr = N * 0.01

    np.save(out / "X.npy", X)
    np.save(out / "Y.npy", Y)
    np.save(out / "A.npy", np.eye(d))
    np.save(out / "B.npy", np.eye(d))
    np.save(out / "V.npy", np.stack([V.T for V in Vs]))
    np.save(out / "W.npy", np.stack([W.T for W in Ws]))

    losses, max_dV, max_dW, agg_dV, agg_dW = [], [], [], [], []
    sum_v = sum_w = 0.0
    for step in range(steps + 1):
        loss, gVs, gWs = loss_and_grads(X, Y, Vs, Ws)
        V = np.stack(Vs)
        W = np.stack(Ws)
        dv = np.sqrt(((V[1:] - V[:-1]) ** 2).sum(axis=(1, 2)))
        dw = np.sqrt(((W[1:] - W[:-1]) ** 2).sum(axis=(1, 2)))
        sum_v += (dv ** 2).sum()
        sum_w += (dw ** 2).sum()
        losses.append(loss)
        max_dV.append(dv.max())
        max_dW.append(dw.max())
        agg_dV.append(math.sqrt(sum_v))   # the authors' D over the iterates 0..step
        agg_dW.append(math.sqrt(sum_w))
        if step == steps:
            break
        Vs = [V - lr * g for V, g in zip(Vs, gVs)]
        Ws = [W - lr * g for W, g in zip(Ws, gWs)]

    np.save(out / "losses.npy", np.array(losses))
    np.save(out / "max_dV.npy", np.array(max_dV))
    np.save(out / "max_dW.npy", np.array(max_dW))
    np.save(out / "agg_dV.npy", np.array(agg_dV))
    np.save(out / "agg_dW.npy", np.array(agg_dW))
    np.save(out / "V_final.npy", np.stack([V.T for V in Vs]))
    np.save(out / "W_final.npy", np.stack([W.T for W in Ws]))
    print(f"wrote {out}: {steps} steps, loss {losses[0]:.6f} -> {losses[-1]:.6f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/gd-reference")
