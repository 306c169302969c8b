/// How far a run has got, in draws: (T, P) samples plus best-of-n candidates.
public struct SimulationProgress: Hashable, Sendable {
  /// Draws finished so far.
  public let completed: Int
  /// Draws in the whole run.
  public let total: Int

  /// completed / total in [0, 1].
  public var fraction: Double { total > 0 ? Double(completed) / Double(total) : 1 }
}
