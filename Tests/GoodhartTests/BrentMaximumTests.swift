import Foundation
import Testing

@testable import Goodhart

/// Brent's maximiser: the known maximiser of smooth, skewed and kinked functions to the
/// requested bracket, fewer evaluations than golden-section search on a smooth maximum, and
/// never an evaluation at an end of the interval.
@Suite struct BrentMaximumTests {
  /// Functions with a known maximiser on [low, high].
  static let cases: [(name: String, low: Double, high: Double, maximiser: Double, f: @Sendable (Double) -> Double)] = [
    ("sin on [0, 3]", 0, 3, Double.pi / 2, { sin($0) }),
    ("x e^{-x} on [0.1, 7]", 0.1, 7, 1, { $0 * exp(-$0) }),
    ("ln x − x/5 on [0.5, 40]", 0.5, 40, 5, { log($0) - $0 / 5 }),
    ("−|x − 0.3| on [−2, 2] (a kink)", -2, 2, 0.3, { -abs($0 - 0.3) }),
    ("−(x − 8)^4 on [0, 10] (flat top)", 0, 10, 8, { -pow($0 - 8, 4) }),
  ]

  @Test(arguments: 0..<cases.count)
  func findsTheKnownMaximiserWithoutTouchingTheEnds(index: Int) {
    let c = Self.cases[index]
    var touchedEnd = false
    let found = BrentMaximum.maximum(low: c.low, high: c.high, width: 1e-9, rounds: 200) { x in
      if x <= c.low || x >= c.high { touchedEnd = true }
      return c.f(x)
    }
    // A smooth maximum is located to about the square root of f's rounding (1e-8 relative);
    // the kink to the bracket; the quartic's flat top to the fourth root (1e-4).
    let tolerance = c.name.contains("flat") ? 1e-3 : 1e-7
    #expect(abs(found.point - c.maximiser) <= tolerance * max(1, abs(c.maximiser)), "\(c.name)")
    #expect(found.value == c.f(found.point), "\(c.name)")
    #expect(!touchedEnd, "\(c.name)")
  }

  @Test func needsFewerEvaluationsThanGoldenSectionOnASmoothMaximum() {
    // The regime's use: a smooth maximum at width 1e-9. Golden section needs about 43.
    for c in Self.cases where !c.name.contains("kink") && !c.name.contains("flat") {
      var brent = 0
      var golden = 0
      _ = BrentMaximum.maximum(low: c.low, high: c.high, width: 1e-9, rounds: 200) { x in
        brent += 1
        return c.f(x)
      }
      _ = GoldenSection.maximum(low: c.low, high: c.high, width: 1e-9, rounds: 200) { x in
        golden += 1
        return c.f(x)
      }
      #expect(brent * 2 <= golden, "\(c.name): Brent \(brent), golden \(golden)")
    }
  }

  @Test func stopsAfterTheGivenNumberOfEvaluations() {
    var count = 0
    let found = BrentMaximum.maximum(low: 0, high: 3, width: 0, rounds: 7) { x in
      count += 1
      return sin(x)
    }
    #expect(count == 7)
    #expect(found.point > 0 && found.point < 3)
  }

  @Test func aConstantFunctionEndsInsideTheInterval() {
    var count = 0
    let found = BrentMaximum.maximum(low: -1, high: 1, width: 1e-9, rounds: 200) { _ in
      count += 1
      return 2
    }
    #expect(found.value == 2)
    #expect(found.point > -1 && found.point < 1)
    #expect(count < 200)
  }
}
