extension Model {
  /// The law of (T, P) under the model's weights, behind the route that computes it exactly.
  ///
  /// The mixture reading takes the mixture route; the sum reading takes closed forms when every
  /// submodule is normal and quadrature otherwise.
  ///
  /// - Throws: `SelectionError` naming `model` when no route covers the model (the quadrature
  ///   route of the sum reading: no submodule carries persuasion while one is non-normal, or two
  ///   or more empirical laws carry it with no analytic part beside them, or one beside parts
  ///   none of which is analytic and one of which has an unbounded density, or, among two or
  ///   more, jumps).
  /// - Complexity: O(number of submodules).
  public func outputLaw() throws(SelectionError) -> any OutputLaw {
    switch composition {
    case .mixture:
      return MixtureLaw(model: self)
    case .sum:
      if isGaussian { return JointLaw(model: self) }
      return try PersuasionLaw(model: self)
    }
  }

  /// Whether P is constant under the model's weights: no weighted submodule carries persuasion
  /// (then every selection on P is undefined and no route is needed).
  public var persuasivenessIsConstant: Bool {
    zip(weights, submodules).allSatisfy { $0.0 == 0 || $0.1.persuasion == 0 }
  }

  /// The moments of (T, P) under the model's weights in its composition, `nil` where they do not
  /// exist.
  ///
  /// - Complexity: O(number of submodules).
  public var moments: OutputMoments {
    switch composition {
    case .sum: OutputMoments(sumOf: self)
    case .mixture: OutputMoments(mixtureOf: self)
    }
  }
}
