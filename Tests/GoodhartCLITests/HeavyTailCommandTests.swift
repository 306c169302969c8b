import Foundation
import Testing

@Suite struct HeavyTailCommandTests {
  static func model(c distribution: String, a: String = #""mean": 1.0, "sd": 1.0"#) -> Data {
    Data("""
      {"submodules": [
        {"name": "A", \(a), "truth": 1.0, "persuasion": 1.0},
        {"name": "B", "mean": 1.0, "sd": 1.0, "truth": 1.0, "persuasion": 0.0},
        {"name": "C", "distribution": \(distribution), "truth": 0.0, "persuasion": 1.0}],
       "weights": [0.3333333333333333, 0.3333333333333333, 0.3333333333333334]}
      """.utf8)
  }

  static let studentT = model(c: #"{"family": "student_t", "location": 2, "scale": 1, "dof": 3}"#)
  static let cauchy = model(c: #"{"family": "cauchy", "location": 2, "scale": 1}"#)
  /// A Weibull law with shape 0.7 for A: its density is unbounded where its support starts.
  static let weibullA = #""distribution": {"family": "weibull", "location": 0, "scale": 1, "shape": 0.7}"#
  /// An empirical law of 150 distinct scores (i sin i): exact beside the normal A, refused beside
  /// an unbounded density with no analytic part.
  static let empiricalScores =
    #"{"family": "empirical", "samples": ["#
    + (1...150).map { String(Double($0) * sin(Double($0))) }.joined(separator: ", ") + "]}"

  @Test func analyzeUsesQuadratureAndSaysSo() throws {
    let document = try CommandRunner.json(
      ["analyze", "--model", "-", "--best-of", "1000", "--kl", "1", "--format", "json"],
      input: HeavyTailCommandTests.studentT)
    #expect(document["method"] as? String == "quadrature")
    let best = try #require((document["best_of_n"] as? [[String: Any]])?.first)
    let truth = try #require(best["mean_truth"] as? Double)
    #expect(truth > 2.0 / 3 && truth < 1)
    let tilt = try #require((document["tilt"] as? [[String: Any]])?.first)
    #expect(tilt["normalisable"] as? Bool == false)
    #expect(tilt["beta"] is NSNull)
    #expect(tilt["quantile_at_same_kl"] is [String: Any])
    #expect(tilt["best_of_n_at_same_kl"] is [String: Any])
  }

  /// A skewed law carrying persuasion: `simulate` estimates what the exact routes refuse, and its
  /// E[P] agrees with the closed-form mean within 4 standard errors.
  @Test func simulateTakesASkewedPersuasionLaw() throws {
    let input = HeavyTailCommandTests.model(c: #"{"family": "weibull", "location": 2, "scale": 1, "shape": 1.5}"#)
    let document = try CommandRunner.json(
      ["simulate", "--model", "-", "--samples", "200000", "--seed", "3", "--format", "json"], input: input)
    let moments = try #require(document["moments"] as? [String: Any])
    let mean = try #require(moments["mean_persuasion"] as? [String: Any])
    let estimate = try #require(mean["estimate"] as? Double)
    let error = try #require(mean["standard_error"] as? Double)
    // (E[A] + E[C]) / 3 with E[C] = 2 + Γ(1 + 1/1.5).
    let exact = (1 + 2 + tgamma(1 + 1 / 1.5)) / 3
    #expect(abs(estimate - exact) <= 4 * error, "\(estimate) ± \(error) vs \(exact)")
  }

  @Test func gaussianAnalyzeHasNoMethodKey() throws {
    let document = try CommandRunner.json(["analyze", "--format", "json"])
    #expect(document["method"] == nil, "the Gaussian output has exactly the contract's keys")
  }

  @Test func momentsThatDoNotExistAreNull() throws {
    let document = try CommandRunner.json(
      ["analyze", "--model", "-", "--best-of", "10", "--format", "json"], input: HeavyTailCommandTests.cauchy)
    let moments = try #require(document["moments"] as? [String: Any])
    #expect(moments["mean_truth"] as? Double != nil, "C carries no truth")
    #expect(moments["mean_persuasion"] is NSNull)
    #expect(moments["var_persuasion"] is NSNull)
    #expect(moments["correlation"] is NSNull)
    let best = try #require((document["best_of_n"] as? [[String: Any]])?.first)
    #expect(best["mean_persuasion"] is NSNull)
    #expect(best["mean_truth"] as? Double != nil)
  }

  @Test func regimeGivesTheVerdictWithEvidence() throws {
    let strong = try CommandRunner.json(
      ["regime", "--model", "-", "--points", "9", "--format", "json"], input: HeavyTailCommandTests.studentT)
    #expect(strong["verdict"] as? String == "strong_goodhart")
    #expect((strong["curve"] as? [Any])?.count == 9)
    let peak = try #require(strong["peak"] as? [String: Any])
    #expect((peak["n"] as? Double ?? 0) > 1)
    #expect(strong["evidence"] is String)
    let gaussian = try CommandRunner.json(["regime", "--points", "9", "--format", "json"])
    #expect(gaussian["verdict"] as? String == "regressional")
  }

  /// The README's lognormal example (Kwa et al.'s one-sided error) in the sum reading: exact by
  /// quadrature, truth peaks and then returns to its base 2/3, and the asymptote says so from the
  /// theorem for a subexponential truthless part beside normal ones.
  @Test func lognormalErrorReturnsToBase() throws {
    let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Examples/models/lognormal-error.json").path
    let regime = try CommandRunner.json(["regime", "--model", model, "--format", "json"])
    #expect(regime["method"] as? String == "quadrature")
    #expect(regime["verdict"] as? String == "strong_goodhart")
    #expect(regime["asymptote"] as? String == "base")
    #expect(abs((regime["limit_mean_truth"] as? Double ?? .nan) - 2.0 / 3) <= 1e-12)
    let peak = try #require(regime["peak"] as? [String: Any])
    #expect((peak["mean_truth"] as? Double ?? 0) > 0.85)
    let curve = try #require(regime["curve"] as? [[String: Any]])
    let last = try #require(curve.last?["mean_truth"] as? Double)
    #expect(last > 2.0 / 3 && last < 0.67, "E[T] at the largest n: \(last)")
  }

  /// Three independent non-normal laws carrying persuasion (logistic A, Laplace B and C) are
  /// exact: `method` quadrature, and best-of-10 above the base truth.
  @Test func threeNonNormalLawsAreExact() throws {
    let data = HeavyTailCommandTests.model(
      c: #"{"family": "laplace", "location": 2, "scale": 1}"#,
      a: #""distribution": {"family": "logistic", "location": 1, "scale": 1}"#
    ).replacingPersuasion()
    let result = try CommandRunner.run(["analyze", "--model", "-", "--best-of", "10", "--format", "json"], input: data)
    #expect(result.status == 0, "\(result.standardError)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(json["method"] as? String == "quadrature")
    let rows = try #require(json["best_of_n"] as? [[String: Any]])
    let truth = try #require(rows.first?["mean_truth"] as? Double)
    let base = try #require((json["moments"] as? [String: Any])?["mean_truth"] as? Double)
    #expect(truth > base)
  }

  /// An empirical law carrying persuasion beside the normal A is exact in the sum reading:
  /// `method` quadrature, `composition` sum, best-of-10 above the base truth and below the best
  /// of A alone could give.
  @Test func empiricalBesideANormalIsExact() throws {
    let result = try CommandRunner.run(
      ["analyze", "--model", "-", "--best-of", "10", "--format", "json"],
      input: HeavyTailCommandTests.model(c: HeavyTailCommandTests.empiricalScores))
    #expect(result.status == 0, "\(result.standardError)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(json["method"] as? String == "quadrature")
    #expect(json["composition"] as? String == "sum")
    let rows = try #require(json["best_of_n"] as? [[String: Any]])
    let truth = try #require(rows.first?["mean_truth"] as? Double)
    let base = try #require((json["moments"] as? [String: Any])?["mean_truth"] as? Double)
    #expect(truth > base && truth < base + 1)
  }

  @Test(arguments: [
    (["analyze", "--model", "-", "--best-of", "10"],
     model(c: #"{"family": "student_t", "location": 2, "scale": 1}"#), "dof"),
    (["analyze", "--model", "-"], model(c: #"{"family": "pareto", "location": 2, "scale": 1}"#), "alpha"),
    (["analyze", "--model", "-"], model(c: #"{"family": "gamma", "location": 2, "scale": 1}"#), "family"),
    (["analyze", "--model", "-", "--best-of", "10"], model(c: empiricalScores, a: weibullA), "simulate"),
    (["regime", "--model", "-"], model(c: empiricalScores, a: weibullA), "simulate"),
    (["analyze", "--model", "-"], model(c: #"{"family": "laplace", "location": 2, "scale": 1, "dof": 3}"#), "dof"),
    (["regime", "--points", "2"], nil, "--points"),
    (["regime", "--max-n", "1"], nil, "--max-n"),
  ] as [([String], Data?, String)])
  func badInputIsOneClearErrorLine(arguments: [String], input: Data?, mention: String) throws {
    let result = try CommandRunner.run(arguments, input: input)
    #expect(!result.crashed)
    #expect(result.status > 0 && result.status < 128)
    #expect(result.standardOutput.isEmpty)
    let lines = result.standardError.split(separator: "\n")
    #expect(lines.count == 1)
    #expect(lines.first?.hasPrefix("error:") == true)
    #expect(result.standardError.contains(mention), "\(result.standardError)")
  }
}

extension Data {
  /// The model with B persuading too, as a Laplace law, so that three independent laws carry
  /// persuasion when A and C are non-normal.
  fileprivate func replacingPersuasion() -> Data {
    let text = String(decoding: self, as: UTF8.self)
      .replacingOccurrences(
        of: #"{"name": "B", "mean": 1.0, "sd": 1.0, "truth": 1.0, "persuasion": 0.0}"#,
        with: #"{"name": "B", "distribution": {"family": "laplace", "location": 1, "scale": 1}, "truth": 1.0, "persuasion": 0.5}"#)
    return Data(text.utf8)
  }
}
