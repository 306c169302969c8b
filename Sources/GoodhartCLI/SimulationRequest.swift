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
    samples: String, seed: String, threads: String?, bestOf: [String], trials: String,
    thresholds: [String], conditions: [String], halfWidth: String, betas: [String]
  ) throws(CommandFailure) {
    self.samples = try SimulationRequest.integer(
      samples, flag: "--samples", range: 2...Simulation.maximumSamples, rangeText: "2 <= N <= 10^15")
    self.seed = UInt64(
      try SimulationRequest.integer(seed, flag: "--seed", range: 0...Int.max, rangeText: "0 <= S <= 2^63 - 1"))
    if let threads {
      self.threads = try SimulationRequest.integer(
        threads, flag: "--threads", range: 1...Simulation.maximumThreads, rangeText: "1 <= T <= 1024")
    } else {
      self.threads = min(Simulation.maximumThreads, max(1, ProcessInfo.processInfo.activeProcessorCount))
    }
    let trialCount = try SimulationRequest.integer(
      trials, flag: "--trials", range: 2...Simulation.maximumSamples, rangeText: "2 <= M <= 10^15")
    var experiments: [BestOfNTrials] = []
    for value in bestOf {
      let n = try SimulationRequest.integer(
        value, flag: "--best-of", range: 1...BestOfNTrials.maximumCandidates, rangeText: "1 <= n <= 10^9")
      do {
        experiments.append(try BestOfNTrials(n: n, trials: trialCount))
      } catch {
        throw CommandFailure(flag: "--trials", error.rule)
      }
    }
    bestOfN = experiments
    self.thresholds = try FlagValue.finiteNumbers(thresholds, flag: "--threshold")
    self.conditions = try FlagValue.finiteNumbers(conditions, flag: "--condition")
    self.halfWidth = try FlagValue.finiteNumber(halfWidth, flag: "--half-width")
    guard self.halfWidth > 0 else {
      throw CommandFailure(flag: "--half-width", "must be > 0 (got \"\(halfWidth)\")")
    }
    self.betas = try FlagValue.finiteNumbers(betas, flag: "--beta")
    for (text, value) in zip(betas, self.betas) where value <= 0 {
      throw CommandFailure(flag: "--beta", "must be > 0 (got \"\(text)\")")
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

  /// An integer flag value in `range` ("1000000", "1e6" and "1_000_000" are all accepted).
  static func integer(_ value: String, flag: String, range: ClosedRange<Int>, rangeText: String)
    throws(CommandFailure) -> Int
  {
    let text = value.replacingOccurrences(of: "_", with: "").trimmingCharacters(in: .whitespaces)
    let rule = "must be an integer with \(rangeText) (got \"\(value)\")"
    if let exact = Int(text) {
      guard range.contains(exact) else { throw CommandFailure(flag: flag, rule) }
      return exact
    }
    // Scientific notation: exact only while the value is an integer below 2^53.
    guard let number = Double(text), number.isFinite, number == number.rounded(),
      abs(number) <= 0x1p53, range.contains(Int(number))
    else { throw CommandFailure(flag: flag, rule) }
    return Int(number)
  }
}
