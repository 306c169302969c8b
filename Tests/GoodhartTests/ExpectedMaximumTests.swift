import Foundation
import Testing

@testable import Goodhart

@Suite struct ExpectedMaximumTests {
  /// (n, e_n) at 40 digits from mpmath: printed by `python3 Tests/Reference/expected_maximum.py`
  /// (two independent mpmath routes, the defining integral ∫ x n φ Φ^{n−1} and ∫ (Φ − Φ^n),
  /// agreeing to >= 40 digits).
  static let reference: [(Double, Double)] = [
    (1.0000000000009095, 8.214531458798623790909735864643267374462e-13),
    (1.0000009536743164, 8.613555120135874221820178865089135505866e-7),
    (1.5, 3.440506613391708531871549042075479216752e-1),
    (2.0, 5.641895835477562869480794515607725858441e-1),
    (3.0, 8.462843753216344304221191773411588787661e-1),
    (3.7, 9.810238592088779609212299356932840655527e-1),
    (10.0, 1.538752730835172856027531899751435778365),
    (100.0, 2.507593636441684372517993892076748848761),
    (1000.0, 3.241435769133440861388660049577039908277),
    (12345.678, 3.903128793060134464153717024646324025046),
    (1000000.0, 4.862897486196462721236736981075028123878),
    (1000000000.0, 6.087684584445958650523403165464733881553),
    (33000000000.0, 6.62546876824301321715029360268296102286),
    (1000000000000.0, 7.112463684767471033139166859455143484466),
    (1000000000000000.0, 8.011140722778742155870459950903075354307),
  ]

  @Test(arguments: reference)
  func matchesFortyDigitReference(n: Double, expected: Double) throws {
    let e = try ExpectedMaximum.ofStandardNormals(n)
    #expect(relativeError(e, expected) <= 1e-13, "n = \(n): \(e) vs \(expected)")
  }

  /// The fixed Gauss–Legendre rules against the adaptive GK61 reference on a dense sweep: 1200
  /// log-spaced real n in (1, 10^15] plus n = 1 + 2^−k, so the fast path cannot drift.
  @Test func fixedRulesMatchTheAdaptiveReferenceOnADenseSweep() throws {
    var grid = (1...50).map { 1 + pow(2, -Double($0)) }
    grid += (1...1200).map { pow(10, 15 * Double($0) / 1200) }
    var worst = (error: 0.0, n: 1.0)
    for n in grid {
      let error = relativeError(
        try ExpectedMaximum.ofStandardNormals(n), try ExpectedMaximum.adaptiveOfStandardNormals(n))
      if error > worst.error { worst = (error, n) }
    }
    #expect(worst.error <= 1e-13, "worst relative error \(worst.error) at n = \(worst.n)")
  }

  @Test func oneDrawIsTheMeanExactly() throws {
    #expect(try ExpectedMaximum.ofStandardNormals(1) == 0)
  }

  @Test func closedFormsForTwoAndThreeDraws() throws {
    // e_2 = 1/sqrt(π), e_3 = 3/(2 sqrt(π)).
    #expect(relativeError(try ExpectedMaximum.ofStandardNormals(2), 1 / Double.pi.squareRoot()) <= 1e-15)
    #expect(relativeError(try ExpectedMaximum.ofStandardNormals(3), 1.5 / Double.pi.squareRoot()) <= 1e-15)
  }

  @Test func strictlyIncreasingOverTheWholeRange() throws {
    var previous = 0.0
    // 1 + 2^-k towards 1, then a log grid to 10^15 with non-integer points.
    var grid = (5...50).reversed().map { 1 + pow(2, -Double($0)) }
    grid += stride(from: 0.03, through: 15, by: 0.0371).map { pow(10, $0) } + [1e15]
    for n in grid {
      let e = try ExpectedMaximum.ofStandardNormals(n)
      #expect(e > previous, "e_n not increasing at n = \(n)")
      previous = e
    }
  }

  /// e_n / sqrt(2 ln n) → 1 slowly; the classical expansion
  /// e_n ≈ a − (ln ln n + ln 4π − 2γ)/(2a), a = sqrt(2 ln n), is off by O((ln ln n)²/a³).
  @Test(arguments: [1e2, 1e4, 1e6, 1e9, 1e12, 1e15])
  func approachesTheExtremeValueAsymptote(n: Double) throws {
    let e = try ExpectedMaximum.ofStandardNormals(n)
    let a = (2 * log(n)).squareRoot()
    let gamma = 0.577_215_664_901_532_860_61
    let expansion = a - (log(log(n)) + log(4 * Double.pi) - 2 * gamma) / (2 * a)
    #expect(e < a)
    #expect(abs(e - expansion) <= 2 * pow(log(log(n)), 2) / pow(a, 3))
    #expect(1 - e / a <= (log(log(n)) + log(4 * Double.pi)) / (2 * a * a))
  }

  @Test(arguments: [2.0, 2.5, 7.0, 50.0, 1000.0, 1e5])
  func agreesWithTheDefiningIntegral(n: Double) throws {
    // ∫ x n φ(x) Φ(x)^{n−1} dx, integrated directly (QAGI over the real line).
    let quadrature = Quadrature(relativeTolerance: 1e-12, limit: 500, rule: .gauss61)
    let direct = try quadrature.integrateOverRealLine { x in
      x * n * StandardNormal.density(x) * exp((n - 1) * StandardNormal.logCDF(x))
    }
    let e = try ExpectedMaximum.ofStandardNormals(n)
    #expect(relativeError(e, direct.value) <= 1e-10, "n = \(n)")
  }

  @Test func agreesWithASeededMonteCarlo() throws {
    var random = SplitMix64(seed: 20_261_127)
    for n in [2, 5, 20] {
      var maximum = MeanEstimate()
      for _ in 0..<20_000 {
        var best = -Double.infinity
        for _ in 0..<n { best = max(best, random.normal()) }
        maximum.add(best)
      }
      let e = try ExpectedMaximum.ofStandardNormals(Double(n))
      #expect(abs(maximum.value - e) <= 4 * maximum.standardError, "n = \(n)")
    }
  }

  @Test(arguments: [0.0, 0.999, -1, 1e15 * 1.0000001, .infinity, .nan])
  func rejectsCountsOutsideTheRange(n: Double) {
    #expect(throws: SelectionError.self) { try ExpectedMaximum.ofStandardNormals(n) }
    do {
      _ = try ExpectedMaximum.ofStandardNormals(n)
    } catch {
      #expect(error.field == .n)
    }
  }

  @Test(arguments: [1 + 1e-9, 1.5, 2, 10, 123.4, 1e6, 7.7e11, 1e15])
  func sampleCountInvertsTheExpectedMaximum(n: Double) throws {
    let e = try ExpectedMaximum.ofStandardNormals(n)
    let inverse = try ExpectedMaximum.sampleCount(reaching: e)
    #expect(relativeError(log(inverse), log(n)) <= 1e-12, "n = \(n), got \(inverse)")
    #expect(relativeError(try ExpectedMaximum.ofStandardNormals(inverse), e) <= 1e-13)
  }

  @Test func concurrentCallsAgreeWithSequentialOnes() async throws {
    // Every call has its own GSL workspace: many at once must give the same bits.
    let counts = [1.5, 10, 1e3, 1e6, 1e9, 1e12, 1e15, 77.7]
    let sequential = try counts.map { try ExpectedMaximum.ofStandardNormals($0) }
    let concurrent = await withTaskGroup(of: (Int, Double).self) { group in
      for round in 0..<4 {
        for (index, n) in counts.enumerated() {
          group.addTask { (index + round * counts.count, (try? ExpectedMaximum.ofStandardNormals(n)) ?? .nan) }
        }
      }
      var values = [Double](repeating: .nan, count: 4 * counts.count)
      for await (slot, value) in group { values[slot] = value }
      return values
    }
    for (slot, value) in concurrent.enumerated() {
      #expect(value == sequential[slot % counts.count])
    }
  }
}
