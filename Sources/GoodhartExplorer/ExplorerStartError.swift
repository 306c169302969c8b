/// Why the explorer could not start serving.
public enum ExplorerStartError: Error, Sendable, Equatable {
  /// Another process listens on the port already.
  case portInUse(host: String, port: Int)
  /// The address cannot be listened on (unknown host, no such interface, no permission).
  case cannotListen(host: String, port: Int, reason: String)
}
