import Foundation

/// The certified maximum of J(w) = E_w[P] − β KL(law_w(P) || law_w0(P)) over the simplex, by a
/// reduction to one variable (Docs/Optimization.md, "The KL on P alone: a continuum of
/// maximisers").
///
/// J sees w only through m = a·w (a_i = p_i μ_i, so m = E_w[P]) and v = Σ q_i w_i²
/// (q_i = s_i² p_i², so v = Var_w P):
///
/// J = u(m) − (β/2) ψ(v/σ0²),  u(m) = m − (β/2)(m − m0)²/σ0²,  ψ(x) = x − 1 − ln x >= 0,
///
/// with m0, σ0² those of the base weights. With four or more submodules the maximisers form a
/// continuum of weights, which boxes of weights cannot close; in (m, v) the problem is small.
/// At a given m the weights of the simplex with a·w = m reach every v in [v_lo(m), v_hi(m)]
/// (the slice is convex and v continuous on it), and J is concave in v with its peak at
/// v = σ0², so h(m) = u(m) − (β/2) ψ(clamp(σ0², v_lo(m), v_hi(m))/σ0²) is the best J at m:
///
/// - v_lo(m) = min Σ q_i w_i² on the slice, a strictly convex quadratic programme, solved
///   exactly by trying every support (the equality-constrained minimiser on a support is a
///   2 × 2 solve; the least value over the feasible supports is the minimum). It is convex in
///   m, and the multiplier μ of a·w = m is a subgradient, so v_lo(m) >= v_lo(c) + μ (m − c).
/// - v_hi(m) = max Σ q_i w_i² on the slice: a convex function peaks at a vertex of the
///   polytope, and the slice's vertices lie on edges of the simplex, so v_hi is the largest of
///   the quadratics q_i x² + q_j (1 − x)² along the edges that cross a·w = m; each is convex in
///   m, so its maximum over an interval of m is at an end.
///
/// A branch and bound over intervals of m then bounds h rigorously on each interval by a
/// concave envelope (`bound(_:_:lowest:)`: the tangent of v_lo at the interval's centre and the
/// edges' largest v_hi), with rounding margins; intervals within the tolerance of the best h
/// are closed. The maximiser's weights are those of v_lo or v_hi at m*, or the point of the
/// segment between them with v = σ0² exactly (v is convex along it, least at the v_lo end).
///
/// Submodules that carry no persuasion (p_i = 0, so a_i = q_i = 0) move neither m nor v: their
/// total weight z is one more coordinate with a = q = 0 (the slice's edges then include those
/// to z, and v_lo's programme has Σ over the others <= 1), split among them in proportion to
/// their base weights (any split gives the same J).
struct PersuasionKLReduction: Sendable {
  /// a_i = p_i μ_i of the reduced coordinates: the persuasive submodules, then z if any.
  let rewards: [Double]
  /// q_i = s_i² p_i² of the reduced coordinates (> 0, and 0 for z).
  let spreads: [Double]
  /// β > 0.
  let beta: Double
  /// m0 = a·w0.
  let baseMean: Double
  /// σ0² = Σ q_i w0_i² > 0.
  let baseVariance: Double
  /// The model's indices of the persuasive submodules (q_i > 0), in order.
  let persuasive: [Int]
  /// The model's indices of the submodules without persuasion, and the shares of z each gets.
  let silent: [Int]
  let silentShares: [Double]
  /// The number of submodules in the model.
  let count: Int

  /// The most intervals of m the search may bound.
  static let intervalBudget = 100_000

  /// The reduction of a KL-on-P objective (`PenalisedObjective` with two statistics), or `nil`
  /// when it does not apply: β = 0, fewer than two persuasive submodules, more submodules than
  /// `Model.certifiedSubmoduleLimit` (v_lo enumerates the 2^n − 1 supports), or a zero base
  /// variance.
  init?(_ objective: PenalisedObjective) {
    guard objective.statistics == 2, objective.logWeight > 0,
      objective.count <= Model.certifiedSubmoduleLimit,
      objective.squares.allSatisfy({ $0 >= 0 && $0.isFinite })
    else { return nil }
    let all = 0..<objective.count
    let persuasive = all.filter { objective.squares[$0] > 0 }
    let silent = all.filter { objective.squares[$0] == 0 }
    guard persuasive.count >= 2, silent.allSatisfy({ objective.linear[$0] == 0 })
    else { return nil }
    let silentBase = silent.reduce(0) { $0 + objective.centre[$1] }
    let share = 1 / Double(max(1, silent.count))
    silentShares = silent.map { silentBase > 0 ? objective.centre[$0] / silentBase : share }
    let padding = silent.isEmpty ? [] : [0.0]
    rewards = persuasive.map { objective.linear[$0] } + padding
    spreads = persuasive.map { objective.squares[$0] } + padding
    (self.persuasive, self.silent, count) = (persuasive, silent, objective.count)
    beta = 2 * objective.logWeight
    baseMean = zip(objective.linear, objective.centre).reduce(0) { $0 + $1.0 * $1.1 }
    baseVariance = zip(objective.squares, objective.centre).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
    guard baseVariance > 0, baseVariance.isFinite else { return nil }
  }

  /// Whether the reduced coordinates end with z.
  var hasSilent: Bool { !silent.isEmpty }

  /// The model's weights as reduced coordinates.
  func reduced(_ weights: [Double]) -> [Double] {
    persuasive.map { weights[$0] } + (hasSilent ? [silent.reduce(0) { $0 + weights[$1] }] : [])
  }

  /// Reduced coordinates as the model's weights.
  func expanded(_ reduced: [Double]) -> [Double] {
    var weights = [Double](repeating: 0, count: count)
    for (k, i) in persuasive.enumerated() { weights[i] = reduced[k] }
    if hasSilent {
      for (i, share) in zip(silent, silentShares) { weights[i] = share * reduced[persuasive.count] }
    }
    return weights
  }

  /// ψ(x) = x − 1 − ln x (x > 0): the variance part of 2 KL.
  static func psi(_ x: Double) -> Double { x - 1 - log(x) }

  /// u(m) = m − (β/2)(m − m0)²/σ0².
  func meanPart(_ m: Double) -> Double {
    m - 0.5 * beta * (m - baseMean) * (m - baseMean) / baseVariance
  }

  /// J at (m, v).
  func objective(mean m: Double, variance v: Double) -> Double {
    meanPart(m) - 0.5 * beta * PersuasionKLReduction.psi(v / baseVariance)
  }

  /// v_lo(m), its minimiser, and the multiplier μ of a·w = m (a subgradient of v_lo at m;
  /// `nil` when the chosen support's multipliers fail dual feasibility, so that no bound is
  /// drawn from it); `nil` when no support is feasible (m outside the range of a, or at a
  /// degenerate point).
  func lowest(at m: Double) -> (value: Double, weights: [Double], slope: Double?)? {
    let n = rewards.count
    let free = persuasive.count
    var best: (value: Double, weights: [Double], lambda: Double, mu: Double, support: Int, silent: Bool)?
    // A vertex with a_i = m is feasible on its own (the ends of the range of m are only these);
    // it carries no multiplier.
    var vertex: (value: Double, weights: [Double])?
    for i in 0..<n where rewards[i] == m && spreads[i] < vertex?.value ?? .infinity {
      var weights = [Double](repeating: 0, count: n)
      weights[i] = 1
      vertex = (spreads[i], weights)
    }
    for withSilent in hasSilent ? [false, true] : [false] {
      for support in 1..<(1 << free) {
        var (s0, s1, s2) = (0.0, 0.0, 0.0)
        for i in 0..<free where support & (1 << i) != 0 {
          let c = 0.5 / spreads[i]
          s0 += c
          s1 += c * rewards[i]
          s2 += c * rewards[i] * rewards[i]
        }
        // Σ w = 1 and a·w = m on the support; with z in it, λ = 0 (z's own stationarity) and
        // only a·w = m binds, z taking the rest.
        let lambda: Double
        let mu: Double
        if withSilent {
          guard s2 > 0 else { continue }
          (lambda, mu) = (0, m / s2)
        } else {
          let determinant = s0 * s2 - s1 * s1
          guard determinant > 1e-14 * s0 * s2 else { continue }
          (lambda, mu) = ((s2 - s1 * m) / determinant, (s0 * m - s1) / determinant)
        }
        var weights = [Double](repeating: 0, count: n)
        var feasible = true
        var value = 0.0
        // A weight that is zero up to rounding (a face of the slice) counts as zero.
        for i in 0..<free where support & (1 << i) != 0 {
          let w = (lambda + mu * rewards[i]) * 0.5 / spreads[i]
          if w < -1e-14 { feasible = false; break }
          weights[i] = max(0, w)
          value += spreads[i] * weights[i] * weights[i]
        }
        if withSilent {
          let rest = 1 - weights.prefix(free).reduce(0, +)
          if rest < -1e-14 { feasible = false }
          weights[free] = max(0, rest)
        }
        guard feasible, value < best?.value ?? .infinity else { continue }
        best = (value, weights, lambda, mu, support, withSilent)
      }
    }
    if let vertex, vertex.value <= best?.value ?? .infinity {
      return (vertex.value, vertex.weights, nil)
    }
    guard let best else { return nil }
    // Dual feasibility off the support: λ + μ a_j <= 0, and λ <= 0 when z is off it (up to
    // rounding).
    let scale = abs(best.lambda) + abs(best.mu) * (rewards.map(abs).max() ?? 0)
    let tolerance = 1e-9 * scale
    let dual =
      (0..<free).allSatisfy { j in
        best.support & (1 << j) != 0 || best.lambda + best.mu * rewards[j] <= tolerance
      } && (!hasSilent || best.silent || best.lambda <= tolerance)
    return (best.value, best.weights, dual ? best.mu : nil)
  }

  /// v_hi(m) and a vertex of the slice a·w = m that attains it (`nil` outside the range of a).
  func highest(at m: Double) -> (value: Double, weights: [Double])? {
    let n = rewards.count
    var best: (value: Double, weights: [Double])?
    for i in 0..<n {
      if rewards[i] == m, spreads[i] > best?.value ?? -1 {
        var weights = [Double](repeating: 0, count: n)
        weights[i] = 1
        best = (spreads[i], weights)
      }
      for j in 0..<n where rewards[i] < m && m < rewards[j] {
        let x = (rewards[j] - m) / (rewards[j] - rewards[i])
        let value = spreads[i] * x * x + spreads[j] * (1 - x) * (1 - x)
        guard value > best?.value ?? -1 else { continue }
        var weights = [Double](repeating: 0, count: n)
        weights[i] = x
        weights[j] = 1 - x
        best = (value, weights)
      }
    }
    return best
  }

  /// An upper bound of v_hi over m in [low, high] (the edges' quadratics at the ends of their
  /// parts of the interval, and the vertices inside it).
  func highestBound(_ low: Double, _ high: Double) -> Double {
    let n = rewards.count
    var bound = 0.0
    for i in 0..<n {
      if rewards[i] >= low, rewards[i] <= high { bound = max(bound, spreads[i]) }
      for j in 0..<n where rewards[i] < rewards[j] {
        let (left, right) = (max(low, rewards[i]), min(high, rewards[j]))
        guard left <= right else { continue }
        for m in [left, right] {
          let x = (rewards[j] - m) / (rewards[j] - rewards[i])
          bound = max(bound, spreads[i] * x * x + spreads[j] * (1 - x) * (1 - x))
        }
      }
    }
    return bound * (1 + 1e-12)
  }

  /// The best J at m, h(m), with weights that attain it (`nil` where the slice is empty);
  /// `low` is `lowest(at: m)`.
  func best(at m: Double, low: (value: Double, weights: [Double], slope: Double?)?)
    -> (value: Double, weights: [Double])?
  {
    guard let low, let high = highest(at: m) else { return nil }
    let target = baseVariance
    if low.value >= target { return (objective(mean: m, variance: low.value), low.weights) }
    if high.value <= target { return (objective(mean: m, variance: high.value), high.weights) }
    // v(t) along w_lo + t (w_hi − w_lo) is A t² + B t + v_lo with B >= 0: v = σ0² at the root.
    let step = zip(high.weights, low.weights).map(-)
    let a = zip(spreads, step).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
    let b = 2 * spreads.indices.reduce(0) { $0 + spreads[$1] * low.weights[$1] * step[$1] }
    let gap = target - low.value
    let t = min(1, max(0, 2 * gap / (b + (b * b + 4 * a * gap).squareRoot())))
    let weights = zip(low.weights, step).map { max(0, $0 + t * $1) }
    return (objective(mean: m, variance: target), weights)
  }

  /// An upper bound of h over m in [low, high], rounding margin included; `lowest` is
  /// `lowest(at:)` the interval's centre.
  ///
  /// With L(m) = v_lo(c) + μ (m − c) <= v_lo(m) (the tangent at the centre c) and H >= v_hi on
  /// the interval, h(m) <= B(m) = u(m) − (β/2) max(ψ(max(σ0², L(m))/σ0²), ψ(min(σ0², H)/σ0²))
  /// (ψ grows away from 1). B is concave (u concave, ψ convex and monotone on each side of 1),
  /// so at a point x near its maximiser (golden-section search) B(m) <= B(x) + B'(x)(m − x):
  /// the bound's excess over max h shrinks with the square of the width where the optimum has
  /// v = v_lo, and linearly where it has v = v_hi.
  func bound(
    _ low: Double, _ high: Double, lowest: (value: Double, weights: [Double], slope: Double?)?
  ) -> Double {
    let centre = 0.5 * (low + high)
    var tangent: (value: Double, slope: Double)?
    if let lowest, let slope = lowest.slope {
      tangent = (lowest.value - 1e-12 * (lowest.value + abs(slope) * (high - low)), slope)
    }
    let highest = highestBound(low, high)
    let highPart = highest < baseVariance ? PersuasionKLReduction.psi(max(highest, .leastNormalMagnitude) / baseVariance) : 0
    // B and a supergradient at m.
    func envelope(_ m: Double) -> (value: Double, slope: Double) {
      var value = meanPart(m)
      var slope = 1 - beta * (m - baseMean) / baseVariance
      var lowPart = 0.0
      var lowSlope = 0.0
      if let tangent {
        let line = tangent.value + tangent.slope * (m - centre)
        if line > baseVariance {
          lowPart = PersuasionKLReduction.psi(line / baseVariance)
          lowSlope = tangent.slope / baseVariance * (1 - baseVariance / line)
        }
      }
      if lowPart >= highPart {
        value -= 0.5 * beta * lowPart
        slope -= 0.5 * beta * lowSlope
      } else {
        value -= 0.5 * beta * highPart
      }
      return (value, slope)
    }
    let ratio = (5.0.squareRoot() - 1) / 2
    var (a, b) = (low, high)
    for _ in 0..<40 where b - a > 1e-3 * (high - low) {
      let (c, d) = (b - ratio * (b - a), a + ratio * (b - a))
      if envelope(c).value >= envelope(d).value { b = d } else { a = c }
    }
    let x = 0.5 * (a + b)
    let (value, slope) = envelope(x)
    let upper = value + max(slope * (low - x), slope * (high - x))
    let margin = 1e-12 * (abs(meanPart(x)) + abs(x) + abs(slope) * (high - low) + 0.5 * beta * (highPart + 1))
    return upper + margin
  }

  /// The certified maximum over the simplex, starting from the incumbent `start` (the model's
  /// weights); the maximiser is returned as the model's weights;
  /// `nil` when `intervalBudget` intervals did not settle it.
  func maximise(from start: [Double]) -> GlobalMaximum? {
    let start = reduced(start)
    let range = (rewards.min() ?? 0, rewards.max() ?? 0)
    let startMean = zip(rewards, start).reduce(0) { $0 + $1.0 * $1.1 }
    let startVariance = zip(spreads, start).reduce(0) { $0 + $1.0 * $1.1 * $1.1 }
    var bestWeights = start
    var bestValue = objective(mean: startMean, variance: startVariance)
    func consider(_ m: Double, low: (value: Double, weights: [Double], slope: Double?)?) {
      if let found = best(at: m, low: low), found.value > bestValue { (bestValue, bestWeights) = found }
    }
    let peak = min(range.1, max(range.0, baseMean + baseVariance / beta))
    consider(peak, low: lowest(at: peak))
    var stack = [(range.0, range.1)]
    var largestClosed = -Double.infinity
    var intervals = 0
    while let (low, high) = stack.popLast() {
      intervals += 1
      if intervals > PersuasionKLReduction.intervalBudget { return nil }
      // v_lo at the centre serves both the incumbent and the bound.
      let centre = 0.5 * (low + high)
      let lowestAtCentre = lowest(at: centre)
      consider(centre, low: lowestAtCentre)
      let bound = bound(low, high, lowest: lowestAtCentre)
      let threshold = BranchAndBound.closingThreshold(above: bestValue)
      if bound <= threshold {
        largestClosed = max(largestClosed, bound)
        continue
      }
      // An interval at the resolution of m that still stays open cannot be settled.
      guard high - low > 1e-14 * max(1, abs(low), abs(high)) else { return nil }
      let middle = 0.5 * (low + high)
      stack.append((middle, high))
      stack.append((low, middle))
    }
    return GlobalMaximum(
      weights: expanded(bestWeights), value: bestValue, upperBound: max(bestValue, largestClosed),
      nodes: intervals)
  }
}
