#!/usr/bin/env python3
"""PyTorch comparison for `depthlimit bench`: the paper's synthetic workloads written as the authors' scripts run them.

A comparison, never a dependency of depthlimit. Needs PyTorch and NumPy for /usr/bin/python3; on Debian 12:
    sudo apt-get install python3-torch python3-numpy
Usage (depthlimit bench calls it under /usr/bin/time to measure wall time and peak memory):
    python3 bench/torch_workloads.py --workload W1|W2|W3 [--reference 16384] [--steps 80000] --out RESULT.json

Model, in the authors' convention (row vectors; their ResNet class): x <- x + GELU(x @ W_i) @ V_i / N with exact
(erf) GELU, A = B = I absent, V_i = 0 and W_i = one standard Gaussian d x M matrix repeated N times (tied init),
loss ((pred - Y)**2).mean(), full-batch SGD with lr = N * eta (eta = 0.01; 0.005 for W3), X, Y standard Gaussian.
  W1  Figure 1 left: n = 100, d = 16, M = 32, 50 steps at N = 2, 16, 64, 256, 1014; both regularity metrics
      max_k ||V_{k+1} - V_k||_F and the same for W, at every step (the authors keep every snapshot, as here).
  W2  Figure 1 right: N = 2, 4, ..., 1024 and the reference N_ref (16384 in the paper), 50 steps; the distance
      sqrt(sum_{i<N} ||V^N_i - V^ref_{floor(i N_ref / N)}||_F^2 / N) and the same for W, at every step, from the
      stored snapshots of every depth (the authors' procedure).
  W3  Figure 2: n = 50, M = 64, N = 64, lr = N * 0.005, the given number of steps; the loss every 10 steps and the
      plotted entries V[:, i, j], W[:, i, j] (i, j < 4) every 100 steps.
Precision: float32 by default, the authors' (torch's default dtype); --dtype float64 for depthlimit's precision.
Threads: PyTorch's default.
"""
import argparse
import json
import time

import torch

DTYPE = torch.float32


class ResNet(torch.nn.Module):
    def __init__(self, d, M, N):
        super().__init__()
        w = torch.randn(d, M, dtype=DTYPE)
        self.W = torch.nn.Parameter(w.repeat(N, 1, 1))
        self.V = torch.nn.Parameter(torch.zeros(N, M, d, dtype=DTYPE))
        self.N = N
        self.sigma = torch.nn.GELU()

    def forward(self, x):
        for i in range(self.N):
            x = x + self.sigma(x @ self.W[i]) @ self.V[i] / self.N
        return x


def train(n, d, M, N, steps, eta, every_step=None):
    X = torch.randn(n, d, dtype=DTYPE)
    Y = torch.randn(n, d, dtype=DTYPE)
    net = ResNet(d, M, N)
    opt = torch.optim.SGD(net.parameters(), lr=N * eta)
    losses = []
    for t in range(steps):
        if every_step is not None:
            every_step(t, net)
        opt.zero_grad()
        loss = ((net(X) - Y) ** 2).mean()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    if every_step is not None:
        every_step(steps, net)
    return losses


def w1(args):
    out = {}
    for N in [2, 16, 64, 256, 1014]:
        torch.manual_seed(2)
        snaps = []
        train(100, 16, 32, N, 50, 0.01, lambda t, net: snaps.append((net.V.detach().clone(), net.W.detach().clone())))
        mv = max(float((V[1:] - V[:-1]).flatten(1).norm(dim=1).max()) if N > 1 else 0.0 for V, _ in snaps)
        mw = max(float((W[1:] - W[:-1]).flatten(1).norm(dim=1).max()) if N > 1 else 0.0 for _, W in snaps)
        out[str(N)] = {"max_dV": mv, "max_dW": mw}
    return out


def w2(args):
    Ns = [2 ** k for k in range(1, 11)] + [args.reference]
    snaps = {}
    for N in Ns:
        torch.manual_seed(0)
        s = []
        train(100, 16, 32, N, 50, 0.01, lambda t, net: s.append((net.V.detach().clone(), net.W.detach().clone())))
        snaps[N] = s
    ref = snaps[args.reference]
    out = {}
    for N in Ns[:-1]:
        idx = torch.tensor([i * args.reference // N for i in range(N)])
        dv = [float(((V - ref[t][0][idx]) ** 2).sum() / N) ** 0.5 for t, (V, _) in enumerate(snaps[N])]
        dw = [float(((W - ref[t][1][idx]) ** 2).sum() / N) ** 0.5 for t, (_, W) in enumerate(snaps[N])]
        out[str(N)] = {"dist_V_last": dv[-1], "dist_W_last": dw[-1]}
    return out


def w3(args):
    torch.manual_seed(0)
    entries = []

    def record(t, net):
        if t % 100 == 0:
            entries.append((net.V.detach()[:, :4, :4].clone(), net.W.detach()[:, :4, :4].clone()))

    losses = train(50, 16, 64, 64, args.steps, 0.005, record)
    return {"loss_first": losses[0], "loss_last": losses[-1], "loss_curve_points": len(losses[::10]),
            "snapshots": len(entries)}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--workload", required=True, choices=["W1", "W2", "W3"])
    p.add_argument("--reference", type=int, default=16384, help="W2's reference depth (paper: 16384)")
    p.add_argument("--steps", type=int, default=80000, help="W3's number of steps (paper: 80,000)")
    p.add_argument("--dtype", choices=["float32", "float64"], default="float32",
                   help="float32 as the authors' scripts (default) or float64 as depthlimit")
    p.add_argument("--out", required=True)
    args = p.parse_args()
    global DTYPE
    DTYPE = getattr(torch, args.dtype)
    t0 = time.perf_counter()
    result = {"w1": w1, "w2": w2, "w3": w3}[args.workload.lower()](args)
    result = {"workload": args.workload, "torch": torch.__version__, "dtype": args.dtype, "threads": torch.get_num_threads(),
              "seconds_in_script": time.perf_counter() - t0, "result": result}
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
