import Foundation

extension Model {
  /// Where E[T] under best-of-n goes as n → ∞, from the tails (Docs/HeavyTails.md, "The
  /// asymptote"). E[T | best of n] = E[m(P_(n))] with m(p) = E[T | P = p], and P_(n) → ∞; when m
  /// has a limit L at +∞ and is bounded beyond some p₀, E[m(P_(n))] → L (the chance that
  /// P_(n) < p₀ is F(p₀)ⁿ). So the asymptote is the limit of m, which the tails decide:
  ///
  /// Sum reading, P = Σ b_i X_i, T = Σ a_i X_i (b_i = w_i p_i, a_i = w_i t_i), independent parts:
  /// - every part of P normal: m is linear with slope Cov(T, P)/Var P (+∞, base, or −∞);
  /// - otherwise the heaviest tail among P's parts carries its extremes. If a heaviest part
  ///   carries truth, m grows like (a_i/b_i) p. If not: a polynomial (subexponential) heaviest
  ///   tail makes every other part return to its own law as p → ∞ (the single big jump: Foss,
  ///   Korshunov and Zachary 2013, §3), so m → E[T], the base; so does a lognormal or Weibull
  ///   k < 1 heaviest tail when every other part has an exponential moment (its density f has
  ///   (ln f)′ → 0, so f(p − y)/f(p) → 1 under a bound e^{ε|y|} that those moments integrate:
  ///   dominated convergence); an exponential heaviest tail of
  ///   rate r tilts every other part by e^{r b_j X_j}, so m → Σ a_j E[X_j e^{r b_j X_j}] /
  ///   E[e^{r b_j X_j}] (normal parts: m_j + r b_j s_j²), a plateau.
  /// - Mixture reading: m(p) = Σ_i π_i(p) (t_i/p_i) p with π_i(p) the posterior weight of
  ///   persona i; the heaviest right tail of p_i X_i takes all the posterior weight. If it
  ///   carries truth, m grows like (t_i/p_i) p; if not, m → 0 when the others' weights fall
  ///   faster than 1/p (always, unless a truth-carrying polynomial tail is within one index of
  ///   the heaviest: then undetermined).
  ///
  /// A part whose tail ends (`RightTail.bounded`) is lighter than every other class and has
  /// every exponential moment, so the rules above take it among the other parts; a P bounded
  /// above, and normal heaviest parts without truth beside a bounded one, are `undetermined`.
  /// Ties between heaviest parts that carry truth with opposite signs, and a base E[T] that
  /// does not exist, are `undetermined`.
  public func bestOfNAsymptote() -> TruthAsymptote {
    guard let base = moments.meanTruth else {
      return .undetermined("E[T] does not exist (a truth-carrying part has no mean)")
    }
    switch composition {
    case .sum: return sumAsymptote(base: base)
    case .mixture: return mixtureAsymptote(base: base)
    }
  }

  private func sumAsymptote(base: Double) -> TruthAsymptote {
    let b = zip(weights, submodules).map { $0 * $1.persuasion }
    let a = zip(weights, submodules).map { $0 * $1.truth }
    let parts = submodules.indices.filter { b[$0] != 0 && submodules[$0].distribution.scale > 0 }
    guard !parts.isEmpty else {
      return .finite(base, base: base, reason: "P is constant: best-of-n keeps the base law")
    }
    let tails = parts.compactMap { RightTail(of: submodules[$0].distribution, coefficient: b[$0]) }
    guard tails.count == parts.count else { return unclassifiedTail(parts, coefficients: b) }
    if tails.allSatisfy({ if case .gaussian = $0 { true } else { false } }) {
      let covariance = parts.reduce(0.0) { total, i in
        let s = submodules[i].distribution.scale
        return total + a[i] * b[i] * s * s
      }
      let reason = "every part of P is normal, so E[T | P = p] is linear in p with slope Cov(T, P)/Var P"
      return covariance == 0
        ? .finite(base, base: base, reason: reason + " = 0")
        : .linear(slope: covariance, reason: reason)
    }
    let heaviest = tails.indices.reduce(0) { tails[$1].isHeavier(than: tails[$0]) ? $1 : $0 }
    if case .bounded = tails[heaviest] { return .undetermined(Model.boundedReason) }
    let dominant = tails.indices.filter { tails[$0].ties(tails[heaviest]) }.map { parts[$0] }
    if let verdict = carriedTruth(dominant.map { a[$0] / b[$0] }, what: "the heaviest part of P") {
      return verdict
    }
    switch tails[heaviest] {
    case .polynomial(let index):
      return .finite(
        base, base: base,
        reason: "the heaviest part of P has a polynomial tail (index \(index)) and carries no truth: "
          + "its single big jump leaves every other part at its own law, so E[T] returns to base")
    case .exponential(let rate):
      var limit = 0.0
      for i in submodules.indices where a[i] != 0 && !dominant.contains(i) {
        let x = submodules[i].distribution
        guard b[i] != 0, x.scale > 0 else {
          limit += a[i] * (x.mean ?? x.location)  // the base exists, so every truth part has a mean
          continue
        }
        guard let tilted = Model.tiltedMean(x, coefficient: b[i], rate: rate) else {
          return .undetermined(
            "submodules[\(i)] (\(x.family.name)) is tilted by the heaviest part of P, and its tilted mean has no closed form here")
        }
        limit += a[i] * tilted
      }
      return .finite(
        limit, base: base,
        reason: "the heaviest part of P has an exponential tail (rate \(rate)) and carries no truth: "
          + "the other parts are tilted by exp(rate · their share of P)")
    case .lognormal, .stretchedExponential:
      let others = tails.indices.filter { !dominant.contains(parts[$0]) }
      guard others.allSatisfy({ tails[$0].hasExponentialMoment }) else {
        return .undetermined(
          "the heaviest part of P is subexponential but not polynomial, and another part of P has no "
            + "exponential moment either: no theorem here says how that part behaves at the extremes")
      }
      return .finite(
        base, base: base,
        reason: "the heaviest part of P is subexponential (\(tails[heaviest].name)) and carries no truth, "
          + "and every other part of P has an exponential moment: its single big jump leaves them at "
          + "their own laws (its density's logarithmic derivative goes to 0), so E[T] returns to base")
    case .gaussian:
      // The normal parts carry P's extremes and tilt the bounded ones towards their ends.
      return .undetermined(
        "the heaviest parts of P are normal and another part is bounded above: no theorem here "
          + "says what that part's truth tends to at P's extremes")
    case .bounded:
      // Returned before `carriedTruth` above (bounded parts carrying truth must not read as
      // unbounded); here only for the switch to be exhaustive.
      return .undetermined(Model.boundedReason)
    }
  }

  /// Why a P bounded above is `undetermined`.
  private static let boundedReason =
    "every part of P is bounded above, so best-of-n tends to P's upper end, where no theorem here "
    + "gives E[T | P = p]"

  /// The verdict when the heaviest parts carry truth (ratios a_i/b_i), or `nil` when none does.
  private func carriedTruth(_ ratios: [Double], what: String) -> TruthAsymptote? {
    guard ratios.contains(where: { $0 != 0 }) else { return nil }
    if ratios.allSatisfy({ $0 >= 0 }) { return .linear(slope: 1, reason: "\(what) carries truth") }
    if ratios.allSatisfy({ $0 <= 0 }) { return .linear(slope: -1, reason: "\(what) carries truth against P") }
    return .undetermined("\(what) is a tie of parts whose truth loadings have opposite signs")
  }

  /// `undetermined`: some part of P has a right tail that `RightTail` does not classify.
  private func unclassifiedTail(_ parts: [Int], coefficients b: [Double]) -> TruthAsymptote {
    let i = parts.first { RightTail(of: submodules[$0].distribution, coefficient: b[$0]) == nil }!
    let side = b[i] < 0 ? "left" : "right"
    return .undetermined(
      "the \(side) tail of submodules[\(i)] (\(submodules[i].distribution.family.name)), on P's side, is "
        + "neither polynomial, lognormal, stretched exponential, exponential, normal nor bounded: no "
        + "theorem here says whether or how it enters P's extremes")
  }

  /// E[X e^{r b X}] / E[e^{r b X}]: X's mean under the tilt by e^{r b X} (r b X's MGF finite);
  /// `nil` for the skewed families, whose tilted means are not written here.
  static func tiltedMean(_ x: Distribution, coefficient b: Double, rate r: Double) -> Double? {
    let spread = abs(b) * x.scale
    let theta = r * spread  // < 1 for a lighter exponential tail
    switch x.family {
    case .normal: return x.location + r * b * x.scale * x.scale
    case .laplace: return x.location + (2 * spread * theta / (1 - theta * theta)) / b
    case .logistic: return x.location + (spread / theta - Double.pi * spread / tan(Double.pi * theta)) / b
    case .studentT, .cauchy: return .nan  // heavier than any exponential tail: never here
    case .lognormal, .pareto, .gumbel, .weibull, .empirical: return nil
    }
  }

  private func mixtureAsymptote(base: Double) -> TruthAsymptote {
    let personas = submodules.indices.filter {
      weights[$0] > 0 && submodules[$0].persuasion != 0 && submodules[$0].distribution.scale > 0
    }
    guard !personas.isEmpty else {
      return .finite(base, base: base, reason: "P is constant: best-of-n keeps the base law")
    }
    let tails = personas.compactMap {
      RightTail(of: submodules[$0].distribution, coefficient: submodules[$0].persuasion)
    }
    guard tails.count == personas.count else {
      return unclassifiedTail(personas, coefficients: submodules.map(\.persuasion))
    }
    let heaviest = tails.indices.reduce(0) { tails[$1].isHeavier(than: tails[$0]) ? $1 : $0 }
    if case .bounded = tails[heaviest] { return .undetermined(Model.boundedReason) }
    let dominant = tails.indices.filter { tails[$0].ties(tails[heaviest]) }
    let ratios = dominant.map { submodules[personas[$0]].truth / submodules[personas[$0]].persuasion }
    if let verdict = carriedTruth(ratios, what: "the persona with the heaviest tail of P") {
      return verdict
    }
    if case .polynomial(let index) = tails[heaviest] {
      for (k, i) in personas.enumerated() where submodules[i].truth != 0 {
        if case .polynomial(let other) = tails[k], other - index <= 1 {
          return .undetermined(
            "a truth-carrying persona's polynomial tail (index \(other)) is within one index of the heaviest (\(index))")
        }
      }
    }
    if case .lognormal(let sigma, let scale) = tails[heaviest] {
      // Two lognormal densities with one σ differ by the power p^{−(ln s₁ − ln s₂)/σ²}.
      for (k, i) in personas.enumerated() where submodules[i].truth != 0 {
        if case .lognormal(sigma, let other) = tails[k], (log(scale) - log(other)) / (sigma * sigma) <= 1 {
          return .undetermined(
            "a truth-carrying lognormal persona with the heaviest one's σ has a density ratio to it that falls no faster than 1/p")
        }
      }
    }
    return .finite(
      0, base: base,
      reason: "the persona with the heaviest tail of P carries no truth and takes all the posterior weight, so E[T | P = p] -> 0")
  }
}
