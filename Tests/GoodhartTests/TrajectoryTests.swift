import Foundation
import Testing

@testable import Goodhart

/// The trajectory view of issue "Which RL?": unpenalised training on P alone, early stopping by
/// truth, and Gao et al.'s forms fitted along the run.
@Suite struct TrajectoryTests {
  /// A truthful, persuasive A grows first at the expense of D (persuasive, untrue, weak); then C
  /// (the cheapest persuader, untrue) takes over: E[T] rises, then falls.
  static let hump = try! Model(
    submodules: [
      Submodule(name: "A", mean: 1.5, sd: 1, truth: 1, persuasion: 1),
      Submodule(name: "D", mean: 0.2, sd: 1, truth: 0, persuasion: 1),
      Submodule(name: "C", mean: 2, sd: 1, truth: 0, persuasion: 1),
    ],
    weights: [0.2, 0.6, 0.2])

  static func run() throws -> PolicyGradientResult {
    try WeightFamily(model: hump).policyGradient(
      PolicyGradientSettings(
        estimator: .pathwise, beta: 0, steps: 1500, batch: 1024, learningRate: 0.005, seed: 3,
        logEvery: 50))
  }

  @Test func earlyStopIsTheTruthPeakOfTheRun() throws {
    let result = try Self.run()
    let stop = try #require(result.earlyStop)
    let truths = result.trajectory.map(\.outcome.meanTruth)
    #expect(stop.outcome.meanTruth == truths.max())
    #expect(stop.step == result.trajectory.first { $0.outcome.meanTruth == truths.max() }!.step)
    // A hump: the peak is inside the run, well above both ends (exact E[T] of logged weights).
    #expect(stop.step > 0 && stop.step < result.steps)
    #expect(stop.outcome.meanTruth > truths.first! + 0.15)
    #expect(stop.outcome.meanTruth > truths.last! + 0.4)
  }

  /// d(α − βd) is linear in (α, β): the normal equations on (d, −d²) give the least-squares
  /// coefficients independently of the package's QR solve.
  @Test func fitAlongTheRunMatchesLinearLeastSquares() throws {
    let result = try Self.run()
    let fit = try result.fit(.bestOfN)
    let start = result.trajectory[0].outcome.meanTruth
    let points = result.trajectory.filter { $0.outcome.kl > 0 }
    let d = points.map { $0.outcome.kl.squareRoot() }
    let r = points.map { $0.outcome.meanTruth - start }
    #expect(fit.distances == d)
    let (s11, s12, s22) = (
      d.reduce(0) { $0 + $1 * $1 }, d.reduce(0) { $0 - $1 * $1 * $1 }, d.reduce(0) { $0 + pow($1, 4) }
    )
    let (b1, b2) = (zip(d, r).reduce(0) { $0 + $1.0 * $1.1 }, zip(d, r).reduce(0) { $0 - $1.0 * $1.0 * $1.1 })
    let determinant = s11 * s22 - s12 * s12
    let alpha = (b1 * s22 - s12 * b2) / determinant
    let beta = (s11 * b2 - s12 * b1) / determinant
    #expect(abs(fit.alpha - alpha) <= 1e-10 * abs(alpha))
    #expect(abs(fit.beta - beta) <= 1e-10 * abs(beta))
  }
}
