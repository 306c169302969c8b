#!/usr/bin/env python3
"""The REINFORCE loop of `goodhart optimize --method reinforce`, in NumPy, for a side-by-side timing.

Same algorithm as Sources/Goodhart/Optimization (PolicyGradient.swift, GradientEstimators.swift):
softmax logits starting at log w0, per step `batch` draws y ~ N(mu_w, Sigma_w) (Cholesky), RLHF
reward r = P - beta * log(pi_w(y) / pi_0(y)), leave-one-out baseline, the score of the bivariate
normal summarised by S1 = sum c_k zeta_k and S2 = sum c_k zeta_k zeta_k^T, chain rule through
softmax, Adam (0.9, 0.999, 1e-8) with a cosine-decayed rate, logits recentred and floored at -40.
The batch is vectorised; the loop over steps is Python, as in any NumPy RL loop.

Usage: reinforce_numpy.py [steps] [batch] [beta] [repeats]
Prints the best wall time of `repeats` runs and the final weights.
"""
import sys
import time

import numpy as np

steps = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
batch = int(sys.argv[2]) if len(sys.argv) > 2 else 256
beta = float(sys.argv[3]) if len(sys.argv) > 3 else 0.1
repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3

# cheap-persuasion
m = np.array([1.0, 1.0, 2.0])
s2 = np.array([1.0, 1.0, 1.0])
t = np.array([1.0, 1.0, 0.0])
p = np.array([1.0, 0.0, 1.0])
w0 = np.array([1 / 3, 1 / 3, 1 / 3])


def moments(w):
    a, b = w * t, w * p
    mu = np.array([a @ m, b @ m])
    cov = np.array([[np.sum(a * a * s2), np.sum(a * b * s2)], [np.sum(a * b * s2), np.sum(b * b * s2)]])
    return mu, cov


def run(seed=0, learning_rate=0.05):
    rng = np.random.default_rng(seed)
    mu0, cov0 = moments(w0)
    A = np.linalg.inv(cov0)
    logdet0 = np.log(np.linalg.det(cov0))
    theta = np.log(w0)
    first = np.zeros(3)
    second = np.zeros(3)
    w = np.exp(theta - theta.max())
    w /= w.sum()
    for step in range(steps):
        mu, cov = moments(w)
        B = np.linalg.inv(cov)
        L = np.linalg.cholesky(cov)
        z = rng.standard_normal((batch, 2)) @ L.T
        zeta = z @ B
        u = z + (mu - mu0)
        log_ratio = 0.5 * (logdet0 - np.log(np.linalg.det(cov))) - 0.5 * np.einsum("ij,ij->i", z, zeta) \
            + 0.5 * np.einsum("ij,jk,ik->i", u, A, u)
        reward = mu[1] + z[:, 1] - beta * log_ratio
        c = (reward - reward.mean()) * batch / (batch - 1)
        s1 = c @ zeta / batch
        s2m = (zeta * c[:, None]).T @ zeta / batch
        v = np.stack([t, p], axis=1)
        gradient = m * (v @ s1) + w * s2 * np.einsum("ij,jk,ik->i", v, s2m, v)
        g_theta = w * (gradient - w @ gradient)
        first = 0.9 * first + 0.1 * g_theta
        second = 0.999 * second + 0.001 * g_theta * g_theta
        rate = learning_rate * 0.5 * (1 + np.cos(np.pi * step / steps))
        theta = theta + rate * (first / (1 - 0.9 ** (step + 1))) / (np.sqrt(second / (1 - 0.999 ** (step + 1))) + 1e-8)
        theta = np.maximum(theta - theta.max(), -40.0)
        w = np.exp(theta)
        w /= w.sum()
    return w


best = float("inf")
for _ in range(repeats):
    start = time.perf_counter()
    weights = run()
    best = min(best, time.perf_counter() - start)
print(f"numpy REINFORCE {steps} steps x batch {batch}: best of {repeats}: {best:.3f} s; weights {np.round(weights, 4).tolist()}")
