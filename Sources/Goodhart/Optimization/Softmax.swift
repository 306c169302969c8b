import Foundation

/// The softmax parametrisation of the simplex used by the optimisers: w_i = e^{θ_i} / Σ_j e^{θ_j}.
enum Softmax {
  /// w = softmax(θ), computed after subtracting max θ so that nothing overflows.
  static func weights(_ logits: [Double]) -> [Double] {
    var weights = [Double](repeating: 0, count: logits.count)
    fill(&weights, from: logits)
    return weights
  }

  /// `weights(logits)` written into `weights` (no allocation: the descent's inner loop).
  static func fill<Weights: MutableCollection<Double>, Logits: RandomAccessCollection<Double>>(
    _ weights: inout Weights, from logits: Logits
  ) where Weights.Index == Int, Logits.Index == Int {
    let top = logits.max() ?? 0
    var total = 0.0
    for i in logits.indices {
      weights[i] = exp(logits[i] - top)
      total += weights[i]
    }
    for i in weights.indices { weights[i] /= total }
  }

  /// θ with softmax(θ) = w, weights below `floor` raised to it (log 0 is not a logit).
  static func logits(_ weights: [Double], floor: Double = 1e-12) -> [Double] {
    weights.map { log(max($0, floor)) }
  }

  /// The chain rule through softmax: ∂f/∂θ_j = w_j (∂f/∂w_j − Σ_k w_k ∂f/∂w_k).
  static func pullBack(_ gradient: [Double], weights: [Double]) -> [Double] {
    var pulled = gradient
    pullBack(&pulled, weights: weights)
    return pulled
  }

  /// `pullBack(gradient, weights:)` in place.
  static func pullBack<Gradient: MutableCollection<Double>, Weights: RandomAccessCollection<Double>>(
    _ gradient: inout Gradient, weights: Weights
  ) where Gradient.Index == Int, Weights.Index == Int {
    var mean = 0.0
    for i in weights.indices { mean += weights[i] * gradient[i] }
    for i in weights.indices { gradient[i] = weights[i] * (gradient[i] - mean) }
  }
}
