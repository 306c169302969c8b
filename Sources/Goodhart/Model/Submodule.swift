/// One capability of the model: it draws a sample X and contributes `truth · X` to the output's
/// truth score and `persuasion · X` to its persuasiveness, each scaled by the submodule's weight.
///
/// In the comment's toy model A has (truth, persuasion) = (1, 1), B has (1, 0), C has (0, 1).
public struct Submodule: Hashable, Sendable {
  /// A non-empty name, unique within a model.
  public let name: String
  /// The law of the sample X.
  public let distribution: Distribution
  /// The truth loading t: the submodule adds w · t · X to T.
  public let truth: Double
  /// The persuasion loading p: the submodule adds w · p · X to P.
  public let persuasion: Double

  /// Creates a submodule.
  ///
  /// - Parameters:
  ///   - name: non-empty.
  ///   - distribution: the law of X.
  ///   - truth: finite truth loading.
  ///   - persuasion: finite persuasion loading.
  /// - Throws: `ModelError` naming `name`, `truth` or `persuasion`.
  public init(name: String, distribution: Distribution, truth: Double, persuasion: Double)
    throws(ModelError)
  {
    guard !name.isEmpty else { throw ModelError(field: "name", rule: "must be non-empty") }
    guard truth.isFinite else {
      throw ModelError(field: "truth", rule: "must be finite (got \(truth))")
    }
    guard persuasion.isFinite else {
      throw ModelError(field: "persuasion", rule: "must be finite (got \(persuasion))")
    }
    self.name = name
    self.distribution = distribution
    self.truth = truth
    self.persuasion = persuasion
  }

  /// A Gaussian submodule with X ~ N(mean, sd²).
  ///
  /// - Throws: `ModelError` naming the offending field.
  public init(name: String, mean: Double, sd: Double, truth: Double, persuasion: Double)
    throws(ModelError)
  {
    try self.init(
      name: name, distribution: .normal(mean: mean, standardDeviation: sd), truth: truth,
      persuasion: persuasion)
  }
}
