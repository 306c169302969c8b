import Foundation

/// The law of (T, P) in the mixture reading: submodule i writes the whole output with
/// probability w_i, reporting T = t_i X_i and P = p_i X_i (the comment's capabilities "competing
/// for the steering wheel").
///
/// The submodules with p_i ≠ 0 are `MixturePart`s: on each, T = (t_i / p_i) P exactly, so every
/// selection on P acts on T through the posterior weights of the parts. The submodules with
/// p_i = 0 form an atom at P = 0 (`MixtureAtom`). Every policy is then a finite sum over parts of
/// closed forms (normal parts) or one-dimensional quadratures (other families); see
/// Docs/Model.md, "The mixture reading".
public struct MixtureLaw: OutputLaw {
  /// The parts that move P, in file order (submodules with w_i = 0 left out).
  let parts: [MixturePart]
  /// The atom at P = 0, if any submodule with w_i > 0 has p_i = 0.
  let atom: MixtureAtom?
  /// The base law's moments.
  public let moments: OutputMoments
  /// Whether E[T] exists (and so under every selection).
  let meanTruthExists: Bool
  /// Whether Var T exists.
  let varianceTruthExists: Bool

  /// The mixture route.
  public var route: LawRoute { .mixture }

  /// The mixture law of `model`'s submodules under its weights (its composition is not read),
  /// the weights divided by their sum (which the model holds to 1 within 1e-9) so that the
  /// probabilities of the submodules add to 1 exactly.
  ///
  /// - Complexity: O(number of submodules).
  public init(model: Model) {
    let total = model.weights.reduce(0, +)
    var parts: [MixturePart] = []
    var atomTerms: [(Submodule, Double)] = []
    for (submodule, raw) in zip(model.submodules, model.weights) where raw > 0 {
      let weight = raw / total
      let law = submodule.distribution
      if submodule.persuasion == 0 {
        atomTerms.append((submodule, weight))
        continue
      }
      let scaled = law.scaled(by: submodule.persuasion)
      parts.append(
        MixturePart(
          weight: weight, law: scaled.standardLaw, location: scaled.location, scale: scaled.scale,
          truthRatio: submodule.truth / submodule.persuasion, name: submodule.name,
          hasMean: law.hasMean, hasVariance: law.variance != nil,
          hasHeavyRightTail: !scaled.family.hasExponentialMoment))
    }
    if atomTerms.isEmpty {
      atom = nil
    } else {
      // T on the atom is the mixture of its submodules' t_i X_i, weights renormalised.
      let mass = atomTerms.reduce(0) { $0 + $1.1 }
      let law = OutputMoments(mixtureOf: atomTerms.map { ($0.0, $0.1 / mass) })
      atom = MixtureAtom(mass: mass, meanTruth: law.meanTruth, varianceTruth: law.varianceTruth)
    }
    self.parts = parts
    self.moments = OutputMoments(mixtureOf: model)
    let truthParts = parts.filter { $0.truthRatio != 0 }
    meanTruthExists = truthParts.allSatisfy(\.hasMean) && (atom.map { $0.meanTruth != nil } ?? true)
    varianceTruthExists =
      truthParts.allSatisfy(\.hasVariance) && (atom.map { $0.varianceTruth != nil } ?? true)
  }

  /// A law of parts alone (no atom); its moments of P assume unit-variance standard laws (normal
  /// parts), and its moments of T are left unknown.
  init(parts: [MixturePart]) {
    self.parts = parts
    self.atom = nil
    meanTruthExists = parts.allSatisfy { $0.truthRatio == 0 || $0.hasMean }
    varianceTruthExists = parts.allSatisfy { $0.truthRatio == 0 || $0.hasVariance }
    let meanP = parts.reduce(0) { $0 + $1.weight * $1.location }
    let variance = parts.reduce(0) { $0 + $1.weight * ($1.scale * $1.scale + ($1.location - meanP) * ($1.location - meanP)) }
    moments = OutputMoments(
      meanTruth: nil, meanPersuasiveness: meanP, varianceTruth: nil,
      variancePersuasiveness: variance, covariance: nil)
  }

  /// Whether E[P] exists.
  var meanPersuasivenessExists: Bool { parts.allSatisfy(\.hasMean) }
  /// Whether Var P exists.
  var variancePersuasivenessExists: Bool { parts.allSatisfy(\.hasVariance) }
  /// The atom's mass (0 without an atom).
  var atomMass: Double { atom?.mass ?? 0 }

  /// Throws unless P varies: it needs at least one part (an atom alone is a constant).
  func requireVariation(_ field: SelectionField) throws(SelectionError) {
    if parts.isEmpty { throw .zeroVariance(field) }
  }

  /// P(P > p) = Σ w_i Q_i(p) + atom · 1{p < 0}, accurate relative to itself in the right tail.
  func survival(_ p: Double) -> Double {
    var sum = parts.reduce(0) { $0 + $1.weight * $1.survival(p) }
    if p < 0 { sum += atomMass }
    return sum
  }

  /// P(P <= p) = Σ w_i F_i(p) + atom · 1{p >= 0}, accurate in the left tail.
  func cdf(_ p: Double) -> Double {
    var sum = parts.reduce(0) { $0 + $1.weight * $1.cdf(p) }
    if p >= 0 { sum += atomMass }
    return sum
  }

  /// P(P < p) = Σ w_i F_i(p) + atom · 1{p > 0}: the mass strictly below p (the atom at 0 counts
  /// only for p > 0), accurate in the left tail.
  func below(_ p: Double) -> Double {
    parts.reduce(0) { $0 + $1.weight * $1.cdf(p) } + (p > 0 ? atomMass : 0)
  }

  /// ln P(P <= p), from whichever of F and 1 − Q keeps its digits.
  func logCDF(_ p: Double) -> Double {
    let tail = survival(p)
    return tail < 0.5 ? log1p(-tail) : log(cdf(p))
  }

  /// The density of the continuous part of P at p: Σ w_i f_i(p).
  func density(_ p: Double) -> Double { parts.reduce(0) { $0 + $1.weight * $1.density(p) } }

  /// The typical scale of P: the smallest part scale (a width for quadrature).
  var smallestScale: Double { parts.map(\.scale).min() ?? 1 }
}
