import Foundation
import Testing

@testable import Goodhart

/// The output-law KL is invariant under an invertible linear map of the scores, which gives an
/// independent route for a base law that is nearly singular.
///
/// Submodule i has loadings (δ a_i + b_i, b_i): T = δ T' + P' and P = P' with T' = Σ w_i a_i X_i,
/// P' = Σ w_i b_i X_i. For δ = 2⁻³⁰ every loading is exact in binary, the loadings are
/// proportional to within about δ, and det Σ_0 / (σ_T² σ_P²) is about 1e-18: the entries of Σ_0⁻¹
/// are 1e18 times the forms they make. The same model with δ = 1 is well conditioned. Both are
/// linear images of (T', P'), so they have the same KL at every w, the same gradient and Hessian
/// in w, and (P being the same) the same output-kl optimum.
@Suite struct NearSingularBaseTests {
  /// Means, sds, a_i and b_i of four submodules, and the base weights.
  static let means = [1.0, 0.5, 2, -1]
  static let sds = [1.0, 0.7, 1.3, 0.5]
  static let a = [1.0, -1, 2, 0.5]
  static let b = [1.0, 2, -1, 1]
  static let baseWeights = [0.3, 0.2, 0.4, 0.1]
  static let delta = 0x1p-30

  static func model(delta: Double) -> Model {
    let submodules = (0..<4).map { i in
      try! Submodule(
        name: "S\(i)", mean: means[i], sd: sds[i], truth: delta * a[i] + b[i], persuasion: b[i])
    }
    return try! Model(submodules: submodules, weights: baseWeights)
  }

  static let points: [[Double]] = [
    [0.25, 0.25, 0.25, 0.25], [0.6, 0.1, 0.2, 0.1], [0.05, 0.05, 0.1, 0.8], [0.5, 0.5, 0, 0],
    [0, 0.3, 0.7, 0],
  ]

  static func relative(_ x: Double, _ y: Double) -> Double { abs(x - y) / abs(y) }

  /// The KL at five weight vectors (two on faces) agrees to 1e-12 relative; the same KL from the
  /// entries of Σ_0⁻¹ and Σ_w (the old route) is off by more than 1e-6, so the check is sharp.
  @Test func klAgreesWithTheWellConditionedModel() throws {
    let near = try WeightFamily(model: NearSingularBaseTests.model(delta: NearSingularBaseTests.delta))
    let plain = try WeightFamily(model: NearSingularBaseTests.model(delta: 1))
    let base = near.law(at: NearSingularBaseTests.baseWeights)
    let conditioning = (base.varianceTruth * base.variancePersuasiveness - base.covariance * base.covariance)
      / (base.varianceTruth * base.variancePersuasiveness)
    #expect(conditioning < 1e-15, "the base law is nearly singular: \(conditioning)")
    var naiveError = 0.0
    for w in NearSingularBaseTests.points {
      let expected = plain.kl(at: w)
      #expect(expected > 0.01 && expected.isFinite)
      let kl = near.kl(at: w)
      #expect(NearSingularBaseTests.relative(kl, expected) <= 1e-12, "w \(w): \(kl) vs \(expected)")
      naiveError = max(
        naiveError, NearSingularBaseTests.relative(Self.klFromEntries(near.law(at: w), base: base), expected))
    }
    #expect(naiveError > 1e-6, "the entries of the precision cancel: \(naiveError)")
  }

  /// The gradient and the Hessian in w agree to 1e-10 relative to their largest entry.
  @Test func derivativesAgreeWithTheWellConditionedModel() throws {
    let near = try WeightFamily(model: NearSingularBaseTests.model(delta: NearSingularBaseTests.delta))
    let plain = try WeightFamily(model: NearSingularBaseTests.model(delta: 1))
    for w in NearSingularBaseTests.points where !w.contains(0) {
      let expected = try #require(plain.klGradient(at: w))
      let gradient = try #require(near.klGradient(at: w))
      let scale = expected.map(abs).max()!
      for i in w.indices {
        #expect(abs(gradient[i] - expected[i]) <= 1e-10 * scale, "w \(w), ∂\(i)")
      }
      let support = Array(w.indices)
      let expectedHessian = plain.klHessian(at: w, law: plain.normal(at: w), support: support)
      let hessian = near.klHessian(at: w, law: near.normal(at: w), support: support)
      let hessianScale = expectedHessian.joined().map(abs).max()!
      for i in support {
        for j in support {
          #expect(abs(hessian[i][j] - expectedHessian[i][j]) <= 1e-10 * hessianScale, "w \(w), H\(i)\(j)")
        }
      }
    }
  }

  /// The certified output-kl optimum: the same weights (to 1e-7), objective and KL (to 1e-10
  /// relative), E[T] = δ (E[T'] − E[P']) + E[P'] read through the map, both certified global.
  @Test(arguments: [0.1, 1.0])
  func optimumAgreesWithTheWellConditionedModel(beta: Double) throws {
    let delta = NearSingularBaseTests.delta
    let near = try NearSingularBaseTests.model(delta: delta)
      .regularisedOptimum(beta: beta, regulariser: .outputKL, domain: .simplex)
    let plain = try NearSingularBaseTests.model(delta: 1)
      .regularisedOptimum(beta: beta, regulariser: .outputKL, domain: .simplex)
    #expect(near.certificate == .global && plain.certificate == .global)
    for (x, y) in zip(near.outcome.weights, plain.outcome.weights) {
      #expect(abs(x - y) <= 1e-7, "beta \(beta): \(near.outcome.weights) vs \(plain.outcome.weights)")
    }
    #expect(NearSingularBaseTests.relative(near.outcome.objective, plain.outcome.objective) <= 1e-10)
    #expect(NearSingularBaseTests.relative(near.outcome.kl, plain.outcome.kl) <= 1e-10)
    let primeTruth = plain.outcome.meanTruth - plain.outcome.meanPersuasiveness
    let mapped = delta * primeTruth + plain.outcome.meanPersuasiveness
    #expect(NearSingularBaseTests.relative(near.outcome.meanTruth, mapped) <= 1e-10)
  }

  /// ½ [tr(Σ_0⁻¹ Σ_w) + dᵀ Σ_0⁻¹ d − 2 + ln(det Σ_0 / det Σ_w)] from the entries of the matrices.
  static func klFromEntries(_ law: JointLaw, base: JointLaw) -> Double {
    let det0 = base.varianceTruth * base.variancePersuasiveness - base.covariance * base.covariance
    let det = law.varianceTruth * law.variancePersuasiveness - law.covariance * law.covariance
    let (a, b, c) = (base.variancePersuasiveness / det0, base.varianceTruth / det0, -base.covariance / det0)
    let trace = a * law.varianceTruth + b * law.variancePersuasiveness + 2 * c * law.covariance
    let (d0, d1) = (law.meanTruth - base.meanTruth, law.meanPersuasiveness - base.meanPersuasiveness)
    let shift = a * d0 * d0 + b * d1 * d1 + 2 * c * d0 * d1
    return 0.5 * (trace + shift - 2 + log(det0 / det))
  }
}
