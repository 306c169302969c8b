extension JointLaw: OutputLaw {
  /// Closed forms.
  public var route: LawRoute { .closedForm }

  /// The five moments (each exists for a bivariate normal law).
  public var moments: OutputMoments {
    OutputMoments(
      meanTruth: meanTruth, meanPersuasiveness: meanPersuasiveness, varianceTruth: varianceTruth,
      variancePersuasiveness: variancePersuasiveness, covariance: covariance)
  }
}
