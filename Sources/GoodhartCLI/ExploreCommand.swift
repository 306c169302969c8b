import ArgumentParser
import Dispatch
import Foundation
import GoodhartExplorer
import Synchronization

/// `goodhart explore`: serves the interactive explorer page and its JSON API on this machine.
struct ExploreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract: "Serve the interactive explorer (a page and a JSON API) on this machine.",
    discussion: """
      Open the printed address in a browser: edit the model, move the sliders, and the compare \
      table, the frontier and the regime curve follow. The page calls POST /api/<command> \
      (analyze, compare, frontier, regime, optimize, simulate) with {"model": MODEL} or \
      {"preset": NAME} and "args": the command's flags as strings; a 200 body is byte for byte \
      what the CLI prints. Each request runs this executable in a process of its own, stopped \
      after --time-limit seconds. Listens on 127.0.0.1 unless --host says otherwise. Ctrl-C stops.
      """)

  @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "address"))
  var host = "127.0.0.1"

  @Option(
    name: .long, help: ArgumentHelp("The TCP port, 0...65535 (0: any free port).", valueName: "port"))
  var port = WholeFlag("8765")

  @Option(
    name: .customLong("time-limit"),
    help: ArgumentHelp("Seconds one request may compute, 0.1...60.", valueName: "s"))
  var timeLimit = RealFlag("5")

  func run() throws {
    let portNumber = try port.value(flag: "--port", in: 0...65535, rangeText: "0 <= port <= 65535")
    let seconds = try timeLimit.value(flag: "--time-limit")
    guard (0.1...60).contains(seconds) else {
      throw CommandFailure(flag: "--time-limit", "must be in 0.1...60 seconds (got \(seconds))")
    }
    guard !host.isEmpty else { throw CommandFailure(flag: "--host", "must not be empty") }
    let configuration = ExplorerConfiguration(
      executable: ExploreCommand.executable, host: host, port: portNumber, timeLimit: seconds)
    let failure = Mutex<ExplorerStartError?>(nil)
    let finished = DispatchSemaphore(value: 0)
    Task {
      do throws(ExplorerStartError) {
        try await Explorer.serve(configuration) { host, port in
          let shown = host.contains(":") ? "[\(host)]" : host
          Terminal.write("Goodhart explorer: http://\(shown):\(port)/  (Ctrl-C stops)")
          if !configuration.isLoopback {
            Terminal.writeError(
              "warning: --host \(host): the explorer is reachable from other machines; it has no "
                + "authentication, and every request can use a core for up to \(seconds) s")
          }
        }
      } catch {
        failure.withLock { $0 = error }
      }
      finished.signal()
    }
    finished.wait()
    switch failure.withLock({ $0 }) {
    case nil:
      return
    case .portInUse(let host, let port):
      throw CommandFailure(
        flag: "--port",
        "\(port) on \(host) is in use (another explorer?); choose another, or --port 0 for any free port")
    case .cannotListen(let host, let port, let reason):
      throw CommandFailure(flag: "--host", "cannot serve on \(host):\(port) (\(reason))")
    }
  }

  /// This executable, which answers every API request.
  static var executable: URL {
    let link = URL(fileURLWithPath: "/proc/self/exe")
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: link.path) {
      return URL(fileURLWithPath: path)
    }
    return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
  }
}
