/// A best-of-n experiment: `trials` independent rounds, each drawing `n` candidates and keeping
/// the one with the largest persuasiveness.
public struct BestOfNTrials: Hashable, Sendable {
  /// The largest n accepted (10^9 candidates per trial).
  public static let maximumCandidates = 1_000_000_000
  /// The largest number of candidates over all trials (10^15).
  public static let maximumTotalCandidates = 1_000_000_000_000_000

  /// Candidates per trial (1 <= n <= 10^9).
  public let n: Int
  /// Trials (>= 2, so the winners' spread, hence the standard error, can be measured).
  public let trials: Int

  /// Creates an experiment.
  ///
  /// - Throws: `SimulationError` naming `n` or `trials` when out of range, or `trials` when
  ///   n · trials exceeds 10^15.
  public init(n: Int, trials: Int) throws(SimulationError) {
    guard n >= 1, n <= BestOfNTrials.maximumCandidates else {
      throw SimulationError(field: .n, rule: "must be an integer with 1 <= n <= 10^9 (got \(n))")
    }
    guard trials >= 2 else {
      throw SimulationError(field: .trials, rule: "must be an integer >= 2 (got \(trials))")
    }
    let (total, overflow) = n.multipliedReportingOverflow(by: trials)
    guard !overflow, total <= BestOfNTrials.maximumTotalCandidates else {
      throw SimulationError(
        field: .trials, rule: "n · trials must be <= 10^15 candidates (got \(n) · \(trials))")
    }
    self.n = n
    self.trials = trials
  }

  /// n · trials.
  public var candidates: Int { n * trials }
}
