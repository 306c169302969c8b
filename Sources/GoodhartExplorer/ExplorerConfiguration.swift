import Foundation

/// How `goodhart explore` serves: where it listens, which executable answers the API, and the
/// bounds that keep every request small and short.
public struct ExplorerConfiguration: Sendable {
  /// The address to listen on; the loopback address 127.0.0.1 unless the user asks otherwise.
  public var host: String
  /// The TCP port; 0 asks the system for any free port (the running server reports it).
  public var port: Int
  /// The `goodhart` executable each API request runs (normally the running binary itself).
  public var executable: URL
  /// Wall-clock seconds one API request may compute before its process is stopped.
  public var timeLimit: Double
  /// The largest request body accepted, in bytes.
  public var bodyLimit: Int
  /// The largest command output returned, in bytes.
  public var outputLimit: Int
  /// How many commands run at once; later requests wait their turn.
  public var concurrentRuns: Int
  /// Seconds a request may wait for its turn before it is turned away (503), so that its whole
  /// time is bounded by `queueLimit + timeLimit`.
  public var queueLimit: Double

  /// A configuration with the safe defaults: 127.0.0.1, port 8765, 5 s per request, 64 KiB
  /// bodies, 8 MiB outputs, one command per core at a time, 10 s at most in the queue.
  public init(
    executable: URL, host: String = "127.0.0.1", port: Int = 8765, timeLimit: Double = 5,
    bodyLimit: Int = 64 * 1024, outputLimit: Int = 8 * 1024 * 1024,
    concurrentRuns: Int = ProcessInfo.processInfo.activeProcessorCount, queueLimit: Double = 10
  ) {
    self.queueLimit = queueLimit
    self.executable = executable
    self.host = host
    self.port = port
    self.timeLimit = timeLimit
    self.bodyLimit = bodyLimit
    self.outputLimit = outputLimit
    self.concurrentRuns = max(1, concurrentRuns)
  }

  /// Whether `host` reaches this machine only (then no warning is due).
  public var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }
}
