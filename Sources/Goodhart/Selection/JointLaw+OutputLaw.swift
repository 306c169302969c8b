extension JointLaw: OutputLaw {
  /// Closed forms.
  public var route: LawRoute { .closedForm }

  /// Best-of-n means at each n (e_n by fixed rules, no variance quadrature).
  public func bestOfNMeans(at counts: [Double]) throws(SelectionError) -> [SelectionOutcome] {
    var outcomes: [SelectionOutcome] = []
    for n in counts { outcomes.append(try bestOfN(n, dispersion: false)) }
    return outcomes
  }

  /// The five moments (each exists for a bivariate normal law).
  public var moments: OutputMoments {
    OutputMoments(
      meanTruth: meanTruth, meanPersuasiveness: meanPersuasiveness, varianceTruth: varianceTruth,
      variancePersuasiveness: variancePersuasiveness, covariance: covariance)
  }
}
