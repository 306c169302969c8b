import Foundation
import Testing
@testable import Goodhart

/// The normal-Laplace law (`NormalLaplaceLaw`) against GSL's adaptive rule on its defining
/// convolution, and the pass over it for a normal, a Laplace and a third part
/// (`KernelQuadrature(threeParts:)`) against the nested integrals it replaces
/// (`NestedConvolution` without the pass).
@Suite struct NormalLaplaceKernelTests {
  /// ρ = σ_N/σ_L from the least to the largest with a kernel.
  static let ratios: [Double] = [1.0 / 16, 0.3, 1.07, 3, 4]

  /// ∫ h(n) φ(n/ρ)/ρ e^{−|y − n|}/2 dn over the normal part's variable n (`piecewise`: cut at the
  /// Laplace corner n = y, at 0, and every ρ/2 or 1/2) out to where both factors have fallen below
  /// 10^−300 of their peaks.
  static func convolution(_ h: (Double) -> Double, at y: Double, ratio: Double) throws -> Double {
    try piecewise(at: y, ratio: ratio, reach: 40 * ratio + ratio * ratio + abs(y) + 40) { n in
      h(n) * StandardNormal.density(n / ratio) / ratio * 0.5 * exp(-abs(y - n))
    }
  }

  /// ∫ integrand over [−reach, reach] by GSL's adaptive rule, each piece to 10^−13 relative, on
  /// pieces cut at 0, y, y ± kρ (k = 1 ... 10) and every ρ/2 (or 1/2).
  static func piecewise(
    at y: Double, ratio: Double, reach: Double, _ integrand: (Double) -> Double
  ) throws -> Double {
    let step = max(ratio, 1) / 2
    let cuts = Set(
      stride(from: -reach, through: reach, by: step).map { $0 } + [0, y]
        + (1...10).flatMap { [y - Double($0) * ratio, y + Double($0) * ratio] }
    ).sorted()
    let quadrature = Quadrature(absoluteTolerance: 1e-300, relativeTolerance: 1e-13, limit: 400)
    var total = 0.0
    for (low, high) in zip(cuts, cuts.dropFirst()) {
      total += try quadrature.integrate(integrand, from: low, to: high).value
    }
    return total
  }

  /// f_Y, Q_Y, E[N | Y = y] f_Y and E[N² | Y = y] f_Y agree with the convolution to 10^−12
  /// relative (Q_Y as ∫ Φ̄((y − l)/ρ) e^{−|l|}/2 dl, in the Laplace variable l = y − n; the
  /// first moment, which changes sign, to 10^−12 of ∫ |n| ...), from the bulk to y = 40 and
  /// below 0, at each ρ.
  @Test(arguments: ratios)
  func lawAgreesWithTheConvolution(ratio: Double) throws {
    let law = NormalLaplaceLaw(ratio: ratio)
    for y in [0, 0.01, 0.5, 1, 3, 10, 40, -2.5] {
      let values = law.values(y)
      let density = try Self.convolution({ _ in 1 }, at: y, ratio: ratio)
      let tail = try Self.tail(at: y, ratio: ratio)
      let first = try Self.convolution({ $0 }, at: y, ratio: ratio)
      let size = try Self.convolution({ abs($0) }, at: y, ratio: ratio)
      let second = try Self.convolution({ $0 * $0 }, at: y, ratio: ratio)
      let label = "ρ = \(ratio), y = \(y)"
      #expect(heavyTailRelativeError(values.density, density) < 1e-12, "\(label): density")
      #expect(heavyTailRelativeError(values.survival, tail) < 1e-12, "\(label): tail")
      #expect(abs(values.first - first) <= 1e-12 * size, "\(label): first moment")
      #expect(heavyTailRelativeError(values.second, second) < 1e-12, "\(label): second moment")
      #expect(law.density(y) == values.density && law.survival(y) == values.survival)
    }
  }

  /// Q_Y(y) = ∫ Φ̄((y − l)/ρ) e^{−|l|}/2 dl over the Laplace variable l (`piecewise`);
  /// Q_Y(y) = 1 − Q_Y(−y) for y < 0 is taken at −y so that the integral is of the small side.
  static func tail(at y: Double, ratio: Double) throws -> Double {
    if y < 0 { return 1 - (try tail(at: -y, ratio: ratio)) }
    return try piecewise(at: y, ratio: ratio, reach: 40 * ratio + ratio * ratio + y + 700) { l in
      StandardNormal.survival((y - l) / ratio) * 0.5 * exp(-abs(l))
    }
  }

  /// Each kernel's bounds beyond its cuts hold: ∫_L^∞ y^k f_Y dy <= `tailMomentBound` for
  /// k = 0, 1, 2 and ∫_L^∞ |E[N | Y = y]| f_Y dy, ∫_L^∞ E[N² | Y = y] f_Y dy <=
  /// `normalTailBounds`, with the integrals by GSL's QAGIU on the law's functions (checked against
  /// the convolution above); the kernel exists for ρ in [1/16, 4] only.
  @Test(arguments: ratios)
  func boundsBeyondTheCutsHold(ratio: Double) throws {
    let law = NormalLaplaceLaw(ratio: ratio)
    let kernel = try #require(QuadratureKernel.normalLaplace(ratio: ratio))
    let quadrature = Quadrature(absoluteTolerance: 1e-300, relativeTolerance: 1e-10, limit: 400)
    for (reach, beyond) in kernel.reaches {
      // Over [L, L + 400] (beyond, f_Y < e^{ρ²/2 − L − 400} is below 10^−170 of the bounds).
      func beyondReach(_ h: (Double) -> Double) throws -> Double {
        try quadrature.integrate(h, from: reach, to: reach + 400).value
      }
      let integrals = try [0, 1, 2].map { power in
        try beyondReach { pow($0, Double(power)) * law.density($0) }
      }
      // Far out the bounds are nearly attained, so each integral, to 10^−10, is compared with
      // the bound plus that tolerance.
      let cover = 1 + 1e-10
      for power in 0...2 {
        #expect(
          integrals[power] <= cover * law.tailMomentBound(beyond: reach, power: power),
          "ρ = \(ratio), L = \(reach), k = \(power)")
      }
      #expect(law.survival(reach) <= beyond)
      let first = try beyondReach { abs(law.values($0).first) }
      let second = try beyondReach { law.values($0).second }
      let bounds = law.normalTailBounds(beyond: reach)
      #expect(first <= cover * bounds.first, "ρ = \(ratio), L = \(reach): first moment")
      #expect(second <= cover * bounds.second, "ρ = \(ratio), L = \(reach): second moment")
    }
    #expect(QuadratureKernel.normalLaplace(ratio: 0.05) == nil)
    #expect(QuadratureKernel.normalLaplace(ratio: 4.5) == nil)
  }

  /// The three-part models: a normal part N, a Laplace part L and a Student-t, Cauchy or logistic
  /// part A, with scales σ and truth ratios r, across ρ = σ_N/σ_L from 0.1 to 4 and with truth
  /// on each part (the first is the benchmark's normal + t(3) + Laplace model), and a second
  /// Laplace part as A (carried with its corner a panel end).
  static let models:
    [(label: String, family: Distribution.Family, carrier: (Double, Double), normal: (Double, Double),
      laplace: (Double, Double))] = [
      ("t(3), truth on the normal part", .studentT(degreesOfFreedom: 3), (0.3, 0), (0.3, 1), (0.28, 0)),
      ("Cauchy, ρ = 4", .cauchy, (0.5, 0.4), (0.8, 1), (0.2, -0.5)),
      ("logistic, ρ = 0.1", .logistic, (1, 0), (0.1, 1), (1, 0.3)),
      ("t(2.5), truth on the heavy part", .studentT(degreesOfFreedom: 2.5), (2, 1), (0.5, 0), (0.5, 0)),
      ("a second Laplace part, truth on each", .laplace, (0.6, 0.5), (0.3, 1), (0.4, -0.2)),
    ]

  /// The model's components (A, N, L).
  static func components(_ index: Int) -> [PersuasionComponent] {
    let model = models[index]
    func component(_ family: Distribution.Family, _ parameters: (Double, Double), _ name: String)
      -> PersuasionComponent
    {
      PersuasionComponent(
        law: StandardLaw(family), scale: parameters.0, truthRatio: parameters.1, hasMean: true,
        names: [name])
    }
    return [
      component(model.family, model.carrier, "A"), component(.normal, model.normal, "N"),
      component(.laplace, model.laplace, "L"),
    ]
  }

  /// The pass over the normal-Laplace kernel and the nested integrals (the same `NestedConvolution`
  /// without it, on the table of N + A) agree at s from 0 to 10^4: the tail and density to 10^−9
  /// relative, the truth numerator to 10^−9 of |N| + Σ|r_k|σ_k f_S, the square numerator about
  /// t = 0.2 and the spread variance Var[T_S | S = s] to 10^−7 relative (the nested route asks
  /// 10^−8 of them), wherever the pass answers: at every point beside a Student-t or Cauchy part.
  @Test(arguments: 0..<models.count)
  func passAgreesWithNestedIntegrals(index: Int) throws {
    let label = Self.models[index].label
    let parts = Self.components(index)
    let (carrier, normal, laplace) = (parts[0], parts[1], parts[2])
    let fast = NestedConvolution(partial: PartialSum(Convolution(normal, carrier)), last: laplace)
    let slow = NestedConvolution(
      partial: PartialSum(Convolution(normal, carrier)), last: laplace, kernelPass: false)
    #expect(fast.kernel != nil && slow.kernel == nil)
    var (answered, truthAnswered) = (0, 0)
    let points: [Double] = [0, 0.3, 1, 3, 10, 40, 200, 1e4]
    for s in points {
      guard let values = fast.tailAndDensity(s) else { continue }
      answered += 1
      if try expectPassAgrees(values, with: slow, at: s, label: label) { truthAnswered += 1 }
    }
    // Beside a heavy-tailed part the pass answers everywhere; beside a logistic one, whose tail
    // falls like the Laplace part's, it declines where Q_S is below what its cut at e^{−180}
    // can vouch for (s = 200, 10^4), and its truth values fail near 0 (the numerator is 0 at
    // s = 0) and at s = 10 (the square's error estimate).
    // A Laplace A's tail falls likewise.
    let heavy = ![.logistic, .laplace].contains(Self.models[index].family)
    #expect(answered >= (heavy ? 8 : 6), "\(label): the pass answered at \(answered) points")
    #expect(truthAnswered >= (heavy ? 8 : 4), "\(label): its truth values at \(truthAnswered) points")
  }

  /// The three-part pass needs exactly a normal, a Laplace and a Student-t, Cauchy, logistic or
  /// second Laplace part, with ρ in the kernel's range (for two Laplace parts, with either one).
  @Test func threePartPassNeedsItsParts() {
    func part(_ family: Distribution.Family, _ scale: Double = 1) -> PersuasionComponent {
      PersuasionComponent(law: StandardLaw(family), scale: scale, truthRatio: 0, hasMean: true, names: ["X"])
    }
    let (normal, laplace, t3) = (part(.normal), part(.laplace), part(.studentT(degreesOfFreedom: 3)))
    #expect(KernelQuadrature(threeParts: [t3, normal, laplace]) != nil)
    #expect(KernelQuadrature(threeParts: [laplace, part(.cauchy), normal]) != nil)
    #expect(KernelQuadrature(threeParts: [normal, laplace, part(.lognormal(sigma: 1, orientation: .right))]) == nil)
    #expect(KernelQuadrature(threeParts: [normal, t3, t3]) == nil)
    #expect(KernelQuadrature(threeParts: [normal, laplace]) == nil)
    #expect(KernelQuadrature(threeParts: [laplace, normal, part(.laplace, 3)]) != nil)
    #expect(KernelQuadrature(threeParts: [laplace, part(.normal, 5), part(.laplace, 0.1)]) == nil)
    #expect(KernelQuadrature(threeParts: [part(.normal, 5), laplace, t3]) == nil)
  }
}
