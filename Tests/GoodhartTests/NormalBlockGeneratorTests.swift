import Foundation
import Testing

@testable import Goodhart

/// The two-lane normal generator of the Monte Carlo engine: each lane's draws against Φ
/// (Kolmogorov–Smirnov), the moments and the tail beyond the ziggurat's R (the rare path that
/// finishes a lane on a scalar copy of its state) within 4 standard errors, and no correlation
/// between the lanes or between successive draws.
@Suite struct NormalBlockGeneratorTests {
  /// 2,000,000 draws, lane 0's at even indices and lane 1's at odd ones.
  static let draws: [Double] = {
    var parent = RandomSource(seed: 77, stream: 5)
    var generator = NormalBlockGenerator(parent: &parent)
    var draws: [Double] = []
    draws.reserveCapacity(2_000_000)
    for _ in 0..<1_000_000 {
      let pair = generator.next()
      draws.append(pair[0])
      draws.append(pair[1])
    }
    return draws
  }()

  /// The KS statistic of 200,000 draws of one lane stays below the 0.1% critical value 1.95/√n.
  @Test(arguments: [0, 1])
  func eachLaneIsStandardNormal(lane: Int) {
    let n = 200_000
    let sample = (0..<n).map { NormalBlockGeneratorTests.draws[2 * $0 + lane] }.sorted()
    var statistic = 0.0
    for (rank, x) in sample.enumerated() {
      let f = StandardNormal.cdf(x)
      statistic = max(statistic, f - Double(rank) / Double(n), Double(rank + 1) / Double(n) - f)
    }
    #expect(sample.allSatisfy { $0.isFinite })
    #expect(statistic < 1.95 / Double(n).squareRoot(), "lane \(lane): D = \(statistic)")
  }

  /// Mean 0 (SE 1/√n), variance 1 (SE √(2/n)) and fourth moment 3 (SE √(96/n)) of all 2e6 draws.
  @Test func momentsAreThoseOfTheStandardNormal() {
    let draws = NormalBlockGeneratorTests.draws
    let n = Double(draws.count)
    let mean = draws.reduce(0, +) / n
    let second = draws.reduce(0) { $0 + $1 * $1 } / n
    let fourth = draws.reduce(0) { $0 + $1 * $1 * $1 * $1 } / n
    #expect(abs(mean) < 4 / n.squareRoot(), "mean \(mean)")
    #expect(abs(second - 1) < 4 * (2 / n).squareRoot(), "E[Z^2] \(second)")
    #expect(abs(fourth - 3) < 4 * (96 / n).squareRoot(), "E[Z^4] \(fourth)")
  }

  /// The fraction beyond R = 3.654 (drawn only by the scalar finish) and beyond 2 and 4.5, each
  /// within 4 binomial standard errors of 2(1 − Φ).
  @Test(arguments: [2.0, ZigguratTable.tailStart, 4.5])
  func tailFractionsMatchTheNormalLaw(cut: Double) {
    let draws = NormalBlockGeneratorTests.draws
    let n = Double(draws.count)
    let fraction = Double(draws.filter { abs($0) > cut }.count) / n
    let expected = 2 * StandardNormal.survival(cut)
    #expect(
      abs(fraction - expected) < 4 * (expected * (1 - expected) / n).squareRoot(),
      "beyond \(cut): \(fraction) against \(expected)")
  }

  /// The correlation of the two lanes' draws, and of successive draws of lane 0, within 4/√n.
  @Test func lanesAndSuccessiveDrawsAreUncorrelated() {
    let draws = NormalBlockGeneratorTests.draws
    let pairs = draws.count / 2
    var across = 0.0
    var successive = 0.0
    for index in 0..<pairs {
      across += draws[2 * index] * draws[2 * index + 1]
      if index + 1 < pairs { successive += draws[2 * index] * draws[2 * index + 2] }
    }
    let bound = 4 / Double(pairs).squareRoot()
    #expect(abs(across / Double(pairs)) < bound, "lanes: \(across / Double(pairs))")
    #expect(abs(successive / Double(pairs - 1)) < bound, "successive: \(successive / Double(pairs))")
  }
}
