/// When a panel of a kernel's variable is fine enough for a pass's integrands
/// (`QuadratureKernel.panels`): a conforming type is a generic parameter there, so each criterion
/// is inlined into the halving (a closure in its place cost the t(3) model's first best-of-n 14 %).
protocol PanelCriterion {
  /// Whether [lower, upper] needs no halving.
  func isClear(from lower: Double, to upper: Double) -> Bool
}
