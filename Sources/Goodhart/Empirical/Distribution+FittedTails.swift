extension Distribution {
  /// An empirical law's two fitted tails in X's own units (X = location ± scale · Y for the right
  /// and left orientations): the threshold and σ moved and scaled, the shape ξ, its standard
  /// error and the tail index unchanged. `nil` for the other families.
  public var fittedTails: (lower: GeneralizedParetoTail, upper: GeneralizedParetoTail)? {
    guard case .empirical(let law, let side) = family else { return nil }
    func moved(_ tail: GeneralizedParetoTail) -> GeneralizedParetoTail {
      GeneralizedParetoTail(
        threshold: location + (side == .right ? scale : -scale) * tail.threshold, mass: tail.mass,
        shape: tail.shape, scale: scale * tail.scale, exceedances: tail.exceedances)
    }
    return side == .right
      ? (moved(law.leftTail), moved(law.rightTail)) : (moved(law.rightTail), moved(law.leftTail))
  }
}
