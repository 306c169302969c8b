/// A grid of models and the quantities recorded at each point: `goodhart sweep`'s engine.
///
/// Points are numbered in row-major order of the axes (the last axis varies fastest); each is
/// computed on its own from the spec, so any subset of points (a `SweepShard`) gives the same
/// values as the whole grid, and the same spec gives the same values on every run.
public struct Sweep: Sendable {
  /// The spec.
  public let spec: SweepSpec

  /// A sweep of `spec`.
  public init(spec: SweepSpec) { self.spec = spec }

  /// The quantities recorded at point `index`, in the order of `spec.record`; a quantity
  /// undefined there is `.missing`.
  ///
  /// - Throws: `SweepError` only if the model at the point is invalid (not after `SweepSpec`
  ///   validated the grid).
  /// - Complexity: closed forms for Gaussian models; one certified optimum per point for the
  ///   penalised quantities; quadrature for the best-of-n of non-normal laws.
  public func values(atPoint index: Int) throws(SweepError) -> [SweepValue] {
    let model = try spec.model(atPoint: index)
    let record = spec.record
    let comparison = record.contains(where: \.needsComparison)
      ? try? GoodhartComparison(
        model: model, betas: record.contains(where: \.isPenalised) ? [spec.beta] : [])
      : nil
    let bestOfN = record.contains(where: \.isBestOfN)
      ? (try? model.outputLaw()).flatMap { law in try? law.bestOfN(spec.n) }
      : nil
    let asymptote = record.contains(where: \.isAsymptote) ? model.bestOfNAsymptote() : nil
    let base = model.moments
    return record.map { quantity in
      switch quantity {
      case .goodhartGap: SweepValue(comparison?.goodhartGap)
      case .filteringMeanTruth: SweepValue(comparison?.filteringTruth)
      case .targetPersuasion: SweepValue(comparison?.targetPersuasiveness)
      case .rewardMaximiser: comparison.map { .text($0.maximiser.submodule) } ?? .missing
      case .rewardMaximiserMeanTruth: SweepValue(comparison?.maximiser.meanTruth)
      case .baseMeanTruth: SweepValue(base.meanTruth)
      case .baseMeanPersuasion: SweepValue(base.meanPersuasiveness)
      case .correlation: SweepValue(base.correlation)
      case .bestOfNMeanTruth: SweepValue(bestOfN?.meanTruth)
      case .bestOfNMeanPersuasion: SweepValue(bestOfN?.meanPersuasiveness)
      case .penalisedMeanTruth: SweepValue(comparison?.penalised.first?.optimum.meanTruth)
      case .penalisedMeanPersuasion:
        SweepValue(comparison?.penalised.first?.optimum.meanPersuasiveness)
      case .penalisedGoodhartGap: SweepValue(comparison?.penalised.first?.goodhartGap)
      case .penalisedCertificate:
        comparison?.penalised.first.map { .text($0.certificate.rawValue) } ?? .missing
      case .asymptote: asymptote.map { .text($0.kind.rawValue) } ?? .missing
      case .limitMeanTruth: SweepValue(asymptote?.limit)
      }
    }
  }
}

extension SweepValue {
  /// A number, or `.missing` for nil or NaN.
  init(_ value: Double?) {
    if let value, !value.isNaN { self = .number(value) } else { self = .missing }
  }
}

extension SweepQuantity {
  var needsComparison: Bool {
    switch self {
    case .goodhartGap, .filteringMeanTruth, .targetPersuasion, .rewardMaximiser,
      .rewardMaximiserMeanTruth:
      true
    default: isPenalised
    }
  }

  var isAsymptote: Bool { self == .asymptote || self == .limitMeanTruth }
}
