import Foundation
import Testing

@testable import Goodhart

/// The frontier's weight families under the other regularisers (`RegulariserSweep`) and compare's
/// penalised rows under them, against closed forms written out here: weight-kl's Gibbs weights
/// w ∝ w0 e^{a/β}, weight decay's Euclidean projection of w0 + a/(2β), and the KL between
/// bivariate normals.
@Suite struct RegulariserFamilyTests {
  static let model = Preset.honestPersuasion.model

  /// E_w[T], E_w[P] and KL(law_w ‖ law_w0) of the sum reading, from the definitions.
  static func numbers(_ w: [Double]) -> (truth: Double, persuasion: Double, kl: Double) {
    let s = model.submodules
    func law(_ v: [Double]) -> (Double, Double, Double, Double, Double) {
      var (mt, mp, tt, pp, tp) = (0.0, 0.0, 0.0, 0.0, 0.0)
      for i in s.indices {
        let (a, b, m, sd) = (v[i] * s[i].truth, v[i] * s[i].persuasion, s[i].distribution.location, s[i].distribution.scale)
        mt += a * m; mp += b * m; tt += a * a * sd * sd; pp += b * b * sd * sd; tp += a * b * sd * sd
      }
      return (mt, mp, tt, pp, tp)
    }
    let (mt, mp, tt, pp, tp) = law(w)
    let (nt, np, ut, up, uc) = law(model.weights)
    let det1 = tt * pp - tp * tp, det0 = ut * up - uc * uc
    // Σ0⁻¹ = [[up, −uc], [−uc, ut]] / det0.
    let trace = (up * tt - 2 * uc * tp + ut * pp) / det0
    let (d0, d1) = (mt - nt, mp - np)
    let form = (up * d0 * d0 - 2 * uc * d0 * d1 + ut * d1 * d1) / det0
    return (mt, mp, 0.5 * (trace + form - 2 + log(det0 / det1)))
  }

  static func gibbs(_ beta: Double) -> [Double] {
    let a = model.submodules.map { $0.persuasion * $0.distribution.location }
    let raw = zip(model.weights, a).map { $0 * exp(($1 - a.max()!) / beta) }
    return raw.map { $0 / raw.reduce(0, +) }
  }

  /// Projection onto the simplex by the sort-based rule (Held, Wolfe & Crowder).
  static func decayed(_ beta: Double) -> [Double] {
    let a = model.submodules.map { $0.persuasion * $0.distribution.location }
    let y = zip(model.weights, a).map { $0 + $1 / (2 * beta) }
    let sorted = y.sorted(by: >)
    var theta = 0.0, total = 0.0
    for (k, value) in sorted.enumerated() {
      total += value
      let candidate = (total - 1) / Double(k + 1)
      if value - candidate > 0 { theta = candidate }
    }
    return y.map { max(0, $0 - theta) }
  }

  @Test(arguments: [Regulariser.weightKL, .weightDecay])
  func frontierFamilyFollowsTheClosedForm(_ regulariser: Regulariser) throws {
    let frontier = try Frontier(
      model: Self.model, grid: try KLGrid(points: 40, maximumKL: 8), regularisers: [regulariser])
    let curve = try #require(frontier.curves.first { $0.policy == .weightFamily(under: regulariser) })
    #expect(curve.points.count >= 10)
    for point in curve.points where point.parameter.isFinite {
      let w = regulariser == .weightKL ? Self.gibbs(point.parameter) : Self.decayed(point.parameter)
      let exact = Self.numbers(w)
      #expect(abs(point.meanTruth - exact.truth) <= 1e-12 * max(1, abs(exact.truth)))
      #expect(abs(point.meanPersuasiveness - exact.persuasion) <= 1e-12 * max(1, abs(exact.persuasion)))
      #expect(abs(point.kl - exact.kl) <= 1e-9 * max(1, exact.kl), "β = \(point.parameter)")
      #expect(point.kl <= 8 * (1 + 1e-12))
    }
  }

  @Test func compareRowsUseTheRegulariser() throws {
    let comparison = try GoodhartComparison(model: Self.model, betas: [3, 1, 0.3], regulariser: .weightKL)
    #expect(comparison.regulariser == .weightKL)
    for row in comparison.penalised {
      let w = Self.gibbs(row.optimum.beta)
      for (found, expected) in zip(row.optimum.weights, w) { #expect(abs(found - expected) <= 1e-14) }
      #expect(abs(row.optimum.kl - Self.numbers(w).kl) <= 1e-9 * max(1, row.optimum.kl))
      #expect(row.certificate == .global)
    }
  }

  @Test func otherRegularisersNeedTheGaussianSumReading() throws {
    let mixture = Preset.cheapPersuasion.model.composed(as: .mixture)
    #expect(throws: FrontierError.self) {
      try Frontier(model: mixture, grid: try KLGrid(points: 5, maximumKL: 2), regularisers: [.weightKL])
    }
    #expect(throws: OptimisationError.self) {
      try GoodhartComparison(model: mixture, betas: [1], regulariser: .weightDecay)
    }
  }
}
