import Foundation
import Testing
@testable import Goodhart

@Suite struct PersuasionTableTests {
  /// Normal A (r = 1) plus Student-t(3) C (r = 0), each of scale 1/3: the benchmark's law of P.
  static func studentTConvolution() -> Convolution {
    let a = PersuasionComponent(
      law: StandardLaw(.normal), scale: 1.0 / 3, truthRatio: 1, hasMean: true, names: ["A"])
    let c = PersuasionComponent(
      law: StandardLaw(.studentT(degreesOfFreedom: 3)), scale: 1.0 / 3, truthRatio: 0, hasMean: true,
      names: ["C"])
    return Convolution(a, c)
  }

  @Test func chebyshevPieceReproducesPolynomialsAndConverges() {
    let cubic = { (x: Double) in 2 - x + 0.5 * x * x * x }
    let nodes = ChebyshevPiece.nodes(count: 6, lower: -1, upper: 3)
    let piece = ChebyshevPiece(lower: -1, upper: 3, values: nodes.map(cubic))
    for x in stride(from: -1.0, through: 3, by: 0.37) {
      #expect(heavyTailRelativeError(piece(x), cubic(x), floor: 1) < 1e-13)
    }
    let smooth = ChebyshevPiece(
      lower: 0, upper: 2, values: ChebyshevPiece.nodes(count: 20, lower: 0, upper: 2).map { exp(-$0) })
    for x in ChebyshevPiece.checkPoints(count: 20, lower: 0, upper: 2) {
      #expect(heavyTailRelativeError(smooth(x), exp(-x)) < 1e-14)
    }
  }

  @Test func segmentsCoverZeroToSixtyFourWithGrowingWidths() {
    let ends = PersuasionTable.boundaries
    #expect(ends.first == 0 && ends.last == 64 && ends.count == 25)
    #expect(zip(ends, ends.dropFirst()).allSatisfy { $1 > $0 })
  }

  /// Table values agree with direct quadrature at points that are neither nodes nor check points,
  /// in the bulk, the crossover and the polynomial tail.
  @Test(arguments: [0.05, 0.9, 2.7, 11.3, 480, 3.3e4])
  func tableMatchesDirectQuadrature(s: Double) throws {
    let convolution = PersuasionTableTests.studentTConvolution()
    let table = PersuasionTable(convolution)
    let values = try #require(table.values(at: s))
    let tail = try convolution.tail(s)
    let numerator = try convolution.truthNumerator(s)
    #expect(heavyTailRelativeError(values.tail, tail) < 1e-10, "s=\(s)")
    #expect(heavyTailRelativeError(values.truthNumerator, numerator) < 1e-10, "s=\(s)")
  }

  /// Best-of-n through the table equals best-of-n by direct quadrature (relative 10^−9, the
  /// accuracy the Gaussian closed-form tests ask of the quadrature path).
  @Test(arguments: [10.0, 1e6, 1e12])
  func bestOfNThroughTheTableMatchesDirectQuadrature(n: Double) throws {
    let laws = [
      try PersuasionLaw(model: heavyTailModel(c: .studentT(degreesOfFreedom: 3))),
      try PersuasionLaw(model: heavyTailModel(c: .cauchy)),
      HeavyTailQuadratureTests.nestedGaussianLaw(),
    ]
    for law in laws {
      let direct = try law.bestOfN(n, table: nil, dispersion: false)
      let tabled = try law.bestOfN(n, table: law.makeTable(), dispersion: false)
      #expect(heavyTailRelativeError(tabled.meanTruth ?? .nan, direct.meanTruth ?? 0) < 1e-9, "n=\(n)")
      if let expected = direct.meanPersuasiveness {
        #expect(heavyTailRelativeError(tabled.meanPersuasiveness ?? .nan, expected) < 1e-9, "n=\(n)")
      }
    }
  }

  /// Identical calls give identical bits: public best-of-n never depends on what was computed
  /// before on the same law (no shared cache behind the value type).
  @Test func identicalCallsGiveIdenticalBits() throws {
    let law = try PersuasionLaw(model: heavyTailModel(c: .studentT(degreesOfFreedom: 3)))
    let first = try law.bestOfN(1000)
    _ = try law.bestOfNMeans(at: [10, 1000, 1e6])
    let second = try law.bestOfN(1000)
    #expect(first == second)
  }

  /// A piece that fails its check is never used: with a zero tolerance every segment is left to
  /// direct quadrature.
  @Test func failedCheckFallsBackToDirectQuadrature() {
    let table = PersuasionTable(PersuasionTableTests.studentTConvolution(), tolerance: 0)
    #expect(table.values(at: 0.4) == nil)
    #expect(table.values(at: 1e30) == nil)
  }
}
