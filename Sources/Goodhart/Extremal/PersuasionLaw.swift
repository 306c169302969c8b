import Foundation

/// The exact law of persuasiveness P, and of truth given P, for a model with independent
/// submodules of any family: the quadrature path behind every selection on a non-Gaussian model.
///
/// With a_i = w_i t_i and b_i = w_i p_i, only the submodules with b_i ≠ 0 move P:
/// P = μ + Σ_{b_k≠0} W_k with independent W_k = b_k (X_k − L_k) − σ_k m_k, each centred at its
/// median (m_k = 0 for the symmetric families; `PersuasionComponent`), μ = Σ (b_k L_k + σ_k m_k),
/// and E[T | P = p] = c + Σ_{b_k≠0} r_k E[W_k | P = p] with r_k = a_k / b_k and
/// c = Σ_{b_i=0} a_i E[X_i] + Σ_{b_k≠0} (a_k L_k + r_k σ_k m_k). Normal components are merged into
/// one (a sum of normals is normal and E[W_k | Σ W] is linear), so what remains is one law (no
/// convolution) or two (one nested quadrature); see Docs/HeavyTails.md. The right side of 0 is
/// computed on S, the left on the mirrored sum −S, so neither tail is ever 1 − the other.
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
  /// The mirrored sum −S of a pair whose components are not all symmetric (`nil` otherwise:
  /// then −S has the law of S).
  let mirroredPair: Convolution?
  /// μ: P = μ + S with S a sum of components centred at their medians (for symmetric
  /// components μ is the median of P, and its mean when that exists).
  public let location: Double
  /// c = Σ_{b_i=0} a_i E[X_i] + Σ_{b_k≠0} a_k L_k, or `nil` when a truth-only submodule with
  /// a_i ≠ 0 has no mean.
  let truthOffset: Double?
  /// Σ_{b_i=0} a_i² Var X_i, or `nil` when one of those variances does not exist.
  let outsideTruthVariance: Double?
  /// Whether every component is symmetric, so that S and −S have the same law.
  let isSymmetric: Bool
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
  ///   when more than two independent non-normal laws carry it, or when an empirical law carries
  ///   it beside another component (the messages point to Monte Carlo, `Simulation`).
  /// - Complexity: O(number of submodules).
  public init(model: Model) throws(SelectionError) {
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
      if let empirical = others.first(where: { !$0.law.breakpoints.isEmpty }) {
        throw SelectionError(
          field: .model,
          rule: "the empirical law of \(empirical.names.joined(separator: ", ")) carries persuasion "
            + "beside another part of P; the sum reading's convolution does not integrate across "
            + "its knots (its density jumps at each); the mixture reading covers it, and Monte "
            + "Carlo (simulate) estimates it")
      }
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
    isSymmetric = parts.components.allSatisfy(\.isSymmetric)
    if case .pair(let sum) = shape, !sum.isSymmetric {
      mirroredPair = sum.mirrored
    } else {
      mirroredPair = nil
    }
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
    if case .pair(let sum) = shape { PersuasionTable(sum, mirrored: mirroredPair) } else { nil }
  }

  /// The components of S, one or two.
  var components: [PersuasionComponent] {
    switch shape {
    case .single(let component): [component]
    case .pair(let convolution): [convolution.u, convolution.v]
    }
  }

  /// The ends of the support of S = P − μ: Σ σ_k times each component's (infinite for the
  /// symmetric families).
  var centredSupport: (lower: Double, upper: Double) {
    components.reduce((0.0, 0.0)) { total, c in
      (total.0 + c.scale * c.support.lower, total.1 + c.scale * c.support.upper)
    }
  }

  /// A length on the scale of P: Σ σ_k.
  var scale: Double { components.reduce(0) { $0 + $1.scale } }

  /// Σ |r_k| σ_k: the scale of the truth moved by persuasiveness.
  var truthScale: Double { components.reduce(0) { $0 + abs($1.truthRatio) * $1.scale } }
}
