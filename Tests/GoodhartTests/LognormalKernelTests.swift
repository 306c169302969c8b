import Foundation
import Testing
@testable import Goodhart

/// The fixed-rule pass for a normal part beside a lognormal one (`LognormalQuadrature`) against
/// the adaptive half-lines it replaces (`Convolution` without the pass).
@Suite struct LognormalKernelTests {
  /// A model: the lognormal's shape and orientation, and each part's (σ, r).
  struct Model: Sendable, CustomStringConvertible {
    let shape: Double
    let orientation: Distribution.Orientation
    let normal: (scale: Double, ratio: Double)
    let lognormal: (scale: Double, ratio: Double)
    var description: String {
      "σ = \(shape) \(orientation), σ_N = \(normal.scale), σ_W = \(lognormal.scale)"
    }
  }

  /// Shapes from 0.3 to 3.5 (whose mass crowds its end: `PersuasionComponent.crowdsItsEnd`), both
  /// orientations, the normal part from 20 times narrower than the lognormal's scale to 15 times
  /// wider, and the truth on either part or both.
  static let models: [Model] = [
    Model(shape: 1, orientation: .right, normal: (1.0 / 3, 1), lognormal: (1.0 / 3, 0)),
    Model(shape: 1, orientation: .left, normal: (1.0 / 3, 1), lognormal: (1.0 / 3, 0)),
    Model(shape: 0.3, orientation: .right, normal: (1, 0.5), lognormal: (2, 1)),
    Model(shape: 2, orientation: .right, normal: (0.05, 1), lognormal: (1, -0.5)),
    Model(shape: 3.5, orientation: .right, normal: (3, 0), lognormal: (0.2, 1)),
    Model(shape: 0.5, orientation: .left, normal: (0.2, 0.7), lognormal: (3, 0.2)),
  ]

  /// The model's normal and lognormal components, the latter centred at its median as
  /// `Decomposition` centres it.
  static func components(_ model: Model) -> (PersuasionComponent, PersuasionComponent) {
    let normal = PersuasionComponent(
      law: StandardLaw(.normal), scale: model.normal.scale, truthRatio: model.normal.ratio,
      hasMean: true, names: ["N"])
    var lognormal = PersuasionComponent(
      law: StandardLaw(.lognormal(sigma: model.shape, orientation: model.orientation)),
      scale: model.lognormal.scale, truthRatio: model.lognormal.ratio, hasMean: true, names: ["W"])
    lognormal.centre = lognormal.law.lowerQuantile(0.5)
    return (normal, lognormal)
  }

  /// The points s of each side.
  static let points: [Double] = [0, 0.3, 1, 3, 10, 40, 200, 1e4]

  /// The pass and the adaptive half-lines agree on both sides of 0 (the mirrored sum at −s), at s
  /// from 0 to 10^4: the tail and density to 10^−9 relative, the truth numerator to 10^−9 of
  /// |N| + Σ|r_k|σ_k f_S, the square numerator about t = 0.2 and Var[T_S | S = s] to 10^−7
  /// relative (the half-lines ask 10^−10 of each integral). The pass answers at all eight points
  /// on the side of W's unbounded tail (ε = +1), with its truth values at six or more; on the side
  /// where W's support ends it answers at s = 0 and 0.3, and declines further out, where f_S
  /// falls below the normal tail beyond W's end (at s = 3, 5 × 10^−16 beside σ = 1 and
  /// σ_N = σ_W = 1/3) and its lower bound underflows or the rules' estimate fails.
  @Test(arguments: 0..<models.count)
  func passAgreesWithHalfLines(index: Int) throws {
    let model = Self.models[index]
    let (normal, lognormal) = Self.components(model)
    for (normal, lognormal) in [(normal, lognormal), (normal.mirrored, lognormal.mirrored)] {
      let (fast, slow) = (Convolution(normal, lognormal), Convolution(normal, lognormal, kernelPass: false))
      let pass = try #require(fast.lognormal)
      #expect(slow.lognormal == nil)
      let side = lognormal.law.mirrored ? "bounded side" : "unbounded side"
      var (answered, truthAnswered) = (Set<Double>(), 0)
      for s in Self.points {
        guard let values = pass.values(at: s) else { continue }
        answered.insert(s)
        if try expectPassAgrees(values, with: slow, at: s, label: "\(model), \(side)") {
          truthAnswered += 1
        }
      }
      if lognormal.law.mirrored {
        #expect(answered.isSuperset(of: [0, 0.3]), "\(model), \(side): answered at \(answered.sorted())")
      } else {
        #expect(answered.count == Self.points.count, "\(model), \(side): answered at \(answered.sorted())")
        #expect(truthAnswered >= 6, "\(model), \(side): truth values at \(truthAnswered) points")
      }
    }
  }

  /// Beside σ = 1 and σ_N = σ_W = 1/3, the pass reads over W's variable at s = 0, where W's support
  /// end (t = 1) lies among N's panels, and over N's at s = 10 (t = 31).
  @Test func passTakesBothVariables() throws {
    let (normal, lognormal) = Self.components(Self.models[0])
    let pass = try #require(LognormalQuadrature(normal, lognormal))
    #expect(pass.readsOverNormal(at: 0) == false)
    #expect(pass.readsOverNormal(at: 10) == true)
  }

  /// The pass needs a normal part and a lognormal one.
  @Test func passNeedsItsParts() {
    func part(_ family: Distribution.Family) -> PersuasionComponent {
      var part = PersuasionComponent(
        law: StandardLaw(family), scale: 1, truthRatio: 0, hasMean: true, names: ["X"])
      part.centre = part.isSymmetric ? 0 : part.law.lowerQuantile(0.5)
      return part
    }
    let lognormal = part(.lognormal(sigma: 1, orientation: .left))
    #expect(LognormalQuadrature(part(.normal), lognormal) != nil)
    #expect(LognormalQuadrature(lognormal, part(.normal)) != nil)
    #expect(LognormalQuadrature(part(.laplace), lognormal) == nil)
    #expect(LognormalQuadrature(part(.normal), part(.weibull(shape: 2, orientation: .right))) == nil)
    #expect(LognormalQuadrature(part(.normal), part(.normal)) == nil)
  }
}
