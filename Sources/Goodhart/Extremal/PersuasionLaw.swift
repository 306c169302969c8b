import Foundation

/// The exact law of persuasiveness P, and of truth given P, for a model with independent
/// submodules of any family: the quadrature path behind every selection on a non-Gaussian model.
///
/// With a_i = w_i t_i and b_i = w_i p_i, only the submodules with b_i ≠ 0 move P:
/// P = μ + Σ_{b_k≠0} W_k with μ = Σ b_k L_k and independent, symmetric W_k = b_k (X_k − L_k), and
/// E[T | P = p] = c + Σ_{b_k≠0} r_k E[W_k | P = p] with r_k = a_k / b_k and
/// c = Σ_{b_i=0} a_i E[X_i] + Σ_{b_k≠0} a_k L_k. Normal components are merged into one (a sum of
/// normals is normal and E[W_k | Σ W] is linear), so what remains is one law (no convolution) or
/// two (one nested quadrature); see Docs/HeavyTails.md.
///
/// Moments that do not exist are `nil`, never numbers: E[T] needs a mean for every submodule with
/// a_i ≠ 0, E[P] for every submodule with b_i ≠ 0 (selected laws have densities at most a
/// constant times the base density, so a base mean that exists keeps existing after selection).
public struct PersuasionLaw: OutputLaw {
  /// One law or a convolution of two.
  enum Shape: Sendable {
    case single(PersuasionComponent)
    case pair(Convolution)
  }

  /// The largest number of independent persuasion components (after merging normals) that
  /// quadrature handles exactly.
  public static let maximumComponents = 2

  let shape: Shape
  /// μ: P = μ + S with S symmetric about 0 (μ is the median of P, and its mean when that exists).
  public let location: Double
  /// c = Σ_{b_i=0} a_i E[X_i] + Σ_{b_k≠0} a_k L_k, or `nil` when a truth-only submodule with
  /// a_i ≠ 0 has no mean.
  let truthOffset: Double?
  /// Σ_{b_i=0} a_i² Var X_i, or `nil` when one of those variances does not exist.
  let outsideTruthVariance: Double?
  /// Whether E[T] exists under the base law (and so under every selection).
  public let meanTruthExists: Bool
  /// Whether E[P] exists under the base law (and so under every selection).
  public let meanPersuasivenessExists: Bool
  /// The base law's moments.
  public let moments: OutputMoments

  /// Quadrature.
  public var route: LawRoute { .quadrature }

  /// The law of P for `model`'s weights.
  ///
  /// - Parameter model: any valid model.
  /// - Throws: `SelectionError` naming `model` when no submodule carries persuasion (P is constant),
  ///   when a skewed law carries it (`Model.refuseSkewedPersuasion`) or when more than two
  ///   independent non-normal laws carry it (the messages point to Monte Carlo, `Simulation`).
  /// - Complexity: O(number of submodules).
  public init(model: Model) throws(SelectionError) {
    try model.refuseSkewedPersuasion()
    let parts = Decomposition(model: model)
    let normals = parts.components.filter { $0.law.family == .normal }
    let others = parts.components.filter { $0.law.family != .normal }
    let components = others + [PersuasionComponent.mergingNormals(normals)].compactMap { $0 }
    let shape: Shape
    switch components.count {
    case 0:
      throw SelectionError(
        field: .model,
        rule: "persuasiveness has zero variance under these weights, so selecting on it is undefined")
    case 1:
      shape = .single(components[0])
    case 2:
      shape = .pair(Convolution(components[0], components[1]))
    default:
      let names = others.flatMap(\.names).joined(separator: ", ")
      throw SelectionError(
        field: .model,
        rule: "exact quadrature handles at most \(PersuasionLaw.maximumComponents) independent "
          + "non-normal laws carrying persuasion (normal ones merge into one); this model has "
          + "\(components.count) (\(names)\(normals.isEmpty ? "" : " and the merged normals")); "
          + "Monte Carlo estimates it")
    }
    self.init(shape: shape, parts: parts, moments: OutputMoments(sumOf: model))
  }

  /// A law of the given shape with the location, truth offset, outside truth variance and
  /// existence flags of `parts`, and the base moments `moments` (the designated initialiser).
  init(shape: Shape, parts: Decomposition, moments: OutputMoments) {
    self.shape = shape
    self.location = parts.location
    self.truthOffset = parts.truthOffset
    self.outsideTruthVariance = parts.outsideTruthVariance
    self.meanTruthExists = parts.meanTruthExists
    self.meanPersuasivenessExists = parts.meanPersuasivenessExists
    self.moments = moments
  }

  /// A fresh checked interpolation table of the law of S for many selections on it (`nil` for
  /// one component, whose values are closed-form).
  func makeTable() -> PersuasionTable? {
    if case .pair(let convolution) = shape { PersuasionTable(convolution) } else { nil }
  }

  /// The components of S, one or two.
  var components: [PersuasionComponent] {
    switch shape {
    case .single(let component): [component]
    case .pair(let convolution): [convolution.u, convolution.v]
    }
  }

  /// A length on the scale of P: Σ σ_k.
  var scale: Double { components.reduce(0) { $0 + $1.scale } }

  /// Σ |r_k| σ_k: the scale of the truth moved by persuasiveness.
  var truthScale: Double { components.reduce(0) { $0 + abs($1.truthRatio) * $1.scale } }
}
