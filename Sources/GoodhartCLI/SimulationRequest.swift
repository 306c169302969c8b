import Foundation
import Goodhart

/// The flags of `goodhart simulate`, validated: every error names its flag and rule.
struct SimulationRequest {
  let samples: Int
  let seed: UInt64
  let threads: Int
  let bestOfN: [BestOfNTrials]
  let thresholds: [Double]
  let conditions: [Double]
  let halfWidth: Double
  let betas: [Double]

  /// Parses and checks the flag values.
  ///
  /// - Throws: `CommandFailure` naming `--samples`, `--seed`, `--threads`, `--best-of`,
  ///   `--trials`, `--threshold`, `--condition`, `--half-width` or `--beta`.
  init(
    samples: WholeFlag, seed: SeedFlag, threads: WholeFlag?, bestOf: [WholeFlag], trials: WholeFlag,
    thresholds: [RealFlag], conditions: [RealFlag], halfWidth: RealFlag, betas: [RealFlag]
  ) throws(CommandFailure) {
    self.samples = try samples.value(
      flag: "--samples", in: 2...Simulation.maximumSamples, rangeText: "2 <= N <= 10^15")
    self.seed = try seed.value(flag: "--seed")
    if let threads {
      self.threads = try threads.value(
        flag: "--threads", in: 1...Simulation.maximumThreads, rangeText: "1 <= T <= 1024")
    } else {
      self.threads = min(Simulation.maximumThreads, max(1, ProcessInfo.processInfo.activeProcessorCount))
    }
    let trialCount = try trials.value(
      flag: "--trials", in: 2...Simulation.maximumSamples, rangeText: "2 <= M <= 10^15")
    var experiments: [BestOfNTrials] = []
    for value in bestOf {
      let n = try value.value(
        flag: "--best-of", in: 1...BestOfNTrials.maximumCandidates, rangeText: "1 <= n <= 10^9")
      do {
        experiments.append(try BestOfNTrials(n: n, trials: trialCount))
      } catch {
        throw CommandFailure(flag: "--trials", error.rule)
      }
    }
    bestOfN = experiments
    self.thresholds = try thresholds.values(flag: "--threshold")
    self.conditions = try conditions.values(flag: "--condition")
    self.halfWidth = try halfWidth.value(flag: "--half-width")
    guard self.halfWidth > 0 else {
      throw CommandFailure(flag: "--half-width", "must be > 0 (got \"\(halfWidth.text)\")")
    }
    self.betas = try betas.values(flag: "--beta")
    for (flag, value) in zip(betas, self.betas) where value <= 0 {
      throw CommandFailure(flag: "--beta", "must be > 0 (got \"\(flag.text)\")")
    }
    let draws = bestOfN.reduce(Double(self.samples)) { $0 + Double($1.candidates) }
    guard draws <= 4e15 else {
      throw CommandFailure(flag: "--trials", "the run must draw at most 4 * 10^15 values in all")
    }
  }

  /// The library's experiment for `model`.
  ///
  /// - Throws: `CommandFailure` naming `--threshold`, `--condition` or `--beta` (the library's
  ///   checks).
  func simulation(of model: Model) throws(CommandFailure) -> Simulation {
    do {
      let windows =
        try thresholds.map { tau throws(SimulationError) in try PersuasivenessWindow.threshold(tau) }
        + conditions.map { p throws(SimulationError) in
          try PersuasivenessWindow.around(p, halfWidth: halfWidth)
        }
      return try Simulation(
        model: model, samples: samples, seed: seed, windows: windows, bestOfN: bestOfN,
        tilts: betas)
    } catch {
      throw CommandFailure(flag: FlagTable.flag(for: error.field), error.rule)
    }
  }
}
