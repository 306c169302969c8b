/// A singularity of a pass's integrands at y = centre ± i strip: a panel is clear of it when it
/// lies outside the panel's Bernstein ellipse of parameter 3 (`KernelPanel.isClear`).
struct ComplexSingularity: PanelCriterion {
  /// Its real part.
  let centre: Double
  /// Its distance from the line.
  let strip: Double

  func isClear(from lower: Double, to upper: Double) -> Bool {
    KernelPanel.isClear(from: lower, to: upper, of: centre, strip)
  }
}
