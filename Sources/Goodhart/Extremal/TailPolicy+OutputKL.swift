import Foundation

extension TailPolicy {
  /// KL(π ‖ π0) between the output laws of (T, P), in nats, when every other submodule that
  /// loads on T or P is normal; `nil` when one is not (then `kl` is the only bound given).
  ///
  /// Write (T, P) = μ + v X_k + N with v = w_k (t_k, p_k) and N ~ N(0, Σ) the other
  /// submodules. The policy's density ratio on outputs is E_0[r(X_k) | T, P], and the likelihood
  /// of X_k = x given (T, P) is, up to a factor free of x, that of x given
  /// U = vᵀΣ⁺((T, P) − μ) / vᵀΣ⁺v = X_k + τ Z, with τ² = 1 / vᵀΣ⁺v and Z ~ N(0, 1) independent
  /// of X_k. So U is sufficient, and the output laws' KL is the KL between U's laws:
  ///
  /// - with ε < 1, KL = ln(1 − ε) + ∫ m(u) ln(1 + c r(u)) du, c = ε / ((1 − ε) Q);
  /// - with ε = 1, KL = −ln Q + (1/Q) ∫ h(u) ln r(u) du;
  ///
  /// where h(u) = ∫_{x_t}^∞ g(x) φ_τ(u − x) dx, ℓ(u) the same integral below x_t, r = h/(h + ℓ)
  /// the probability that X_k > x_t given U = u, and m = (1 − ε)(h + ℓ) + (ε/Q) h the policy's
  /// density of U. When v lies outside the range of Σ (for instance when no other submodule
  /// loads on T or P), (T, P) fixes X_k and the KL is `kl` itself; when v = 0 it is 0. Always
  /// at most `kl` (the data processing inequality).
  ///
  /// The integrals are adaptive quadratures (relative tolerance 10⁻¹⁰ inside, 10⁻⁹ outside),
  /// split at the body of X_k and at the threshold, with each finite piece in a logarithmic
  /// variable anchored at its ends, so that a threshold 10⁶ scales out is resolved.
  ///
  /// - Parameter model: the model the policy was built on.
  /// - Throws: `SelectionError` naming `model` when the policy's submodule is not in it or a
  ///   quadrature fails.
  public func outputKL(model: Model) throws(SelectionError) -> Double? {
    guard model.submodules.indices.contains(submodule), model.composition == .sum else {
      throw SelectionError(field: .model, rule: "is not the model this tail policy was built on")
    }
    let k = submodule
    let loading = model.submodules[k]
    let v = (model.weights[k] * loading.truth, model.weights[k] * loading.persuasion)
    if v.0 == 0, v.1 == 0 { return 0 }
    var noise = Symmetric2(tt: 0, pp: 0, tp: 0)
    for (i, other) in model.submodules.enumerated() where i != k {
      let (a, b) = (model.weights[i] * other.truth, model.weights[i] * other.persuasion)
      if a == 0, b == 0 { continue }
      guard other.distribution.family == .normal else { return nil }
      let variance = other.distribution.scale * other.distribution.scale
      noise = Symmetric2(
        tt: noise.tt + variance * a * a, pp: noise.pp + variance * b * b,
        tp: noise.tp + variance * a * b)
    }
    guard let information = TailPolicy.information(of: v, noise: noise) else { return kl }
    let law = model.submodules[k].distribution
    let spread = 1 / (information.squareRoot() * law.scale)
    let result = try NoisyTail(
      law: law.standardLaw, threshold: (threshold - law.location) / law.scale, noise: spread,
      tailProbability: tailProbability
    ).kl(mixing: mixing, ceiling: kl)
    return min(kl, max(0, result))
  }

  /// vᵀΣ⁺v, the information (T, P) carries about X_k through the normal noise Σ; `nil` when v has
  /// a component outside the range of Σ (X_k is then a function of (T, P)).
  static func information(of v: (Double, Double), noise: Symmetric2) -> Double? {
    let size = max(noise.tt, noise.pp)
    if size == 0 { return nil }
    // The eigenvalues and unit eigenvectors of the 2 × 2 covariance.
    let half = 0.5 * (noise.tt - noise.pp)
    let radius = (half * half + noise.tp * noise.tp).squareRoot()
    let mean = 0.5 * (noise.tt + noise.pp)
    let angle = 0.5 * atan2(noise.tp, half)
    let axes = [(cos(angle), sin(angle)), (-sin(angle), cos(angle))]
    let variances = [mean + radius, max(0, mean - radius)]
    let norm = v.0 * v.0 + v.1 * v.1
    var total = 0.0
    for (axis, variance) in zip(axes, variances) {
      let projection = v.0 * axis.0 + v.1 * axis.1
      if variance <= 1e-13 * size {
        if projection * projection > 1e-20 * norm { return nil }
        continue
      }
      total += projection * projection / variance
    }
    return total
  }
}
