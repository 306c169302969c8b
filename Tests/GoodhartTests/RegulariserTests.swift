import Foundation
import Goodhart
import Testing

/// The regularisers and domains of RL on the weights (`Model.regularisedOptimum`): closed forms
/// against their optimality conditions computed here, and against random points of the domain.
@Suite struct RegulariserTests {
  static func rewards(_ model: Model) -> [Double] {
    model.submodules.map { $0.persuasion * $0.distribution.location }
  }

  /// weight-kl: w ∝ w0 e^{a/β}, and J(w*) >= J(w) at 5,000 random simplex points (1e-12).
  @Test(arguments: [0.05, 0.5, 3])
  func weightKLIsTheGibbsReweighting(beta: Double) throws {
    for seed in UInt64(1)...20 {
      let model = randomModel(seed: seed)
      let optimum = try model.regularisedOptimum(beta: beta, regulariser: .weightKL, domain: .simplex)
      #expect(optimum.certificate == .global)
      let a = RegulariserTests.rewards(model)
      let raw = zip(model.weights, a).map { $0 * exp($1 / beta) }
      let total = raw.reduce(0, +)
      for (w, expected) in zip(optimum.outcome.weights, raw.map { $0 / total }) {
        #expect(abs(w - expected) <= 1e-12 * max(expected, 1e-300) + 1e-300)
      }
      var random = SplitMix64(seed: seed &* 31)
      for _ in 0..<250 {
        let raw = model.submodules.map { _ in -log(random.uniform()) }
        let w = raw.map { $0 / raw.reduce(0, +) }
        let j = zip(w, a).reduce(0) { $0 + $1.0 * $1.1 } - beta * model.penalty(of: .weightKL, at: w)
        #expect(j <= optimum.outcome.objective + 1e-12 * max(1, abs(j)))
      }
    }
  }

  /// weight-decay: the maximiser of a·w − β|w − w0|² satisfies its KKT conditions on each domain,
  /// checked here from the gradient g_i = a_i − 2β(w_i − w0_i): on the simplex g_i = λ where
  /// w_i > 0 and g_i <= λ where w_i = 0; on the orthant g_i = 0 where w_i > 0 and g_i <= 0 where
  /// w_i = 0; on the real line g = 0 (1e-12 of the gradient's scale).
  @Test(arguments: WeightDomain.allCases)
  func weightDecayIsTheProjection(domain: WeightDomain) throws {
    for seed in UInt64(1)...30 {
      let model = randomModel(seed: seed)
      let beta = 0.05 + Double(seed % 7) * 0.3
      let optimum = try model.regularisedOptimum(beta: beta, regulariser: .weightDecay, domain: domain)
      #expect(optimum.certificate == .global)
      let w = optimum.outcome.weights
      let a = RegulariserTests.rewards(model)
      let g = w.indices.map { a[$0] - 2 * beta * (w[$0] - model.weights[$0]) }
      let scale = 1e-12 * max(1, g.map(abs).max() ?? 1)
      switch domain {
      case .simplex:
        #expect(abs(w.reduce(0, +) - 1) <= 1e-12 && w.allSatisfy { $0 >= 0 })
        let support = w.indices.filter { w[$0] > 0 }
        let lambda = support.reduce(0) { $0 + g[$1] } / Double(support.count)
        for i in w.indices {
          if w[i] > 0 { #expect(abs(g[i] - lambda) <= scale) } else { #expect(g[i] <= lambda + scale) }
        }
      case .nonnegative:
        for i in w.indices {
          if w[i] > 0 { #expect(abs(g[i]) <= scale) } else { #expect(g[i] <= scale) }
        }
      case .real:
        #expect(g.allSatisfy { abs($0) <= scale })
      }
    }
  }

  /// Pairings without a finite optimum or a certified route are errors naming the field.
  @Test func unsupportedPairingsNameTheirField() throws {
    let model = Preset.cheapPersuasion.model
    #expect(throws: OptimisationError.self) {
      try model.regularisedOptimum(beta: 1, regulariser: .weightKL, domain: .real)
    }
    do {
      _ = try model.regularisedOptimum(beta: 0, regulariser: .weightDecay, domain: .nonnegative)
      Issue.record("beta = 0 off the simplex has no finite optimum")
    } catch { #expect(error.field == .domain) }
    let mixture = try Model(submodules: model.submodules, weights: model.weights, composition: .mixture)
    do throws(OptimisationError) {
      _ = try mixture.regularisedOptimum(beta: 1, regulariser: .persuasionKL, domain: .simplex)
      Issue.record("persuasion-kl has no closed form in the mixture reading")
    } catch { #expect(error.field == .model) }
    // Four submodules and two statistics (E[P], Var P): a continuum of maximisers, B among them
    // with no persuasion. The reduction to E_w[P] certifies it, on the simplex and off it.
    let copy = model.submodules[2]
    let twin = try Submodule(
      name: "C2", mean: copy.distribution.location, sd: 2 * copy.distribution.scale, truth: copy.truth,
      persuasion: copy.persuasion)
    let wide = try Model(submodules: model.submodules + [twin], weights: [0.25, 0.25, 0.25, 0.25])
    let tied = try wide.regularisedOptimum(beta: 1, regulariser: .persuasionKL, domain: .simplex)
    #expect(tied.certificate == .global)
    let value = tied.outcome.objective
    let found = CertifiedOptimumTests.denseSearch(
      wide, .persuasionKL, beta: 1, domain: .simplex, points: 200, seed: 3)
    #expect(found.value <= value + 1e-9 * max(1, abs(value)), "search found \(found.value) > \(value)")
    for domain in [WeightDomain.nonnegative, .real] {
      let offSimplex = try wide.regularisedOptimum(beta: 1, regulariser: .persuasionKL, domain: domain)
      #expect(offSimplex.certificate == .global, "\(domain)")
      let search = CertifiedOptimumTests.denseSearch(
        wide, .persuasionKL, beta: 1, domain: domain, points: 200, seed: 5)
      let certified = offSimplex.outcome.objective
      #expect(search.value <= certified + 1e-9 * max(1, abs(certified)), "\(domain): \(search.value) > \(certified)")
    }
  }
}
