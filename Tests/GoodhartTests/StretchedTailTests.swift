import CGSL
import Foundation
import Testing
@testable import Goodhart

/// A stretched, one-sided error beside a normal part of P (issue 12's extreme shapes): a lognormal
/// with σ = 3.5 to 8 or a Weibull law with k = 0.2 or 0.1.
/// Its mass spreads over many decades: E[P] = 2.7e5 and Var P = 1.3e21 at σ = 5, and the outer
/// integrals to ∞ are taken in u = ln(1 + y) (`SplitIntegral`); before, GSL reported round-off
/// or divergence for every selection at σ >= 3.5. It also crowds the start of its support more
/// finely than a position resolves (the lognormal's density peaks e^{−σ²} from it; the Weibull's
/// is unbounded there, with a share x^k of the mass within x), which failed at σ = 6 and k = 0.3
/// until the pieces ending there were taken in the law's probability variable. Checked against a
/// reference written here from the closed forms of each law, in its own variable, which never
/// forms the density of P for thresholds.
@Suite struct StretchedTailTests {
  /// C's law: e^{σZ} with Z ~ N(0, 1), or E^{1/k} with E ~ Exp(1).
  enum ErrorLaw: CustomStringConvertible {
    case lognormal(sigma: Double)
    case weibull(shape: Double)

    var description: String {
      switch self {
      case .lognormal(let sigma): "lognormal σ = \(sigma)"
      case .weibull(let k): "Weibull k = \(k)"
      }
    }
  }

  /// A ~ N(1, 1) (truth 1, persuasion 1) and C (truth 0, persuasion 1), weights 1/2:
  /// P = U + V with U = A/2 ~ N(1/2, 1/4), V = C/2 and T = U.
  static func model(_ error: ErrorLaw) throws -> Model {
    let family: Distribution.Family =
      switch error {
      case .lognormal(let sigma): .lognormal(sigma: sigma, orientation: .right)
      case .weibull(let k): .weibull(shape: k, orientation: .right)
      }
    return try Model(
      submodules: [
        Submodule(name: "A", mean: 1, sd: 1, truth: 1, persuasion: 1),
        Submodule(
          name: "C", distribution: Distribution(family: family, location: 0, scale: 1),
          truth: 0, persuasion: 1),
      ], weights: [0.5, 0.5])
  }

  /// The reference: U's normal law in its standard variable n (U = (1 + n)/2), V's in closed form
  /// and in its own variable w (Z or E).
  struct Reference {
    let error: ErrorLaw

    static let quadrature = Quadrature(
      absoluteTolerance: 0, relativeTolerance: 1e-10, limit: 1000, rule: .gauss31, operation: "reference")

    /// P(V > x).
    func survival(_ x: Double) -> Double {
      guard x > 0 else { return 1 }
      return switch error {
      case .lognormal(let sigma): StandardNormal.survival(log(2 * x) / sigma)
      case .weibull(let k): exp(-pow(2 * x, k))
      }
    }
    /// P(V <= x).
    func cdf(_ x: Double) -> Double {
      guard x > 0 else { return 0 }
      return switch error {
      case .lognormal(let sigma): StandardNormal.cdf(log(2 * x) / sigma)
      case .weibull(let k): -expm1(-pow(2 * x, k))
      }
    }
    /// E[V^j; V > x]: 2^−j e^{j²σ²/2} Q_Z((ln 2x − jσ²)/σ) for the lognormal, 2^−j Γ(1 + j/k, (2x)^k)
    /// (the upper incomplete gamma function) for the Weibull law.
    func partialMoment(_ j: Double, above x: Double) -> Double {
      switch error {
      case .lognormal(let sigma):
        let whole = pow(2, -j) * exp(0.5 * j * j * sigma * sigma)
        return x <= 0 ? whole : whole * StandardNormal.survival((log(2 * x) - j * sigma * sigma) / sigma)
      case .weibull(let k):
        return pow(2, -j) * gsl_sf_gamma_inc(1 + j / k, x <= 0 ? 0 : pow(2 * x, k))
      }
    }
    /// f_V(x).
    func density(_ x: Double) -> Double {
      guard x > 0 else { return 0 }
      return switch error {
      case .lognormal(let sigma): StandardNormal.density(log(2 * x) / sigma) / (sigma * x)
      case .weibull(let k): 2 * k * pow(2 * x, k - 1) * exp(-pow(2 * x, k))
      }
    }

    /// V at w (0.5 e^{σw} or 0.5 w^{1/k}), the density of w, the range of w integrated and w at V = x.
    func value(_ w: Double) -> Double {
      switch error {
      case .lognormal(let sigma): 0.5 * exp(sigma * w)
      case .weibull(let k): 0.5 * pow(w, 1 / k)
      }
    }
    func weight(_ w: Double) -> Double {
      switch error {
      case .lognormal: StandardNormal.density(w)
      case .weibull: exp(-w)
      }
    }
    var ends: [Double] {
      switch error {
      case .lognormal: [-40, -8, 0, 8, 40]
      case .weibull: [0, 1, 8, 50, 750]
      }
    }
    func variable(_ x: Double) -> Double {
      switch error {
      case .lognormal(let sigma): log(2 * x) / sigma
      case .weibull(let k): pow(2 * x, k)
      }
    }

    /// E[g(U)] over n in [−40, 40], cut at `cuts` (values of u) and at n = −8, 0, 8.
    func overU(cuts: [Double] = [], _ g: @escaping (Double) -> Double) throws -> Double {
      let ends = ([-40.0, -8, 0, 8, 40] + cuts.map { 2 * $0 - 1 }.filter { $0 > -40 && $0 < 40 }).sorted()
      var total = 0.0
      for (a, b) in zip(ends, ends.dropFirst()) where b > a {
        total += try Reference.quadrature.integrate({ n in StandardNormal.density(n) * g(0.5 + 0.5 * n) }, from: a, to: b).value
      }
      return total
    }

    /// E[g(V)] over V's own variable w, cut around where V = x0 ± k · width (x0 > 0).
    func overV(near x0: Double, width: Double, _ g: @escaping (Double) -> Double) throws -> Double {
      let range = ends
      var cuts = range
      for k in [-30.0, -8, -2, 0, 2, 8, 30] where x0 + k * width > 0 {
        cuts.append(variable(x0 + k * width))
      }
      cuts = Array(Set(cuts.filter { $0 >= range.first! && $0 <= range.last! })).sorted()
      var total = 0.0
      for (a, b) in zip(cuts, cuts.dropFirst()) where b > a {
        total += try Reference.quadrature.integrate({ w in weight(w) * g(value(w)) }, from: a, to: b).value
      }
      return total
    }

    /// Keep P >= τ: acceptance, E[T], E[P], Var T, Var P, each a single integral over U.
    func threshold(_ tau: Double) throws -> [Double] {
      let kept = try overU(cuts: [tau]) { u in survival(tau - u) }
      let truth = try overU(cuts: [tau]) { u in u * survival(tau - u) }
      let truthSquare = try overU(cuts: [tau]) { u in u * u * survival(tau - u) }
      let error = try overU(cuts: [tau]) { u in partialMoment(1, above: tau - u) }
      let cross = try overU(cuts: [tau]) { u in u * partialMoment(1, above: tau - u) }
      let errorSquare = try overU(cuts: [tau]) { u in partialMoment(2, above: tau - u) }
      let (meanT, meanP) = (truth / kept, (truth + error) / kept)
      return [
        kept, meanT, meanP, truthSquare / kept - meanT * meanT,
        (truthSquare + 2 * cross + errorSquare) / kept - meanP * meanP,
      ]
    }

    /// E[h(U) · 1{P ∈ dp}]/dp: over U where V's density is smooth on U's scale (p far above U's
    /// reach), else over Z with U = p − V (no cancellation there, p being small).
    func joint(_ p: Double, _ h: @escaping (Double) -> Double) throws -> Double {
      if p > 25 { return try overU { u in h(u) * density(p - u) } }
      return try overV(near: max(p - 0.5, 1e-300), width: 0.5) { v in
        h(p - v) * 2 * StandardNormal.density(2 * (p - v) - 1)
      }
    }

    /// ln F_P(p) from the smaller tail.
    func logCDF(_ p: Double) throws -> Double {
      if p > 25 { return log1p(-(try overU { u in survival(p - u) })) }
      let lower = try overV(near: max(p - 0.5, 1e-300), width: 0.5) { v in StandardNormal.cdf(2 * (p - v) - 1) }
      return lower < 0.5 ? log(lower) : log1p(-(try overV(near: max(p - 0.5, 1e-300), width: 0.5) { v in
        StandardNormal.survival(2 * (p - v) - 1)
      }))
    }

    /// E[T], E[P], Var T and E[T] − E[U] (to its own digits where `centred`) of the best of n: the median m of the maximum by bisection in ln(1 + p),
    /// then ∫ n F^{n−1} (·) dp in ln p on each side of m, and over p <= 0.
    func bestOfN(_ n: Double, centred: Bool) throws -> [Double] {
      var (low, high) = (0.0, 80.0)
      for _ in 0..<100 {
        let middle = 0.5 * (low + high)
        if try logCDF(expm1(middle)) < -M_LN2 / n { low = middle } else { high = middle }
      }
      let median = expm1(0.5 * (low + high))
      let outer = Quadrature(
        absoluteTolerance: 0, relativeTolerance: 1e-10, limit: 1000, rule: .gauss21, operation: "reference outer")
      var failure: Error?
      func weighted(_ h: @escaping (Double) throws -> Double) throws -> Double {
        func term(_ p: Double) -> Double {
          do {
            let weight = n * exp((n - 1) * (try logCDF(p)))
            return weight == 0 ? 0 : weight * (try h(p))
          } catch {
            failure = error
            return 0
          }
        }
        let above = try outer.integrate({ u in let p = median * exp(u); return p.isFinite ? p * term(p) : 0 }, from: 0).value
        let below = try outer.integrate({ u in let p = median * exp(-u); return p * term(p) }, from: 0).value
        let negative = try outer.integrate({ p in term(p) }, fromMinusInfinityTo: 0).value
        if let failure { throw failure }
        return above + below + negative
      }
      // About t = E[U] = 1/2 where `centred` (the weight integrates f_P to 1), so that E[T] − 1/2
      // keeps its digits; about 0 otherwise (at n = 10^9 the centred integrand's sign changes
      // stall the reference).
      let t = centred ? 0.5 : 0
      let excess = try weighted { p in try joint(p) { u in u - t } }
      let excessSquare = try weighted { p in try joint(p) { u in (u - t) * (u - t) } }
      let persuasion = try weighted { p in try p * joint(p) { _ in 1 } }
      return [t + excess, persuasion, excessSquare - excess * excess, (t - 0.5) + excess]
    }
  }

  @Test(arguments: [
    ErrorLaw.lognormal(sigma: 3.5), .lognormal(sigma: 5), .lognormal(sigma: 6), .lognormal(sigma: 8),
    .weibull(shape: 0.2), .weibull(shape: 0.1),
  ])
  func thresholdsMatchTheClosedFormReference(error: ErrorLaw) throws {
    let law = try #require(try StretchedTailTests.model(error).outputLaw() as? PersuasionLaw)
    let reference = Reference(error: error)
    for tau in [0.5, 3, 50, 1e4] {
      let kept = try law.threshold(tau)
      let expected = try reference.threshold(tau)
      let outcome = kept.outcome
      let found = [
        kept.acceptance, try #require(outcome.meanTruth), try #require(outcome.meanPersuasiveness),
        try #require(outcome.varianceTruth), try #require(outcome.variancePersuasiveness),
      ]
      for (index, name) in ["acceptance", "E[T]", "E[P]", "Var T", "Var P"].enumerated() {
        #expect(relativeError(found[index], expected[index]) <= 1e-8, "\(name) at tau = \(tau), \(error)")
      }
    }
    // The top 1 %: the threshold found keeps 1 % by the reference, and the means agree.
    let top = try law.quantile(0.01)
    let expected = try reference.threshold(top.threshold)
    #expect(relativeError(expected[0], 0.01) <= 1e-9)
    #expect(relativeError(try #require(top.outcome.meanTruth), expected[1]) <= 1e-8)
    #expect(relativeError(try #require(top.outcome.meanPersuasiveness), expected[2]) <= 1e-8)
  }

  /// Best-of-n at σ = 5 up to n = 10^9 (median of the maximum 7e12), where the conditional
  /// variance of the normal part, formed as s − E[C/2 | S = s] (an ulp of s is 2^−3 at 10^15), came
  /// out anywhere in [0, 1/4] and stalled the outer integral of Var T; at k = 0.2, whose crowded
  /// start failed at n = 10 (this reference's own outer integrals stop at σ = 6 by round-off); and
  /// E[T] − c at n = 10 and 10³ to its own digits.
  @Test(arguments: zip(
    [ErrorLaw.lognormal(sigma: 5), .weibull(shape: 0.2)], [[10.0, 1e3, 1e9], [10, 1e3]]))
  func bestOfNMatchesTheReferenceFarOut(error: ErrorLaw, sizes: [Double]) throws {
    let law = try #require(try StretchedTailTests.model(error).outputLaw() as? PersuasionLaw)
    let reference = Reference(error: error)
    for n in sizes {
      let best = try law.bestOfN(n)
      let expected = try reference.bestOfN(n, centred: n < 1e9)
      let meanTruth = try #require(best.meanTruth)
      #expect(relativeError(meanTruth, expected[0]) <= 1e-7, "E[T], n = \(n), \(error)")
      if n < 1e9 {
        // E[T] − c itself, 2.2e-7 at n = 10^3 and σ = 5 (resolved only to 8 % while the absolute
        // floor of the E[T] integral grew with the median of the maximum, 4e6, rather than with
        // the truth near it).
        #expect(relativeError(meanTruth - 0.5, expected[3]) <= 1e-8, "E[T] − c, n = \(n), \(error)")
      }
      #expect(relativeError(try #require(best.meanPersuasiveness), expected[1]) <= 1e-7, "E[P], n = \(n), \(error)")
      #expect(relativeError(try #require(best.varianceTruth), expected[2]) <= 1e-6, "Var T, n = \(n), \(error)")
    }
  }
}
