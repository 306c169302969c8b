import Foundation
#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
import Testing

/// `goodhart explore` as a user starts it: it prints its address, serves the page and the API
/// there, and listens on loopback by default.
@Suite("goodhart explore")
struct ExploreCommandTests {
  @Test("starts on a free port, prints the address, and serves the page and the CLI's JSON")
  func servesOnTheAddressItPrints() async throws {
    let process = Process()
    process.executableURL = CommandRunner.executable
    process.arguments = ["explore", "--port", "0"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    try process.run()
    defer { process.terminate() }
    // The first line: "Goodhart explorer: http://127.0.0.1:PORT/  (Ctrl-C stops)".
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self)
    let address = try #require(text.firstMatch(of: /http:\/\/127\.0\.0\.1:(\d+)\//), "\(text)")
    let base = try #require(URL(string: String(address.0)))

    var page = URLRequest(url: base)
    page.timeoutInterval = 20
    let (html, pageResponse) = try await URLSession.shared.data(for: page)
    #expect((pageResponse as? HTTPURLResponse)?.statusCode == 200)
    #expect(String(decoding: html, as: UTF8.self).contains("<title>Goodhart explorer</title>"))

    var api = URLRequest(url: base.appendingPathComponent("api/compare"))
    api.httpMethod = "POST"
    api.timeoutInterval = 20
    api.httpBody = Data(#"{"preset": "honest-persuasion", "args": ["--format", "json"]}"#.utf8)
    let (body, apiResponse) = try await URLSession.shared.data(for: api)
    #expect((apiResponse as? HTTPURLResponse)?.statusCode == 200)
    let cli = try CommandRunner.run(["compare", "--preset", "honest-persuasion", "--format", "json"])
    #expect(body == Data(cli.standardOutput.utf8))

    // A second explorer on the same port: one error line naming --port.
    let second = try CommandRunner.run(["explore", "--port", String(address.1)])
    let refusal = CommandRunner.expectOneErrorLine(second, startingWith: "error: --port:")
    #expect(refusal?.contains("in use") == true)
  }
}
