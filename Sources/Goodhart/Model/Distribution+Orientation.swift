extension Distribution {
  /// Which way a skewed family points: `right` is the law as the contract writes it
  /// (X = location + scale · Z, the long tail to the right), `left` its mirror image
  /// (X = location − scale · Z).
  public enum Orientation: String, Hashable, Sendable, CaseIterable {
    /// The law as written: the long tail to the right.
    case right
    /// The mirror image: the long tail to the left.
    case left

    /// The other orientation.
    public var mirrored: Orientation { self == .right ? .left : .right }
  }
}
