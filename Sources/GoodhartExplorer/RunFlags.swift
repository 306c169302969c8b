import Synchronization

/// Why a run was stopped, set from the timer or the reader and read when the process has ended.
final class RunFlags: Sendable {
  /// The flags' values.
  struct Values {
    /// The time limit killed the process.
    var timedOut = false
    /// The output limit killed the process.
    var overflowed = false
  }

  private let values = Mutex(Values())

  /// Sets one flag.
  func set(_ flag: WritableKeyPath<Values, Bool> & Sendable) {
    values.withLock { $0[keyPath: flag] = true }
  }

  /// Reads one flag.
  func get(_ flag: KeyPath<Values, Bool> & Sendable) -> Bool {
    values.withLock { $0[keyPath: flag] }
  }
}
