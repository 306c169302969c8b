import Foundation

extension MixtureLaw {
  /// Best-of-n: draw n outputs, keep the one with the largest P, ties (at the atom) broken
  /// uniformly at random.
  ///
  /// With F the CDF of P (a jump of the atom's mass at 0), the winner lies in dp off the atom with
  /// probability n F(p)^{n−1} f(p) dp, and comes from part i with probability proportional to
  /// w_i f_i(p), so T = r_i p; it is an atom output with probability π₀ = F(0)^n − F(0⁻)^n. The
  /// means and variances are one-dimensional integrals against n F^{n−1} (cut at the median of
  /// the maximum x₀, F(x₀)^n = 1/2, scaled by its width Q(x₀)/f(x₀), and at the atom), each
  /// variance taken about the mean found first. KL: ln n − (n − 1)/n without an atom; with one,
  /// the density ratio is n F^{n−1} off the atom and π₀ / atom on it, so with a = F(0⁻),
  /// b = F(0) and H(u) = uⁿ ln n + (n − 1)(uⁿ ln u − uⁿ/n),
  /// KL = H(1) − H(b) + H(a) + π₀ ln(π₀ / (b − a)).
  ///
  /// - Parameter n: real n in [1, 10^15].
  /// - Complexity: four adaptive quadratures, each node O(parts).
  public func bestOfN(_ n: Double) throws(SelectionError) -> SelectionOutcome {
    try bestOfN(n, dispersion: true)
  }

  /// Best-of-n means at each n (no variance quadratures).
  public func bestOfNMeans(at counts: [Double]) throws(SelectionError) -> [SelectionOutcome] {
    var outcomes: [SelectionOutcome] = []
    for n in counts { outcomes.append(try bestOfN(n, dispersion: false)) }
    return outcomes
  }

  /// Best-of-n, with the variances only when `dispersion` is true.
  func bestOfN(_ n: Double, dispersion: Bool) throws(SelectionError) -> SelectionOutcome {
    guard n.isFinite, n >= 1, n <= 1e15 else {
      throw SelectionError(field: .n, rule: "must be in [1, 10^15] (got \(n))")
    }
    try requireVariation(.n)
    if n == 1 { return dispersion ? baseOutcome : baseOutcome.meansOnly }
    let half = -expm1(-M_LN2 / n)
    let abovePositive = survival(0)
    let belowAtom = below(0)
    let atomWins = atomMass > 0 ? exp(n * log(belowAtom + atomMass)) - exp(n * log(belowAtom)) : 0
    let median: Double
    if atomMass > 0, half > abovePositive, half <= abovePositive + atomMass {
      median = 0
    } else {
      median = try upperQuantile(half, field: .n)
    }
    let densityAtMedian = density(median)
    let width =
      densityAtMedian > 0 && !(atomMass > 0 && median == 0)
      ? survival(median) / densityAtMedian : smallestScale
    let integral = PiecewiseIntegral(
      breaks: (atomMass > 0 ? [median, 0] : [median]) + parts.flatMap(\.breakpoints),
      width: min(width, 1e3 * smallestScale))
    let logN = log(n)
    func weight(_ p: Double) -> Double {
      let logF = logCDF(p)
      return logF == -.infinity ? 0 : exp(logN + (n - 1) * logF)
    }
    func integrate(_ scale: Double, _ h: (Double) -> Double) throws(SelectionError) -> Double {
      do {
        return try integral.integrate(absoluteTolerance: 1e-13 * scale) { p in
          let w = weight(p)
          return w == 0 ? 0 : w * h(p)
        }
      } catch {
        throw SelectionError(field: .n, rule: "could not be computed by quadrature (\(error))")
      }
    }
    let reach = abs(median) + width
    var meanP: Double? = nil
    var varianceP: Double? = nil
    if meanPersuasivenessExists {
      let offset = try integrate(reach) { p in density(p) * (p - median) } + atomWins * (0 - median)
      let centre = median + offset
      meanP = centre
      if dispersion, variancePersuasivenessExists {
        varianceP =
          try integrate(reach * reach) { p in density(p) * (p - centre) * (p - centre) }
          + atomWins * centre * centre
      }
    }
    var meanT: Double? = nil
    var varianceT: Double? = nil
    if meanTruthExists {
      let ratio = parts.map { abs($0.truthRatio) }.max() ?? 0
      let truthReach = ratio * reach + abs(atom?.meanTruth ?? 0)
      let centre =
        try integrate(truthReach) { p in truthDensity(p) * p }
        + atomWins * (atom?.meanTruth ?? 0)
      meanT = centre
      if dispersion, varianceTruthExists {
        var spread = try integrate(truthReach * truthReach) { p in
          parts.reduce(0) { sum, part in
            let offset = part.truthRatio * p - centre
            return sum + part.weight * part.density(p) * offset * offset
          }
        }
        if let atom, let v = atom.varianceTruth, let mu = atom.meanTruth {
          spread += atomWins * (v + (mu - centre) * (mu - centre))
        }
        varianceT = spread
      }
    }
    return SelectionOutcome(
      meanTruth: meanT, meanPersuasiveness: meanP, varianceTruth: varianceT,
      variancePersuasiveness: varianceP,
      kl: bestOfNDivergence(n, below: belowAtom, atomWins: atomWins))
  }

  /// Σ w_i r_i f_i(p): E[T · 1{P ∈ dp}] / (p dp) off the atom.
  func truthDensity(_ p: Double) -> Double {
    parts.reduce(0) { $0 + $1.weight * $1.truthRatio * $1.density(p) }
  }

  /// KL(best of n || base) for P with an atom of mass `atomMass` at 0 and F(0⁻) = `below`.
  func bestOfNDivergence(_ n: Double, below: Double, atomWins: Double) -> Double {
    let continuous = JointLaw.bestOfNDivergence(n)
    guard atomMass > 0, atomWins > 0 else { return continuous }
    func h(_ u: Double) -> Double {
      guard u > 0 else { return 0 }
      let power = exp(n * log(u))
      return power * log(n) + (n - 1) * (power * log(u) - power / n)
    }
    let above = below + atomMass
    let value = continuous - h(min(1, above)) + h(below) + atomWins * log(atomWins / atomMass)
    return max(0, value)
  }
}
