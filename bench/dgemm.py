#!/usr/bin/env python3
"""The machine's DGEMM rate for `depthlimit bench --workload kernel`: NumPy's matmul (OpenBLAS on Debian) on
float64 matrices, one thread (run with OPENBLAS_NUM_THREADS=1; the caller sets it), best of several rounds.
A comparison, never a dependency. Debian 12: sudo apt-get install python3-numpy.
Prints one JSON object: {"gflops": best wall-clock rate, "gflops_cpu": best rate per CPU second of this process
(less sensitive to other processes on a shared machine), "size": n, "numpy": version}.
"""
import json
import sys
import time

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
rng = np.random.default_rng(0)
a, b = rng.standard_normal((n, n)), rng.standard_normal((n, n))
c = a @ b
best = best_cpu = 0.0
for _ in range(8):
    t, tc = time.perf_counter(), time.process_time()
    c = a @ b
    best = max(best, 2.0 * n ** 3 / (time.perf_counter() - t) / 1e9)
    best_cpu = max(best_cpu, 2.0 * n ** 3 / max(time.process_time() - tc, 1e-9) / 1e9)
print(json.dumps({"gflops": best, "gflops_cpu": best_cpu, "size": n, "numpy": np.__version__}))
