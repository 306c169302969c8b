import Foundation
import Goodhart

/// Progress and an ETA on standard error for long runs: silent for the first two seconds, then a
/// line rewritten at most four times a second, erased when the run ends.
final class ProgressReporter {
  /// Runs shorter than this print nothing.
  static let delay: Duration = .seconds(2)
  /// The shortest interval between two redraws.
  static let interval: Duration = .milliseconds(250)

  private let enabled: Bool
  private let clock = ContinuousClock()
  private let start: ContinuousClock.Instant
  private var lastDraw: ContinuousClock.Instant?

  /// A reporter that prints only when `enabled` (standard error is a terminal and no `--quiet`).
  init(enabled: Bool) {
    self.enabled = enabled
    start = clock.now
  }

  /// Redraws the progress line of a simulation if the run has lasted long enough.
  func update(_ progress: SimulationProgress) {
    update(command: "simulate", fraction: progress.fraction, of: "\(progress.total) draws")
  }

  /// Redraws `<command>: 42.0% of <what>, 3s elapsed, ETA 4s` if the run has lasted long enough.
  func update(command: String, fraction: Double, of what: String) {
    guard enabled else { return }
    let now = clock.now
    let elapsed = now - start
    guard elapsed >= ProgressReporter.delay else { return }
    if let lastDraw, now - lastDraw < ProgressReporter.interval { return }
    lastDraw = now
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let remaining = fraction > 0 ? seconds * (1 - fraction) / fraction : 0
    let percent = String(format: "%5.1f", fraction * 100)
    let line =
      "\r\(command): \(percent)% of \(what), "
      + "\(ProgressReporter.clockText(seconds)) elapsed, ETA \(ProgressReporter.clockText(remaining)) "
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// Erases the progress line, if one was drawn.
  func finish() {
    guard lastDraw != nil else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }

  /// "1h02m03s", "2m03s" or "3s".
  static func clockText(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
    if hours > 0 { return String(format: "%dh%02dm%02ds", hours, minutes, rest) }
    if minutes > 0 { return String(format: "%dm%02ds", minutes, rest) }
    return "\(rest)s"
  }
}
