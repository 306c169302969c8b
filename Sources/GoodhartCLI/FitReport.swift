import Goodhart

/// How a fit of a Gao-Schulman-Hilton form is printed, by `frontier --fit` and `optimize --fit`.
enum FitReport {
  /// The JSON members of one fit (after any that say what was fitted).
  static func members(of fit: OveroptimisationFit) -> [(String, JSONOutput)] {
    [
      ("form", .string(fit.form.rawValue)),
      ("formula", .string(fit.form.formula)),
      ("alpha", .number(fit.alpha)),
      ("beta", .number(fit.beta)),
      ("peak_sqrt_kl", fit.peakDistance.map(JSONOutput.number) ?? .null),
      ("peak_gain", fit.peakGain.map(JSONOutput.number) ?? .null),
      ("rms_residual", .number(fit.rootMeanSquareResidual)),
      ("max_residual", .number(fit.maximumAbsoluteResidual)),
      ("relative_residual", .number(fit.relativeResidual)),
      ("r_squared", fit.rSquared.map(JSONOutput.number) ?? .null),
      ("quality", .string(fit.quality.rawValue)),
    ]
  }

  /// The table's columns after the leading `label` column.
  static let columns = ["form", "alpha", "beta", "peak sqrt KL", "rms residual", "R^2", "quality"]

  /// One table row: `label`, then `columns`.
  static func row(_ label: String, _ fit: OveroptimisationFit) -> [String] {
    let f = TextTable.format
    return [
      label, fit.form.formula, f(fit.alpha), f(fit.beta), fit.peakDistance.map(f) ?? "none",
      f(fit.rootMeanSquareResidual), fit.rSquared.map(f) ?? "-", fit.quality.rawValue,
    ]
  }
}
