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
/// convolution), two (one nested quadrature, `Convolution`) or more (each further component
/// convolved with the checked table of the sum before it, `NestedConvolution`); see
/// Docs/HeavyTails.md. The right side of 0 is computed on S, the left on the mirrored sum −S, so
/// neither tail is ever 1 − the other.
///
/// Moments that do not exist are `nil`, never numbers: E[T] needs a mean for every submodule with
/// a_i ≠ 0, E[P] for every submodule with b_i ≠ 0 (selected laws have densities at most a
/// constant times the base density, so a base mean that exists keeps existing after selection).
public struct PersuasionLaw: OutputLaw {
  /// One law, or a sum of two or more.
  enum Shape: Sendable {
    case single(PersuasionComponent)
    case sum(any CentredSum)
  }

  let shape: Shape
  /// The mirrored sum −S of a sum whose components are not all symmetric (`nil` otherwise:
  /// then −S has the law of S).
  let mirroredSum: (any CentredSum)?
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
  ///   or when two or more empirical laws carry it with no analytic part beside them, or one
  ///   beside parts none of which is analytic and one of which has an unbounded density, or,
  ///   among two or more, jumps (the message points to Monte Carlo, `Simulation`).
  /// - Complexity: O(number of submodules).
  public init(model: Model) throws(SelectionError) {
    let parts = Decomposition(model: model)
    let normals = parts.components.filter { $0.law.family == .normal }
    let others = parts.components.filter { $0.law.family != .normal }
    let components = others + [PersuasionComponent.mergingNormals(normals)].compactMap { $0 }
    guard let first = components.first else {
      throw SelectionError(
        field: .model,
        rule: "persuasiveness has zero variance under these weights, so selecting on it is undefined")
    }
    guard components.count > 1 else {
      self.init(shape: .single(first), parts: parts, moments: OutputMoments(sumOf: model))
      return
    }
    // An empirical law's density jumps at each knot; the convolutions cut their integrals there,
    // and the outer integrals cut at S's corners (`outerCuts`), the sums of one singular point
    // per component. Two empirical laws without an analytic part would give up to 257² of them.
    let empiricals = components.filter { !$0.breakpoints.isEmpty }
    let rest = components.filter { $0.breakpoints.isEmpty }
    let corners =
      components.count(where: \.jumps) < 2
      ? 0 : components.reduce(1) { $0 * $1.singularPoints.count }
    // With no analytic part beside it, an empirical law is refused beside a density that is
    // unbounded (a Weibull law with shape < 1: GSL's extrapolation loses its digits where the
    // pole meets the knots), or beside two or more parts one of which jumps (S then bends at
    // every knot plus that part's singular points, and the nested integrals with the table's
    // slivers left to direct quadrature take minutes).
    if let empirical = empiricals.first, !rest.contains(where: \.isAnalytic),
      let culprit = rest.first(where: \.hasUnboundedDensity)
        ?? (rest.count >= 2 ? rest.first(where: \.jumps) : nil)
    {
      let what =
        culprit.hasUnboundedDensity
        ? "a density that is unbounded at the end of its support"
        : "a density that jumps at the end of its support, beside further parts"
      throw SelectionError(
        field: .model,
        rule: "the empirical law of \(empirical.names.joined(separator: ", ")) carries persuasion "
          + "beside parts none of which is analytic, one of them (the \(culprit.law.family.name) "
          + "law of \(culprit.names.joined(separator: ", "))) with \(what); the sum reading is "
          + "exact for an empirical law beside an analytic part (normal, student_t, cauchy, "
          + "logistic, gumbel), beside one law of another family with a bounded density, or "
          + "beside parts none of which jumps; the mixture reading covers it, and Monte Carlo "
          + "(simulate) estimates it")
    }
    if corners > PersuasionLaw.outerCutLimit {
      throw SelectionError(
        field: .model,
        rule: "the empirical laws of \(empiricals.map { $0.names.joined(separator: ", ") }.joined(separator: " and ")) "
          + "carry persuasion with no analytic part beside them, so the density of P bends at "
          + "\(corners) points (sums of their knots), more than the \(PersuasionLaw.outerCutLimit) "
          + "the outer integrals are cut at; the sum reading is exact for several empirical laws "
          + "beside an analytic part (normal, student_t, cauchy, logistic, gumbel); the mixture "
          + "reading covers it, and Monte Carlo (simulate) estimates it")
    }
    // Three or more: analytic laws first, then the rest of those on the whole line, so that the
    // partial sums' densities are smooth where they can be (a density convolved with an analytic
    // one is analytic). Where they are not (two supports' ends meet, or a Laplace peak meets an
    // end: `CentredSum.singularPoints`), the nested integrals are cut there and the tables leave
    // a sliver around the point to direct quadrature. An empirical law goes last, so that every
    // partial sum before it is smooth.
    let ordered =
      components.count == 2
      ? components
      : rest.filter(\.isAnalytic) + rest.filter { !$0.isAnalytic && $0.spansTheLine }
        + rest.filter { !$0.isAnalytic && !$0.spansTheLine } + empiricals
    var sum: any CentredSum = Convolution(ordered[0], ordered[1])
    for component in ordered.dropFirst(2) {
      sum = NestedConvolution(partial: PartialSum(sum), last: component)
    }
    let shape = Shape.sum(sum)
    self.init(shape: shape, parts: parts, moments: OutputMoments(sumOf: model))
  }

  /// A law of the given shape with the location, truth offset, outside truth variance and
  /// existence flags of `parts`, and the base moments `moments` (the designated initialiser).
  init(shape: Shape, parts: Decomposition, moments: OutputMoments) {
    self.shape = shape
    isSymmetric = parts.components.allSatisfy(\.isSymmetric)
    if case .sum(let sum) = shape, !sum.isSymmetric {
      mirroredSum = sum.mirrored
    } else {
      mirroredSum = nil
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
    if case .sum(let sum) = shape { PersuasionTable(sum, mirrored: mirroredSum) } else { nil }
  }

  /// The components of S.
  var components: [PersuasionComponent] {
    switch shape {
    case .single(let component): [component]
    case .sum(let sum): sum.components
    }
  }

  /// The ends of the support of S = P − μ: Σ σ_k times each component's (infinite for the
  /// symmetric families).
  var centredSupport: (lower: Double, upper: Double) {
    components.reduce((0.0, 0.0)) { total, c in
      (total.0 + c.scale * c.support.lower, total.1 + c.scale * c.support.upper)
    }
  }

  /// Where S's tails are stretched, how far they reach: on a side where some component's tail is
  /// stretched (`Distribution.Family.hasStretchedRightTail`: a lognormal, or a Weibull k < 1,
  /// reaching out that way) and none is polynomial, Σ_k σ_k times each component's quantile at
  /// 10^−300 on that side (P(S beyond it) <= 10^−300 times the number of components); `nil` on
  /// the other sides. The outer integrals over such a side are taken in a logarithmic variable up
  /// to that point (`SplitIntegral`).
  var stretchedReach: (below: Double?, above: Double?) {
    func reach(_ side: [PersuasionComponent], _ quantile: (PersuasionComponent) -> Double) -> Double? {
      guard side.contains(where: \.law.family.hasStretchedRightTail),
        !side.contains(where: { $0.law.family.rightTailIndex < .infinity })
      else { return nil }
      return side.reduce(0) { $0 + $1.scale * quantile($1) }
    }
    let farOut = 1e-300
    let below = reach(components.map(\.mirrored)) { $0.upperQuantile(farOut) }
    return (below.map { -$0 }, reach(components) { $0.upperQuantile(farOut) })
  }

  /// Where the outer integrals over s are cut: S's singular points (`CentredSum.singularPoints`),
  /// always when two or more of its components have densities that jump or are unbounded
  /// (`PersuasionComponent.jumps`: S has corners there), else only for an integral that fails
  /// uncut (a density convolved with one whose derivative is integrable, every other family here,
  /// is C¹). None for one component, whose values are closed-form.
  var outerCuts: OuterCuts {
    guard case .sum(let sum) = shape else { return .none }
    return OuterCuts(
      points: Array(Set(sum.singularPoints)).sorted(),
      always: sum.components.count(where: \.jumps) >= 2)
  }

  /// The most points the outer integrals may be cut at: two empirical laws would give the sums
  /// of their knots, up to 257², each piece costing at least one Gauss–Kronrod rule.
  static let outerCutLimit = 2000

  /// A length on the scale of P: Σ σ_k.
  var scale: Double { components.reduce(0) { $0 + $1.scale } }

  /// Σ |r_k| σ_k: the scale of the truth moved by persuasiveness.
  var truthScale: Double { components.reduce(0) { $0 + abs($1.truthRatio) * $1.scale } }
}
