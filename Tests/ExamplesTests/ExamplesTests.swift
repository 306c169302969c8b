import Foundation
import Testing

/// Runs an example's built executable (beside the test bundle, like `goodhart` in
/// GoodhartCLITests) and captures its output.
private func runExample(_ name: String, _ arguments: [String] = []) throws -> (status: Int32, output: String) {
  var directory = Bundle.main.bundleURL
  if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
  let process = Process()
  process.executableURL = directory.appendingPathComponent(name)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The numbers after `key` on the first line that contains it.
private func number(after key: String, in text: String) -> Double? {
  guard let line = text.split(separator: "\n").first(where: { $0.contains(key) }),
    let range = line.range(of: key)
  else { return nil }
  let rest = line[range.upperBound...].drop { $0 == " " }
  return Double(rest.prefix { "0123456789.-e".contains($0) })
}

@Suite struct ExamplesTests {
  @Test func workedExampleShowsBothPresetsGaps() throws {
    let (status, output) = try runExample("worked-example")
    #expect(status == 0, "\(output)")
    let sections = output.components(separatedBy: "== Preset ").dropFirst()
    #expect(sections.count == 2)
    // cheap-persuasion: RL lands on C (truth 0) and the gap is 7/6; honest: on A, gap −1/2.
    let cheap = try #require(sections.first)
    let honest = try #require(sections.last)
    #expect(cheap.contains("all weight on C"))
    #expect(abs(try #require(number(after: "equal persuasiveness):", in: cheap)) - 7.0 / 6) < 1e-4)
    #expect(honest.contains("all weight on A"))
    #expect(abs(try #require(number(after: "equal persuasiveness):", in: honest)) + 0.5) < 1e-4)
  }

  @Test func frontierChartWritesCSVAndSVGIntoTheGivenFolder() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("goodhart-example-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let (status, output) = try runExample("frontier-chart", [folder.path])
    #expect(status == 0, "\(output)")
    for preset in ["cheap-persuasion", "honest-persuasion"] {
      let csv = try String(contentsOf: folder.appendingPathComponent("frontier-\(preset).csv"), encoding: .utf8)
      let lines = csv.split(separator: "\n")
      #expect(lines.first == "policy,parameter,kl,mean_truth,mean_persuasion")
      #expect(lines.count == 1 + 4 * 100 + 1)
      let svg = try Data(contentsOf: folder.appendingPathComponent("frontier-\(preset).svg"))
      #expect(String(decoding: svg.prefix(5), as: UTF8.self) == "<?xml")
    }
    #expect(output.contains("Goodhart gap = 1.167"))
    #expect(output.contains("(exact)"), "the tilt is exactly linear in sqrt(KL)")
  }

  @Test func samplesNeededGrowsLikeTheRoughEstimate() throws {
    let (status, output) = try runExample("samples-needed")
    #expect(status == 0, "\(output)")
    // Rows "d = x": the exact n and exp(d^2/2) must agree within a factor that stays modest,
    // and n must increase with d.
    let rows = output.split(separator: "\n").filter { $0.hasPrefix("d = ") }
    #expect(rows.count == 9)
    var previous = 0.0
    for row in rows {
      let fields = row.split(separator: " ").compactMap { Double($0) }
      // fields: d, E_RL[P], d, n, whole n, exp(d^2/2), ratio, KL bon, KL tilt
      let n = fields[3]
      let ratio = fields[6]
      #expect(n > previous)
      #expect(ratio > 0.5 && ratio < 50, "\(row)")
      // The tilt reaches a mean persuasiveness with the least KL of any law: best-of-n spends more.
      #expect(fields[7] >= fields[8] - 1e-9, "\(row)")
      previous = n
    }
  }

  @Test func extremalGoodhartSeparatesGaussianFromHeavyTails() throws {
    let (status, output) = try runExample("extremal-goodhart")
    #expect(status == 0, "\(output)")
    // Gaussian C: truth keeps rising; Student-t(3) and Cauchy C: it peaks and falls back.
    #expect(output.contains("== C ~ normal: regressional"))
    #expect(output.contains("== C ~ student_t, dof 3: strong_goodhart"))
    #expect(output.contains("== C ~ cauchy: strong_goodhart"))
    let fits = output.split(separator: "\n").filter { $0.contains("fit (") }
    #expect(fits.count >= 12)
  }

  @Test func catastrophicGoodhartReachesEveryTargetOnlyWithHeavyTails() throws {
    let chart = FileManager.default.temporaryDirectory
      .appendingPathComponent("catastrophic-goodhart-\(getpid()).svg").path
    defer { try? FileManager.default.removeItem(atPath: chart) }
    let (status, output) = try runExample("catastrophic-goodhart", [chart])
    #expect(status == 0, "\(output)")
    // Nine (budget, gain) targets: each reached by the t(3) tail policy with E[T] at its base
    // 0.6667, and each impossible for any policy on the normal model.
    let rows = output.split(separator: "\n").filter { $0.contains("impossible: at most") }
    #expect(rows.count == 9)
    #expect(rows.allSatisfy { !$0.contains("none found") && $0.contains(" 0.6667 ") })
    let svg = try String(contentsOfFile: chart, encoding: .utf8)
    #expect(svg.contains("normal ceiling, KL 0.001"))
  }

  @Test func libraryTourRunsEveryStep() throws {
    let (status, output) = try runExample("library-tour")
    #expect(status == 0, "\(output)")
    for step in 1...7 { #expect(output.contains("\n\(step). ") || output.hasPrefix("\(step). ")) }
    #expect(output.contains("q: must be in (0, 1]"))
  }
}
