/// The built-in models of the command line and the examples.
public enum Preset: String, CaseIterable, Hashable, Sendable {
  /// The comment's worst case: A ~ N(1, 1) true and persuasive, B ~ N(1, 1) only true,
  /// C ~ N(2, 1) only persuasive, equal weights. C persuades more cheaply than A, so reward
  /// maximisation on the weights puts everything on C and truth falls to 0.
  case cheapPersuasion = "cheap-persuasion"
  /// The same with A's and C's means swapped (A ~ N(2, 1), C ~ N(1, 1)): the reward maximiser
  /// lands on A and keeps truth.
  case honestPersuasion = "honest-persuasion"

  /// The preset used when none is named.
  public static let `default`: Preset = .cheapPersuasion

  /// The model.
  public var model: Model {
    let (meanA, meanC): (Double, Double) = self == .cheapPersuasion ? (1, 2) : (2, 1)
    do {
      return try Model(
        submodules: [
          Submodule(name: "A", mean: meanA, sd: 1, truth: 1, persuasion: 1),
          Submodule(name: "B", mean: 1, sd: 1, truth: 1, persuasion: 0),
          Submodule(name: "C", mean: meanC, sd: 1, truth: 0, persuasion: 1),
        ],
        weights: [0.3333333333333333, 0.3333333333333333, 0.3333333333333334])
    } catch {
      preconditionFailure("preset \(rawValue) is invalid: \(error)")
    }
  }
}
