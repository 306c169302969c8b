import Foundation

/// The ideal KL-regularised policy π ∝ π0 exp(P/β) on a model of any family, or why it does not
/// exist.
///
/// E[exp(P/β)] = Π_k E[exp(W_k/β)] factorises over the independent submodules carrying
/// persuasion. A polynomial right tail (Student-t, Cauchy) makes a factor infinite for every
/// β > 0: no tilt is normalisable, at any KL — the KL form of catastrophic Goodhart, where the
/// optimal regularised policy puts its mass on ever larger, ever less truthful P. Laplace and
/// logistic factors are finite only for β > σ_k = |b_k| S_k; normal ones always.
public enum ExponentialTilt: Hashable, Sendable {
  /// The tilt exists: its temperature and the means and KL of the tilted law.
  case normalisable(beta: Double, outcome: ExtremalOutcome)
  /// No temperature gives a normalisable law; `submodules` have polynomial right tails.
  case notNormalisable(submodules: [String])

  /// Why the tilt does not exist, in words (`nil` when it exists).
  public var obstruction: String? {
    guard case .notNormalisable(let names) = self else { return nil }
    return "pi0 * exp(P / beta) is not normalisable for any beta > 0: P has a polynomial right "
      + "tail (from \(names.joined(separator: ", "))), so E[exp(P / beta)] is infinite; this is "
      + "the KL form of catastrophic Goodhart. Use the quantilizer or best-of-n at the same KL"
  }
}

extension Model {
  /// The exponential tilt of this model whose KL from the base law is `kl`.
  ///
  /// With cumulants K_k(θ) = ln E[exp(θ W_k)] (normal σ²θ²/2, Laplace −ln(1 − σ²θ²), logistic
  /// ln(πσθ / sin(πσθ))) and θ = 1/β: KL(θ) = θ Σ K_k'(θ) − Σ K_k(θ), increasing from 0 to ∞ on
  /// 0 < θ < 1/max σ_k (over the Laplace/logistic components); E[P] = μ + Σ K_k'(θ),
  /// E[T] = c + Σ r_k K_k'(θ). θ is found by Brent's method (closed form when all are normal).
  ///
  /// - Parameter kl: K > 0 and finite, in nats.
  /// - Returns: `.notNormalisable` when a Student-t or Cauchy submodule carries persuasion.
  /// - Throws: `SelectionError` naming `kl` when K is not finite and > 0, or when no submodule
  ///   carries persuasion.
  /// - Complexity: O(submodules × 100).
  public func exponentialTilt(kl: Double) throws(SelectionError) -> ExponentialTilt {
    guard kl.isFinite, kl > 0 else {
      throw SelectionError(field: "kl", rule: "must be finite and > 0 (got \(kl))")
    }
    let parts = Decomposition(model: self)
    guard !parts.components.isEmpty else {
      throw SelectionError(
        field: "kl",
        rule: "persuasiveness has zero variance under these weights, so selecting on it is undefined")
    }
    let heavy = parts.components.filter(\.hasPolynomialTail)
    guard heavy.isEmpty else { return .notNormalisable(submodules: heavy.flatMap(\.names)) }
    let ceiling = parts.components.filter { $0.law.kind != .normal }.map { 1 / $0.scale }.min()
    let theta: Double
    if let ceiling {
      var high = 0.5 * ceiling
      var step = 0.25 * ceiling
      while TiltCumulant.kl(parts.components, high) < kl, step > ceiling * 1e-15 {
        high += step
        step *= 0.5
      }
      let finder = RootFinder(
        absoluteTolerance: 0, relativeTolerance: 1e-14, maximumIterations: 300,
        operation: "root of the tilt's KL")
      do {
        theta = try finder.root(
          of: { TiltCumulant.kl(parts.components, $0) - kl }, between: 0, and: high)
      } catch {
        throw SelectionError(field: "kl", rule: "no temperature reaches this KL (\(error))")
      }
    } else {
      let variance = parts.components.reduce(0) { $0 + $1.scale * $1.scale }
      theta = (2 * kl / variance).squareRoot()
    }
    let slopes = parts.components.map { TiltCumulant.derivative($0, theta) }
    let shift = slopes.reduce(0, +)
    let truthShift = zip(parts.components, slopes).reduce(0) { $0 + $1.0.truthRatio * $1.1 }
    return .normalisable(
      beta: 1 / theta,
      outcome: ExtremalOutcome(
        meanTruth: parts.meanTruthExists ? parts.truthOffset.map { $0 + truthShift } : nil,
        meanPersuasiveness: parts.location + shift,
        kl: TiltCumulant.kl(parts.components, theta)))
  }
}

/// Cumulant generating functions of the light-tailed standard families, stable for small θ.
enum TiltCumulant {
  /// K(θ) = ln E[exp(θ W)] for W = σ Y (∞ beyond the family's abscissa of convergence).
  static func value(_ c: PersuasionComponent, _ theta: Double) -> Double {
    let x = c.scale * theta
    switch c.law.kind {
    case .normal: return 0.5 * x * x
    case .laplace: return x < 1 ? -log1p(-x * x) : .infinity
    case .logistic:
      guard x < 1 else { return .infinity }
      let y = Double.pi * x
      // ln(y / sin y) = y²/6 + y⁴/180 + y⁶/2835 + ... for small y.
      if y < 1e-3 { return y * y / 6 + y * y * y * y / 180 }
      return log(y / sin(y))
    case .studentT, .cauchy: return .infinity
    }
  }

  /// K'(θ) = E_θ[W], the tilted mean.
  static func derivative(_ c: PersuasionComponent, _ theta: Double) -> Double {
    let x = c.scale * theta
    switch c.law.kind {
    case .normal: return c.scale * x
    case .laplace: return x < 1 ? 2 * c.scale * x / (1 - x * x) : .infinity
    case .logistic:
      guard x < 1 else { return .infinity }
      let y = Double.pi * x
      // 1/y − cot y = y/3 + y³/45 + 2y⁵/945 + ... for small y.
      let bracket = y < 1e-3 ? y / 3 + y * y * y / 45 : 1 / y - cos(y) / sin(y)
      return Double.pi * c.scale * bracket
    case .studentT, .cauchy: return .infinity
    }
  }

  /// KL(tilted || base) = θ Σ K'(θ) − Σ K(θ).
  static func kl(_ components: [PersuasionComponent], _ theta: Double) -> Double {
    components.reduce(0) { $0 + theta * derivative($1, theta) - value($1, theta) }
  }
}
