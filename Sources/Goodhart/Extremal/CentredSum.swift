import Foundation

/// The law of a sum S = Σ_k W_k of two or more independent centred components
/// (`PersuasionComponent`), with the truth it carries, T_S = Σ_k r_k W_k, on s >= 0: its law at
/// s < 0 is that of `mirrored` (−S) at −s, so no tail is ever 1 − the other.
///
/// Two conformances: `Convolution` (two components, one nested quadrature) and
/// `NestedConvolution` (a tabulated sum of two or more plus one more component), which nest to
/// any number of components.
protocol CentredSum: Sendable {
  /// Q_S(s) for s >= 0, accurate relative to itself far in the right tail.
  func tail(_ s: Double) throws(NumericalError) -> Double
  /// f_S(s) for s >= 0.
  func density(_ s: Double) throws(NumericalError) -> Double
  /// Q_S(s) and f_S(s) for s >= 0 when one pass computes both, with (when `truth`) the truth
  /// numerator and square sums where it vouches for them too (`KernelQuadrature`), else `nil`
  /// (then `tail` and `density` each take their own quadrature).
  func tailAndDensity(_ s: Double, truth: Bool) -> PassValues?
  /// N(s) = E[T_S · 1{S ∈ ds}]/ds = E[T_S | S = s] f_S(s) for s >= 0.
  func truthNumerator(_ s: Double) throws(NumericalError) -> Double
  /// Var[T_S | S = s] for s >= 0 given f_S(s) = `density` > 0 (0 when every r_k is the same;
  /// callers check `hasTruthVariance` first). The noise inside merged normal components
  /// (`PersuasionComponent.internalTruthVariance`) is not included.
  func truthSpreadVariance(_ s: Double, density: Double) throws(NumericalError) -> Double
  /// E[(T_S − t)² · 1{S ∈ ds}]/ds = E[(T_S − t)² | S = s] f_S(s) for s >= 0 and a fixed t (callers
  /// check `hasTruthVariance` first): one integral of non-negative terms, needing neither f_S(s)
  /// nor E[T_S | S = s] (a selection's Var T averages it with t = E_sel[T] − c). Merged normal
  /// components' inner noise is not included.
  func truthSquareNumerator(_ s: Double, about t: Double) throws(NumericalError) -> Double
  /// A lower bound of f_S(s) for s >= 0 (it floors the absolute tolerance of quadrature).
  func densityLowerBound(_ s: Double) -> Double
  /// −S = Σ_k (−W_k), with the same truth ratios (its truth numerator at −s is minus this one's
  /// at s).
  var mirrored: any CentredSum { get }
  /// The components, in the order they were added.
  var components: [PersuasionComponent] { get }
}

extension CentredSum {
  /// No pass computes tail and density together.
  func tailAndDensity(_ s: Double, truth: Bool) -> PassValues? { nil }

  /// Q_S(s), f_S(s) and the truth values from one pass (`tailAndDensity(_:truth:)`).
  func tailAndDensity(_ s: Double) -> PassValues? { tailAndDensity(s, truth: true) }

  /// Whether S and −S have the same law.
  var isSymmetric: Bool { components.allSatisfy(\.isSymmetric) }

  /// A length on the scale of S: Σ σ_k.
  var scale: Double { components.reduce(0) { $0 + $1.scale } }

  /// Σ |r_k| σ_k: the scale of the truth S carries.
  var truthScale: Double { components.reduce(0) { $0 + abs($1.truthRatio) * $1.scale } }

  /// Whether a component's density jumps or is unbounded where its support ends (finite
  /// pieces then use QAGS).
  var hasSingularEnds: Bool { components.contains(where: \.hasSingularEnd) }

  /// The points s where S's density may not be analytic: the sums Σ_k w_k of one singular point
  /// w_k per component (`PersuasionComponent.singularPoints`); none when a component has none
  /// (a density convolved with an analytic one is analytic).
  var singularPoints: [Double] {
    components.reduce([0.0]) { sums, component in
      component.singularPoints.flatMap { point in sums.map { $0 + point } }
    }
  }

  /// The ends of the support of S: Σ σ_k times each component's.
  var support: (lower: Double, upper: Double) {
    components.reduce((0.0, 0.0)) { total, c in
      (total.0 + c.scale * c.support.lower, total.1 + c.scale * c.support.upper)
    }
  }

  /// Whether every component carries the same truth per unit of persuasiveness (then
  /// T_S = r S and Var[T_S | S = s] = 0).
  var truthIsProportional: Bool {
    components.allSatisfy { $0.truthRatio == components[0].truthRatio }
  }

  /// Whether Var[T_S | S = s] exists: E[W_k² | S = s] = ∫ w² f_k(w) f_{S−W_k}(s − w) dw converges
  /// unless W_k's tail index and the heaviest tail among the others sum to at most 1, so the
  /// variance exists when the two smallest tail indices (either side) sum to more than 1, or
  /// when T_S = r S.
  var hasTruthVariance: Bool {
    if truthIsProportional { return true }
    let indices = components.map { min($0.law.family.rightTailIndex, $0.law.family.mirrored.rightTailIndex) }
      .sorted()
    return indices[0] + indices[1] > 1
  }

  /// A point g <= 0 with P(S < g) <= 10^−30: P(S < g) <= Σ_k P(W_k < g/K) for K components, so
  /// K times the least σ_k F_k⁻¹(10^−30/K) will do.
  var lowerReach: Double {
    let count = Double(components.count)
    return count * (components.map { $0.scale * $0.lowerQuantile(1e-30 / count) }.min() ?? 0)
  }
}
