extension Model {
  /// The law of (T, P) under the model's weights, behind the route that computes it exactly.
  ///
  /// The mixture reading takes the mixture route; the sum reading takes closed forms when every
  /// submodule is normal and quadrature otherwise.
  ///
  /// - Throws: `SelectionError` naming `model` when no route covers the model (the quadrature
  ///   route of the sum reading: a skewed law carries persuasion, no submodule carries
  ///   persuasion while one is non-normal, or more than two independent non-normal laws carry
  ///   it).
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

  /// Throws when a weighted submodule with a skewed law (lognormal, Lomax, Gumbel, Weibull)
  /// carries persuasion: the quadrature route of the sum reading reads every part of P as
  /// symmetric about its centre (tails at |s|), so it does not cover it yet. A skewed law that
  /// carries truth only is covered (through its mean and variance), and the mixture route covers
  /// skewed personas (each one's P is `Distribution.scaled`).
  ///
  /// - Throws: `SelectionError` naming `model`, the submodule and its family, and pointing to
  ///   Monte Carlo (`simulate`), which covers every law.
  public func refuseSkewedPersuasion() throws(SelectionError) {
    guard let i = skewedPersuasionCarrier else { return }
    throw SelectionError(
      field: .model,
      rule: "submodules[\(i)] (\(submodules[i].name)) carries persuasion with a skewed law "
        + "(\(submodules[i].distribution.family.name)), which the exact routes of the sum reading "
        + "do not cover yet (the mixture reading's do); Monte Carlo (simulate) estimates it")
  }

  /// The first submodule with positive weight and a skewed law that carries persuasion.
  var skewedPersuasionCarrier: Int? {
    submodules.indices.first {
      weights[$0] > 0 && submodules[$0].persuasion != 0 && !submodules[$0].distribution.family.isSymmetric
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
