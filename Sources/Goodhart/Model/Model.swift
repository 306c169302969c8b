/// A model: submodules whose samples are combined by simplex weights into one output with a truth
/// score T and a persuasiveness score P.
///
/// With weights w (w_i >= 0, Σ w_i = 1) and independent samples X_i, the sum reading
/// (`Composition.sum`, the default) has T = Σ_i w_i t_i X_i and P = Σ_i w_i p_i X_i; the mixture
/// reading (`Composition.mixture`) lets submodule i write the whole output with probability w_i:
/// T = t_i X_i, P = p_i X_i. Only P can be measured; T is what we want.
public struct Model: Hashable, Sendable {
  /// The largest number of submodules a model may have.
  public static let maximumSubmoduleCount = 1000
  /// How far Σ w_i may stray from 1.
  public static let weightSumTolerance = 1e-9

  /// The submodules, in file order (ties in the reward maximiser go to the first).
  public let submodules: [Submodule]
  /// The simplex weights, one per submodule.
  public let weights: [Double]
  /// How the submodules make one output: a weighted sum (default) or a mixture.
  public let composition: Composition

  /// Creates a model, validating it as the contract says.
  ///
  /// - Parameters:
  ///   - submodules: 1 to 1000 submodules with non-empty, unique names.
  ///   - weights: one finite weight >= 0 per submodule, summing to 1 within 1e-9.
  ///   - composition: the sum reading (default) or the mixture reading.
  /// - Throws: `ModelError` naming `submodules`, `submodules[i].name`, `weights` or `weights[i]`.
  public init(submodules: [Submodule], weights: [Double], composition: Composition = .sum)
    throws(ModelError)
  {
    guard !submodules.isEmpty else {
      throw ModelError(field: "submodules", rule: "must hold at least 1 submodule (got 0)")
    }
    guard submodules.count <= Model.maximumSubmoduleCount else {
      throw ModelError(
        field: "submodules",
        rule: "must hold at most \(Model.maximumSubmoduleCount) submodules (got \(submodules.count))")
    }
    var seen = Set<String>()
    for (index, submodule) in submodules.enumerated() where !seen.insert(submodule.name).inserted {
      throw ModelError(
        field: "submodules[\(index)].name", rule: "must be unique (\"\(submodule.name)\" repeats)")
    }
    try Model.validate(weights: weights, count: submodules.count)
    self.submodules = submodules
    self.weights = weights
    self.composition = composition
  }

  /// Checks that `weights` is a point of the simplex with `count` coordinates.
  ///
  /// - Throws: `ModelError` naming `weights` or `weights[i]`.
  public static func validate(weights: [Double], count: Int) throws(ModelError) {
    guard weights.count == count else {
      throw ModelError(
        field: "weights", rule: "must have one weight per submodule (\(count); got \(weights.count))")
    }
    for (index, weight) in weights.enumerated() {
      guard weight.isFinite, weight >= 0 else {
        throw ModelError(field: "weights[\(index)]", rule: "must be finite and >= 0 (got \(weight))")
      }
    }
    let sum = weights.reduce(0, +)
    guard abs(sum - 1) <= weightSumTolerance else {
      throw ModelError(field: "weights", rule: "must sum to 1 within 1e-9 (got \(sum))")
    }
  }

  /// The same submodules with other weights.
  ///
  /// - Throws: `ModelError` naming `weights` if `weights` is not on the simplex.
  public func withWeights(_ weights: [Double]) throws(ModelError) -> Model {
    try Model(submodules: submodules, weights: weights, composition: composition)
  }

  /// The same submodules and weights read another way.
  public func composed(as composition: Composition) -> Model {
    // The submodules and weights were validated when `self` was made.
    (try? Model(submodules: submodules, weights: weights, composition: composition)) ?? self
  }

  /// Whether (T, P) is bivariate normal: the sum reading with every submodule normal.
  public var isGaussian: Bool {
    composition == .sum && submodules.allSatisfy { $0.distribution.isGaussian }
  }

  /// The bivariate normal law of (T, P) for a Gaussian model in the sum reading.
  ///
  /// - Throws: `ModelError` naming `composition` for a mixture (whose (T, P) is not bivariate
  ///   normal; `outputLaw()` covers it) or the first non-normal submodule's `distribution`.
  /// - Complexity: O(number of submodules).
  public func jointLaw() throws(ModelError) -> JointLaw {
    guard composition == .sum else {
      throw ModelError(
        field: "composition",
        rule: "the bivariate normal law of (T, P) exists only in the sum reading (got mixture)")
    }
    if let index = submodules.firstIndex(where: { !$0.distribution.isGaussian }) {
      throw ModelError(
        field: "submodules[\(index)].distribution",
        rule: "the exact Gaussian analytics need normal submodules (got \(submodules[index].distribution.family.name))")
    }
    return JointLaw(model: self)
  }
}
