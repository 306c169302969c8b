/// A plain-words grade of a fit, from its root-mean-square residual relative to the largest gain.
public enum FitQuality: String, Hashable, Sendable {
  /// Relative residual <= 1e-6: the curve is the form, to rounding.
  case exact
  /// <= 1%: the form describes the curve.
  case good
  /// <= 5%: the form catches the trend but not the shape.
  case rough
  /// > 5% (or undefined): the form does not describe the curve.
  case poor

  /// Grades a relative residual (NaN and infinities are `poor`).
  public init(relativeResidual: Double) {
    switch relativeResidual {
    case ...1e-6: self = .exact
    case ...0.01: self = .good
    case ...0.05: self = .rough
    default: self = .poor
    }
  }
}
