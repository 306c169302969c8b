import Foundation

extension MixtureLaw {
  /// The exponential tilt π ∝ π0 exp(θP), θ = 1/β, whose KL is `kl`.
  ///
  /// Each part tilts within itself (K_i(θ) = θ m_i + C_i(θ), C_i the centred cumulant of
  /// `TiltCumulant`) and is reweighted by its moment generating function: π_i ∝ w_i exp(K_i(θ)),
  /// the atom keeping exp(0) = 1. KL = Σ π_i ln(π_i / w_i) + Σ_parts π_i (θ C_i'(θ) − C_i(θ)),
  /// increasing in θ; θ is found by Brent's method. E[P] and Var P from the parts' tilted means
  /// m_i + C_i' and variances C_i'' and the atom (P = 0), T = r_i P on part i.
  ///
  /// - Returns: `.notNormalisable` when a part has no exponential moment (`MixturePart`).
  /// - Throws: `SelectionError` naming `kl` when it is not finite and > 0.
  public func tilt(kl: Double) throws(SelectionError) -> TiltSelection {
    guard kl.isFinite, kl > 0 else {
      throw SelectionError(field: .kl, rule: "must be finite and > 0 (got \(kl))")
    }
    try requireVariation(.kl)
    let heavy = parts.filter(\.hasHeavyRightTail)
    guard heavy.isEmpty else { return .notNormalisable(submodules: heavy.map(\.name)) }
    let theta = try TiltCumulant.theta(
      reaching: kl, ceiling: ceiling, start: 1 / smallestScale, divergence: divergence(at:))
    return .normalisable(beta: 1 / theta, outcome: tilted(at: theta))
  }

  /// The tilt whose E[P] is `target`: θ solves E_θ[P] = target directly (E_θ[P] increases with
  /// θ, its derivative being Var_θ P), one root search of closed forms instead of a search over
  /// the KL around a search over θ.
  ///
  /// - Throws: `SelectionError` naming `target` when it is not finite or does not exceed the base
  ///   E[P].
  public func tilt(reachingMeanPersuasiveness target: Double) throws(SelectionError)
    -> TiltSelection
  {
    guard target.isFinite else {
      throw SelectionError(field: .target, rule: "must be finite (got \(target))")
    }
    try requireVariation(.target)
    let heavy = parts.filter(\.hasHeavyRightTail)
    guard heavy.isEmpty else { return .notNormalisable(submodules: heavy.map(\.name)) }
    guard let base = moments.meanPersuasiveness, target > base else {
      throw SelectionError(
        field: .target,
        rule: "must exceed the base E[P] = \(moments.meanPersuasiveness ?? .nan) (got \(target)): no selection is needed")
    }
    let theta: Double
    do {
      theta = try TiltCumulant.theta(
        reaching: target, ceiling: ceiling, start: 1 / smallestScale, divergence: meanPersuasiveness(at:))
    } catch {
      throw SelectionError(field: .target, rule: error.rule)
    }
    return .normalisable(beta: 1 / theta, outcome: tilted(at: theta))
  }

  /// The largest θ with every part's moment generating function finite.
  var ceiling: Double {
    parts.map { TiltCumulant.abscissa($0.law, scale: $0.scale) }.min() ?? .infinity
  }

  /// Each part's centred cumulant and its two derivatives at θ (`TiltCumulant.cumulants`), the
  /// one place the tilt evaluates them.
  func cumulants(_ theta: Double) -> [(value: Double, derivative: Double, second: Double)] {
    parts.map { TiltCumulant.cumulants($0.law, scale: $0.scale, theta) }
  }

  /// E_θ[P] = Σ π_i (m_i + C_i'(θ)) (the atom contributing 0).
  func meanPersuasiveness(at theta: Double) -> Double {
    let c = cumulants(theta)
    let shares = tiltedShares(theta, cumulants: c)
    return zip(parts, zip(shares.parts, c)).reduce(0) { sum, pair in
      sum + pair.1.0 * (pair.0.location + pair.1.1.derivative)
    }
  }

  /// The tilted law at θ: the parts' tilted pieces and the atom, with its KL.
  func tilted(at theta: Double) -> SelectionOutcome {
    let c = cumulants(theta)
    let shares = tiltedShares(theta, cumulants: c)
    var pieces: [MomentPiece] = []
    for (part, (share, cumulant)) in zip(parts, zip(shares.parts, c)) {
      let meanP = part.location + cumulant.derivative
      let varianceP = cumulant.second
      let r = part.truthRatio
      pieces.append(
        MomentPiece(
          mass: share, meanPersuasiveness: meanP, variancePersuasiveness: varianceP,
          meanTruth: r * meanP, varianceTruth: r * r * varianceP))
    }
    if let atom { pieces.append(atom.piece(mass: shares.atom)) }
    return MomentPiece.combine(pieces, kl: divergence(at: theta, cumulants: c))
  }

  /// The tilted weights of the parts and of the atom at θ (log-sum-exp normalised), from the
  /// parts' `cumulants` at θ.
  func tiltedShares(
    _ theta: Double, cumulants: [(value: Double, derivative: Double, second: Double)]
  ) -> (parts: [Double], atom: Double) {
    let logs = zip(parts, cumulants).map { part, cumulant in
      log(part.weight) + theta * part.location + cumulant.value
    }
    let atomLog = atomMass > 0 ? log(atomMass) : -Double.infinity
    let top = max(logs.max() ?? -.infinity, atomLog)
    let total = logs.reduce(0) { $0 + exp($1 - top) } + exp(atomLog - top)
    return (logs.map { exp($0 - top) / total }, exp(atomLog - top) / total)
  }

  /// KL(π_θ || π0) = Σ π_i ln(π_i / w_i) + Σ_parts π_i (θ C_i' − C_i) (both sums >= 0).
  func divergence(at theta: Double) -> Double {
    divergence(at: theta, cumulants: cumulants(theta))
  }

  /// The KL at θ from the parts' `cumulants` at θ.
  func divergence(
    at theta: Double, cumulants c: [(value: Double, derivative: Double, second: Double)]
  ) -> Double {
    guard theta > 0 else { return 0 }
    let shares = tiltedShares(theta, cumulants: c)
    var total = CompensatedSum()
    for (part, (share, cumulant)) in zip(parts, zip(shares.parts, c)) where share > 0 {
      total.add(share * log(share / part.weight))
      total.add(share * (theta * cumulant.derivative - cumulant.value))
    }
    if shares.atom > 0 { total.add(shares.atom * log(shares.atom / atomMass)) }
    return max(0, total.value)
  }
}
