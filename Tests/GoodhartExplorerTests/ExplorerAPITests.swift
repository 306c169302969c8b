import Foundation
import Goodhart
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GoodhartExplorer

/// `POST /api/<command>`: a 200 body is byte for byte what the CLI prints for the same model and
/// flags; bad input is a 400 carrying the CLI's error line.
@Suite("Explorer API")
struct ExplorerAPITests {
  /// Every endpoint, with a custom model and with a preset, in several formats.
  static let cases: [(command: String, args: [String])] = [
    ("analyze", ["--best-of", "100", "--format", "json"]),
    ("analyze", ["--quantile", "0.1"]),
    ("compare", ["--format", "json"]),
    ("compare", ["--beta", "0.3"]),
    ("frontier", ["--format", "svg", "--points", "12"]),
    ("frontier", ["--format", "csv", "--points", "12", "--regulariser", "weight-kl"]),
    ("regime", ["--format", "json", "--points", "12", "--max-n", "1e6"]),
    ("optimize", ["--beta", "0.3", "--format", "json"]),
    ("optimize", ["--regulariser", "weight-decay", "--beta", "0.5"]),
    ("simulate", ["--samples", "20000", "--seed", "7", "--best-of", "10", "--format", "json"]),
  ]

  @Test("every endpoint's body equals the CLI's output, byte for byte", arguments: 0..<cases.count)
  func bodiesEqualTheCLI(index: Int) async throws {
    let (command, args) = ExplorerAPITests.cases[index]
    let fromFile = try ExplorerHarness.cli([command, "--model", "-"] + args, input: ExplorerHarness.model)
    let fromPreset = try ExplorerHarness.cli([command, "--preset", "honest-persuasion"] + args)
    #expect(fromFile.status == 0, "\(fromFile.error)")
    #expect(fromPreset.status == 0, "\(fromPreset.error)")
    try await ExplorerHarness.withClient { client in
      try await client.execute(
        uri: "/api/\(command)", method: .post, body: ExplorerHarness.body(model: ExplorerHarness.model, args: args)
      ) { response in
        #expect(response.status == .ok)
        #expect(Data(buffer: response.body) == fromFile.output)
        #expect(response.headers[.contentType] == APICommand.contentType(for: args))
      }
      try await client.execute(
        uri: "/api/\(command)", method: .post, body: ExplorerHarness.body(preset: "honest-persuasion", args: args)
      ) { response in
        #expect(response.status == .ok)
        #expect(Data(buffer: response.body) == fromPreset.output)
      }
    }
  }

  /// Flags and models the CLI refuses: the API's 400 carries the CLI's own error line.
  static let refusedByTheCLI: [(command: String, args: [String], model: String?)] = [
    ("analyze", ["--best-of", "0"], nil),
    ("analyze", ["--best-of", "1e16"], nil),
    ("frontier", ["--points", "-3"], nil),
    ("frontier", ["--format", "pdf"], nil),
    ("regime", ["--max-n", "nan"], nil),
    ("simulate", ["--samples", "12abc"], nil),
    ("compare", ["--no-such-flag"], nil),
    ("optimize", ["--beta", "-1"], nil),
    ("compare", [], #"{"submodules": [], "weights": []}"#),
    ("compare", [], #"{"submodules": [{"name": "A", "mean": 1, "mean": 2, "sd": 1, "truth": 1, "persuasion": 1}], "weights": [1]}"#),
    ("analyze", [], #"{"submodules": [{"name": "A", "mean": 1, "sd": -1, "truth": 1, "persuasion": 1}], "weights": [1]}"#),
    ("analyze", [], #"{"submodules": [{"name": "A", "mean": 1e400, "sd": 1, "truth": 1, "persuasion": 1}], "weights": [1]}"#),
    // A model key that names a file: never read, a 400 naming it.
    ("analyze", [], #"{"submodules": [{"name": "A", "distribution": {"family": "empirical", "file": "/etc/hostname"}, "truth": 1, "persuasion": 1}], "weights": [1]}"#),
  ]

  @Test("a flag or model the CLI refuses is a 400 with the CLI's error line", arguments: 0..<refusedByTheCLI.count)
  func cliErrorsPassThrough(index: Int) async throws {
    let (command, args, model) = ExplorerAPITests.refusedByTheCLI[index]
    let modelData = model.map { Data($0.utf8) }
    let cli = try ExplorerHarness.cli(
      [command] + (modelData == nil ? ["--preset", "cheap-persuasion"] : ["--model", "-"]) + args,
      input: modelData ?? Data())
    #expect(cli.status != 0)
    let line = try #require(cli.error.split(separator: "\n").first.map(String.init))
    try await ExplorerHarness.withClient { client in
      try await client.execute(
        uri: "/api/\(command)", method: .post,
        body: ExplorerHarness.body(model: modelData, preset: modelData == nil ? "cheap-persuasion" : nil, args: args)
      ) { response in
        #expect(response.status == .badRequest)
        #expect(response.headers[.contentType] == "application/json")
        #expect(ExplorerHarness.errorMessage(response.body) == line)
      }
    }
  }

  /// Bodies the explorer itself refuses, each naming the field.
  static let badBodies: [(body: String, message: String)] = [
    ("{", "error: body: is not valid JSON"),
    ("", "error: body: is not valid JSON"),
    ("[1, 2]", "error: body: is not valid JSON"),
    (#"{"preset": "cheap-persuasion" "args": []}"#, "error: body: is not valid JSON"),
    (#"{"preset": "cheap-persuasion"} x"#, "error: body: is not valid JSON"),
    (#"{"preset": "cheap-persuasion", "model": {"submodules": [}"#, "error: body: is not valid JSON"),
    (#"{preset: "cheap-persuasion"}"#, "error: body: is not valid JSON"),
    (#"{"preset": cheap}"#, "error: preset: must be a string"),
    (#"{"preset": "cheap-persuasion", "args": "--format json"}"#, "error: args: must be an array of strings"),
    (#"{"preset": "cheap-persuasion", "args": ["--points", 3]}"#, "error: args: must be an array of strings"),
    (#"{"preset": 3}"#, "error: preset: must be a string"),
    (#"{"model": [1]}"#, "error: model: must be an object"),
    (#"{"args": []}"#, "error: model: is required (or preset)"),
    (#"{"preset": "cheap-persuasion", "model": {}}"#, "error: preset: cannot be combined with model"),
    (#"{"preset": "cheap-persuasion", "preset": "honest-persuasion"}"#, "error: preset: appears twice"),
    (#"{"preset": "cheap-persuasion", "flags": []}"#, "error: flags: is not a known key"),
    (#"{"preset": "cheap-persuasion", "args": ["--model", "/etc/passwd"]}"#, "error: args: --model is not allowed"),
    (#"{"preset": "cheap-persuasion", "args": ["--output=/tmp/x.svg"]}"#, "error: args: --output is not allowed"),
    (#"{"preset": "cheap-persuasion", "args": ["--preset", "honest-persuasion"]}"#, "error: args: --preset is not allowed"),
    (#"{"preset": "cheap-persuasion", "args": ["a\u0000b"]}"#, "error: args: must not contain a NUL character"),
  ]

  @Test("a malformed body is a 400 naming the field", arguments: 0..<badBodies.count)
  func badBodiesNameTheField(index: Int) async throws {
    let (body, message) = ExplorerAPITests.badBodies[index]
    try await ExplorerHarness.withClient { client in
      try await client.execute(uri: "/api/analyze", method: .post, body: ByteBuffer(string: body)) { response in
        #expect(response.status == .badRequest)
        let error = ExplorerHarness.errorMessage(response.body)
        #expect(error.hasPrefix(message), "\(error)")
      }
    }
  }

  @Test("unknown routes, commands and methods are JSON 404s; oversize bodies 413")
  func routesAndLimits() async throws {
    try await ExplorerHarness.withClient { client in
      for (uri, method) in [("/nowhere", HTTPRequest.Method.get), ("/api/sweep", .post), ("/api/compare", .get), ("/api", .post)] {
        try await client.execute(uri: uri, method: method, body: ExplorerHarness.body(preset: "cheap-persuasion", args: [])) {
          response in
          #expect(response.status == .notFound || response.status == .methodNotAllowed, "\(uri)")
          #expect(ExplorerHarness.errorMessage(response.body).hasPrefix("error: no "), "\(uri)")
        }
      }
      let huge = ByteBuffer(string: #"{"preset": "cheap-persuasion", "args": [""# + String(repeating: "x", count: 70_000) + #""]}"#)
      try await client.execute(uri: "/api/compare", method: .post, body: huge) { response in
        #expect(response.status == .contentTooLarge)
        #expect(ExplorerHarness.errorMessage(response.body) == "error: body: larger than the limit of 65536 bytes")
      }
    }
  }

  @Test("a request past the time limit is stopped: a 503 with a clear error, and no process left")
  func timeLimitStopsTheCommand() async throws {
    // 10^12 samples take hours; the limit is half a second. The seed marks this run's
    // process among any others on the machine.
    let args = ["--samples", "1e12", "--seed", "918273645", "--format", "json"]
    try await ExplorerHarness.withClient(timeLimit: 0.5) { client in
      try await client.execute(
        uri: "/api/simulate", method: .post, body: ExplorerHarness.body(preset: "cheap-persuasion", args: args)
      ) { response in
        #expect(response.status == .serviceUnavailable)
        #expect(ExplorerHarness.errorMessage(response.body).contains("ran past the explorer's limit of 0.5 s"))
      }
    }
    // The process was killed and reaped before the answer: none with these flags is running.
    let running = try ExplorerAPITests.processes(marked: "918273645")
    #expect(running.isEmpty, "still running: \(running)")
  }

  /// The running processes whose command line contains `marker`.
  static func processes(marked marker: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
      guard Int(entry) != nil,
        let command = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
      else { return false }
      return String(decoding: command, as: UTF8.self).contains(marker)
    }
  }

  @Test("a request that finds no free place within the queue limit is turned away: 503, busy")
  func fullQueueTurnsRequestsAway() async throws {
    try await ExplorerHarness.withClient(timeLimit: 15, concurrentRuns: 1, queueLimit: 0.5) { client in
      // The one place is held for the 15 s time limit by a 10^12-sample simulation (a billion
      // samples can finish within seconds on a fast machine); its seed marks its process, and
      // the second request is sent once that process runs (not after a fixed sleep, which a busy
      // machine can outlast; the long limit leaves a loaded machine time to deliver it).
      async let holder = client.execute(
        uri: "/api/simulate", method: .post,
        body: ExplorerHarness.body(preset: "cheap-persuasion", args: ["--samples", "1e12", "--seed", "564738291"])
      ) { $0.status }
      var waited = 0
      while waited < 2400, try ExplorerAPITests.processes(marked: "564738291").isEmpty {
        try await Task.sleep(for: .milliseconds(25))
        waited += 1
      }
      #expect(waited < 2400, "the holder's process never started")
      try await client.execute(
        uri: "/api/compare", method: .post, body: ExplorerHarness.body(preset: "cheap-persuasion", args: [])
      ) { response in
        #expect(response.status == .serviceUnavailable)
        #expect(ExplorerHarness.errorMessage(response.body).hasPrefix("error: the explorer is busy"))
      }
      #expect(try await holder == .serviceUnavailable)
      // The place is free again: the next request runs.
      try await client.execute(
        uri: "/api/compare", method: .post, body: ExplorerHarness.body(preset: "cheap-persuasion", args: [])
      ) { response in
        #expect(response.status == .ok)
      }
    }
  }

  @Test("the page is served whole, with no outside script or style; the presets are the library's")
  func pageAndPresets() async throws {
    try await ExplorerHarness.withClient { client in
      try await client.execute(uri: "/", method: .get) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
        let page = String(buffer: response.body)
        #expect(page.contains("<script>") && page.contains("/api/presets"))
        for outside in ["src=\"http", "href=\"http", "src='http", "@import", "url(http"] {
          #expect(!page.contains(outside), "the page loads \(outside)")
        }
      }
      try await client.execute(uri: "/api/presets", method: .get) { response in
        #expect(response.status == .ok)
        let object = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        #expect(Set(object?.keys.map { $0 } ?? []) == Set(Preset.allCases.map(\.rawValue)))
        for preset in Preset.allCases {
          let model = try JSONSerialization.data(withJSONObject: try #require(object?[preset.rawValue]))
          #expect(try Model(json: model).json == preset.model.json)
        }
      }
    }
  }

  @Test("the live server answers on an ephemeral loopback port")
  func liveServer() async throws {
    let configuration = ExplorerConfiguration(executable: ExplorerHarness.executable, port: 0)
    #expect(configuration.isLoopback)
    let expected = try ExplorerHarness.cli(["compare", "--format", "json"]).output
    try await Explorer.application(configuration).test(.live) { client in
      let port = try #require(client.port)
      #expect(port > 0)
      try await client.execute(
        uri: "/api/compare", method: .post, body: ExplorerHarness.body(preset: "cheap-persuasion", args: ["--format", "json"])
      ) { response in
        #expect(response.status == .ok)
        #expect(Data(buffer: response.body) == expected)
      }
    }
  }
}
