import Foundation

import Glibc

/// One run of the `goodhart` executable for an API request, bounded in time and output.
///
/// Running the CLI itself (rather than its code in this process) makes every body the CLI's
/// output by construction, lets a time limit stop a computation for good (the process is
/// killed), and keeps a failure in one request from reaching the server.
///
/// The process is started with `posix_spawn` and reaped with `waitpid`, and its pipes are served
/// by threads of the run's own, never by a shared pool, so a busy machine delays a run but can
/// never starve its timer or its readers. Every pipe is close-on-exec, so a process started
/// concurrently does not inherit another run's pipe.
struct CommandProcess {
  /// How a run ended.
  enum Outcome: Equatable {
    /// The process exited with `status`, having printed `output` and `error`.
    case exited(status: Int32, output: Data, error: Data)
    /// The process was ended by a signal it did not ask for (a crash).
    case crashed(signal: Int32)
    /// The time limit passed and the process was killed.
    case timedOut
    /// The output passed the limit and the process was killed.
    case outputTooLarge
  }

  /// The process could not be started (`errno`'s value).
  struct SpawnError: Error {
    /// The error number `posix_spawn` or `pipe` returned.
    let code: Int32
  }

  let executable: URL
  let timeLimit: Double
  let outputLimit: Int

  /// The most standard error kept (the CLI prints one line).
  private static let errorLimit = 64 * 1024

  /// Runs `arguments`, writing `input` to standard input; blocks until the process has ended.
  ///
  /// - Throws: `SpawnError` when the process cannot be started.
  func run(_ arguments: [String], input: Data) throws(SpawnError) -> Outcome {
    Self.spawning.lock()
    let stdin: (read: Int32, write: Int32), stdout: (read: Int32, write: Int32), stderr: (read: Int32, write: Int32)
    do {
      stdin = try Self.pipe()
      stdout = try Self.pipe()
      stderr = try Self.pipe()
    } catch {
      Self.spawning.unlock()
      throw error
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
    posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
    posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable.path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var child: pid_t = 0
    let spawned = posix_spawn(&child, executable.path, &actions, nil, argv, environ)
    Self.spawning.unlock()
    let pid = child
    for descriptor in [stdin.read, stdout.write, stderr.write] { close(descriptor) }
    guard spawned == 0 else {
      for descriptor in [stdin.write, stdout.read, stderr.read] { close(descriptor) }
      throw SpawnError(code: spawned)
    }

    let flags = RunFlags()
    let output = DataBox(), error = DataBox()
    let done = DispatchGroup()
    Self.thread(done) { Self.writeAll(input, to: stdin.write) }
    Self.thread(done) { error.data = Self.drain(stderr.read, limit: Self.errorLimit) {} }
    Self.thread(done) {
      output.data = Self.drain(stdout.read, limit: outputLimit) {
        flags.set(\.overflowed)
        kill(pid, SIGKILL)
      }
    }
    if done.wait(timeout: .now() + timeLimit) == .timedOut {
      flags.set(\.timedOut)
      kill(pid, SIGKILL)
      done.wait()
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    if flags.get(\.timedOut) { return .timedOut }
    if flags.get(\.overflowed) { return .outputTooLarge }
    let signal = status & 0x7f
    if signal != 0 { return .crashed(signal: signal) }
    return .exited(status: (status >> 8) & 0xff, output: output.data, error: error.data)
  }

  /// Held while pipes are made and a process spawned, so that no process started by another
  /// run inherits a pipe in the moment before it is marked close-on-exec.
  private static let spawning = NSLock()

  /// A pipe whose two ends close on exec (the child gets copies through `dup2`, which clears
  /// the flag on the copy).
  private static func pipe() throws(SpawnError) -> (read: Int32, write: Int32) {
    var ends: [Int32] = [-1, -1]
    guard Glibc.pipe(&ends) == 0 else { throw SpawnError(code: errno) }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return (ends[0], ends[1])
  }

  /// Runs `body` on a new thread inside `group`.
  private static func thread(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
    group.enter()
    Thread {
      body()
      group.leave()
    }.start()
  }

  /// Writes all of `data` to `descriptor` and closes it; stops early if the reader has gone
  /// (the server ignores SIGPIPE, so that is an EPIPE here, not a signal).
  private static func writeAll(_ data: Data, to descriptor: Int32) {
    data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          break
        }
        offset += written
      }
    }
    close(descriptor)
  }

  /// Reads `descriptor` to its end and closes it, keeping at most `limit` bytes; calls `overflow`
  /// once when more arrive (and keeps reading, so the writer never blocks).
  private static func drain(_ descriptor: Int32, limit: Int, overflow: () -> Void) -> Data {
    var data = Data()
    var overflowed = false
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = read(descriptor, &buffer, buffer.count)
      if count < 0, errno == EINTR { continue }
      if count <= 0 { break }
      if overflowed { continue }
      if data.count + count > limit {
        overflowed = true
        overflow()
      } else {
        data.append(contentsOf: buffer[0..<count])
      }
    }
    close(descriptor)
    return data
  }
}
