import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GoodhartExplorer

/// Random bodies against the API: mutated JSON and random flags. Whatever arrives, the answer is
/// a 200 or a clear JSON error (400, 404, 413, or 503 at the time limit), never a crash (500).
@Suite("Explorer API under random input")
struct ExplorerFuzzTests {
  /// Flags and values the mutator draws from: real ones, wrong ones, extreme ones.
  static let flags = [
    "--format", "json", "svg", "csv", "table", "--best-of", "--points", "--max-n", "--max-kl", "--beta",
    "--samples", "--seed", "--quantile", "--threshold", "--kl", "--regulariser", "weight-kl", "--method",
    "exact", "--steps", "1", "0", "-1", "3", "1e3", "1e400", "nan", "inf", "", "--", "-h", "--bogus",
    "\u{1F600}", "--model", "--output=/tmp/x",
  ]
  static let commands = APICommand.allCases.map(\.rawValue) + ["sweep", "", "..%2F"]

  /// A splitmix generator, seeded, so a failure replays.
  struct Draws {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  @Test("120 random requests: every answer is a 200 or a JSON error line, never a 500", arguments: 0..<4)
  func randomRequestsNeverCrash(block: Int) async throws {
    var draws = Draws(state: 0xC0FFEE + UInt64(block))
    var requests: [(String, ByteBuffer)] = []
    for _ in 0..<30 {
      var args: [String] = []
      for _ in 0..<draws.next(6) { args.append(ExplorerFuzzTests.flags[draws.next(ExplorerFuzzTests.flags.count)]) }
      let argsJSON = String(
        decoding: try JSONSerialization.data(withJSONObject: args, options: [.fragmentsAllowed]), as: UTF8.self)
      var bytes = [UInt8](
        (#"{"model": "# + String(decoding: ExplorerHarness.model, as: UTF8.self) + #", "args": "# + argsJSON + "}")
          .utf8)
      // Up to three byte edits: flip, delete or insert a JSON-significant byte.
      for _ in 0..<draws.next(4) {
        let at = draws.next(bytes.count)
        let byte = Array(#"{}[]",:0-e.9 \"#.utf8)[draws.next(14)]
        switch draws.next(3) {
        case 0: bytes[at] = byte
        case 1: bytes.remove(at: at)
        default: bytes.insert(byte, at: at)
        }
      }
      let command = draws.next(8) == 0
        ? ExplorerFuzzTests.commands[draws.next(ExplorerFuzzTests.commands.count)]
        : ["analyze", "compare", "regime", "optimize"][draws.next(4)]
      requests.append((command, ByteBuffer(bytes: bytes)))
    }
    let all = requests
    try await ExplorerHarness.withClient(timeLimit: 3) { client in
      for (command, body) in all {
        try await client.execute(uri: "/api/\(command)", method: .post, body: body) { response in
          let allowed: [HTTPResponse.Status] = [.ok, .badRequest, .notFound, .contentTooLarge, .serviceUnavailable]
          #expect(allowed.contains(response.status), "\(command) \(String(buffer: body)) -> \(response.status)")
          if response.status != .ok {
            let message = ExplorerHarness.errorMessage(response.body)
            #expect(message.hasPrefix("error: ") && !message.contains("\n"), "\(message)")
          }
        }
      }
    }
  }
}
