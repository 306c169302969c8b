/// An optimisation on the weights was asked for something the model or the settings cannot give.
public typealias OptimisationError = FieldError<OptimisationConcern>

/// Marks errors of this concern (see `FieldError`).
public enum OptimisationConcern: ErrorConcern {
  /// See `OptimisationField`.
  public typealias Field = OptimisationField
}

extension OptimisationError {
  /// beta > 0 needs a base law with an invertible covariance.
  static let degenerateBase = OptimisationError(
    field: .weights,
    rule: """
      beta > 0 needs a non-degenerate base law of (T, P), but the covariance of (T, P) under the \
      model's weights is singular (det = 0: the weighted submodules have proportional \
      (truth, persuasion) loadings, or only one is weighted), so KL(law_w || law_w0) is infinite \
      for almost every w; give the base weights at least two submodules with non-proportional \
      loadings, or use beta = 0
      """)
}
