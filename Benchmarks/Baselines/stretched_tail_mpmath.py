#!/usr/bin/env python3
"""Independent check of `goodhart analyze --threshold TAU` on a stretched tail (Docs/HeavyTails.md,
"Stretched tails"), in mpmath at 30 digits.

Model (as in Tests/GoodhartTests/StretchedTailTests.swift): A ~ N(1, 1) with truth 1 and
persuasion 1, C with truth 0 and persuasion 1 (lognormal e^{sigma Z}, or Weibull with shape k,
location 0, scale 1), weights 1/2 each; so P = U + V with U = A/2 ~ N(1/2, 1/4), V = C/2, T = U.
Every quantity is a single integral over U with V's closed-form survival function and partial
moments E[V^j; V > x] (the density of P is never formed):

  acceptance = E[Q_V(tau - U)],  E[T 1] = E[U Q_V(tau - U)],  E[P 1] = E[T 1] + E[M1_V(tau - U)], ...

Usage: stretched_tail_mpmath.py lognormal|weibull SIGMA_OR_K TAU   (prints JSON)
"""
import mpmath as mp, sys, json
mp.mp.dps = 30
fam, par, tau = sys.argv[1], mp.mpf(sys.argv[2]), mp.mpf(sys.argv[3])
mu, sd = mp.mpf('0.5'), mp.mpf('0.5')
phi = lambda u: mp.npdf(u, mu, sd)
if fam == 'lognormal':
    s = par
    QV = lambda x: mp.mpf(1) if x <= 0 else mp.ncdf(-mp.log(2*x)/s)
    MV = lambda x: mp.mpf('0.5')*mp.exp(s*s/2)*(1 if x <= 0 else mp.ncdf(-(mp.log(2*x)-s*s)/s))
    M2V = lambda x: mp.mpf('0.25')*mp.exp(2*s*s)*(1 if x <= 0 else mp.ncdf(-(mp.log(2*x)-2*s*s)/s))
else:
    k = par
    QV = lambda x: mp.mpf(1) if x <= 0 else mp.exp(-(2*x)**k)
    MV = lambda x: mp.mpf('0.5')*(mp.gamma(1+1/k) if x <= 0 else mp.gammainc(1+1/k, (2*x)**k))
    M2V = lambda x: mp.mpf('0.25')*(mp.gamma(1+2/k) if x <= 0 else mp.gammainc(1+2/k, (2*x)**k))
pts = [-mp.inf, tau - 5, tau - 1, tau, tau + 1, tau + 5, mp.inf]
pts = sorted(set(pts + [mu - 10*sd, mu, mu + 10*sd]))
I = lambda g: mp.quad(g, pts, maxdegree=10)
q = I(lambda u: phi(u)*QV(tau-u))
et = I(lambda u: u*phi(u)*QV(tau-u))
ev = I(lambda u: phi(u)*MV(tau-u))
# E[P^2 1] = E[U^2 1] + 2 E[U V 1] + E[V^2 1]
eu2 = I(lambda u: u*u*phi(u)*QV(tau-u))
euv = I(lambda u: u*phi(u)*MV(tau-u))
ev2 = I(lambda u: phi(u)*M2V(tau-u))
mt = et/q; mp_ = (et+ev)/q
vp = (eu2 + 2*euv + ev2)/q - mp_**2
vt = eu2/q - mt**2
print(json.dumps({"acceptance": float(q), "mean_truth": float(mt), "mean_persuasiveness": float(mp_), "variance_truth": float(vt), "variance_persuasiveness": float(vp)}))
