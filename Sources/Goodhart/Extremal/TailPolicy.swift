import Foundation

/// Kwa, Thomas & Garriga-Alonso's construction of catastrophic Goodhart, computed exactly: a policy
/// that keeps the model's outputs with probability 1 − ε and otherwise draws them from the
/// model's law given that one submodule's sample is in its far right tail, X_k > x_t.
///
/// Its law is π = π0 · r(X_k) with r = (1 − ε) + ε 1{X_k > x_t} / Q, Q = P(X_k > x_t), so
///
/// - KL(π ‖ π0) over the submodules' samples is q ln(1 − ε + ε/Q) + (1 − q) ln(1 − ε) with
///   q = (1 − ε) Q + ε; the KL between the output laws of (T, P) is at most this (the data
///   processing inequality), so `kl` bounds the KL RL would be charged (`outputKL(model:)`
///   computes that one by quadrature when the other submodules are normal);
/// - E_π[P] = E_0[P] + ε w_k p_k (E[X_k | X_k > x_t] − E[X_k]) and likewise for T with t_k: when
///   X_k carries no truth (t_k = 0), E_π[T] is E_0[T] exactly.
///
/// With a polynomial tail, E[X_k | X_k > x_t] − x_t grows like x_t/(ν − 1) while ln(1/Q) grows
/// like ν ln x_t, so for any KL bound δ and any target gain there is a threshold and an ε that
/// reach the target within δ (`reaching(gain:klBound:...)`). With a normal X_k no policy can: at
/// KL <= δ the ideal tilt's gain σ_P sqrt(2δ) (Donsker–Varadhan) bounds every policy's
/// (`tiltBound(model:klBound:)`).
public struct TailPolicy: Hashable, Sendable {
  /// The submodule whose tail is drawn from (index into the model's submodules).
  public let submodule: Int
  /// The threshold x_t on X_k's own scale.
  public let threshold: Double
  /// ε, the probability of drawing from the tail, in (0, 1].
  public let mixing: Double
  /// Q = P(X_k > x_t).
  public let tailProbability: Double
  /// KL(π ‖ π0) of the submodules' samples in nats: an upper bound of the output laws' KL
  /// (`outputKL(model:)`).
  public let kl: Double
  /// E_π[T].
  public let meanTruth: Double
  /// E_π[P].
  public let meanPersuasiveness: Double

  /// The policy on `model` drawing from submodule `k`'s tail above `threshold` with probability
  /// `mixing`.
  ///
  /// - Throws: `SelectionError` naming `model` (the mixture reading, an index out of range, a
  ///   submodule whose X_k has no mean, or a threshold with Q = 0), or `shift` (ε not in (0, 1]).
  public init(model: Model, submodule k: Int, threshold: Double, mixing: Double)
    throws(SelectionError)
  {
    guard model.composition == .sum else {
      throw SelectionError(field: .model, rule: "the tail policy is built for the sum reading")
    }
    guard model.submodules.indices.contains(k) else {
      throw SelectionError(field: .model, rule: "has no submodule \(k)")
    }
    guard mixing > 0, mixing <= 1 else {
      throw SelectionError(field: .shift, rule: "the mixing probability must be in (0, 1] (got \(mixing))")
    }
    let law = model.submodules[k].distribution
    guard let mean = law.mean, let baseTruth = model.moments.meanTruth,
      let basePersuasion = model.moments.meanPersuasiveness
    else {
      throw SelectionError(field: .model, rule: "the policy's means need every submodule to have a mean")
    }
    let z = (threshold - law.location) / law.scale
    let (survival, conditionalMean) = try TailPolicy.tail(of: law.standardLaw, above: z)
    // E[X_k | X_k > x_t] − E[X_k].
    let lift = law.location + law.scale * conditionalMean - mean
    let weight = model.weights[k]
    let q = (1 - mixing) * survival + mixing
    let inside = log1p(mixing * (1 / survival - 1))
    let outside = mixing < 1 ? (1 - q) * log1p(-mixing) : 0
    submodule = k
    self.threshold = threshold
    self.mixing = mixing
    tailProbability = survival
    kl = max(0, q * inside + outside)
    meanTruth = baseTruth + mixing * weight * model.submodules[k].truth * lift
    meanPersuasiveness = basePersuasion + mixing * weight * model.submodules[k].persuasion * lift
  }

  /// Q(z) and E[Z | Z > z] of a standard law: for Student-t in closed form,
  /// E[Z | Z > z] = (ν + z²)/(ν − 1) · g(z)/Q(z) (no quadrature, so exact far out in the tail);
  /// for the other families from the upper partial moments.
  private static func tail(of law: StandardLaw, above z: Double) throws(SelectionError)
    -> (survival: Double, conditionalMean: Double)
  {
    let survival = law.survival(z)
    guard survival > 0 else {
      throw SelectionError(field: .model, rule: "P(Z > \(z)) underflows to 0")
    }
    if case .studentT(let nu) = law.family, nu > 1 {
      return (survival, (nu + z * z) / (nu - 1) * law.density(z) / survival)
    }
    let moments: TailMoments
    do { moments = try law.tailMoments(above: z) } catch {
      throw SelectionError(field: .model, rule: error.description)
    }
    guard let excess = moments.first else {
      throw SelectionError(field: .model, rule: "the tail has no mean")
    }
    return (survival, z + excess / moments.survival)
  }

  /// A tail policy that raises E[P] by at least `gain` over the base with `kl` <= `klBound`, or
  /// `nil` when none is found with thresholds up to 10^12 standard units, or where the tail
  /// probability falls below 10^−300 (for a normal tail there is none beyond the tilt bound).
  ///
  /// For each threshold x_t = L + S z, z = 1, 2, 4, ..., the smallest ε reaching the gain is
  /// taken (E_π[P] is linear in ε); the first threshold whose KL is within the bound wins.
  ///
  /// - Throws: `SelectionError` as `init` does, or naming `kl` / `target` for a bound or gain
  ///   that is not finite and > 0.
  public static func reaching(
    gain: Double, klBound: Double, model: Model, submodule k: Int
  ) throws(SelectionError) -> TailPolicy? {
    guard klBound.isFinite, klBound > 0 else {
      throw SelectionError(field: .kl, rule: "must be finite and > 0 (got \(klBound))")
    }
    guard gain.isFinite, gain > 0 else {
      throw SelectionError(field: .target, rule: "the gain must be finite and > 0 (got \(gain))")
    }
    guard model.submodules.indices.contains(k) else {
      throw SelectionError(field: .model, rule: "has no submodule \(k)")
    }
    let law = model.submodules[k].distribution
    var z = 1.0
    while z <= 1e12, law.standardLaw.survival(z) >= 1e-300 {
      let x = law.location + law.scale * z
      let probe = try TailPolicy(model: model, submodule: k, threshold: x, mixing: 1)
      let perUnit = probe.meanPersuasiveness - (model.moments.meanPersuasiveness ?? 0)
      if perUnit > 0 {
        let mixing = gain / perUnit
        if mixing <= 1 {
          let policy = try TailPolicy(model: model, submodule: k, threshold: x, mixing: mixing)
          if policy.kl <= klBound { return policy }
        }
      }
      z *= 2
    }
    return nil
  }

  /// The most any policy can raise E[P] at KL <= `klBound` when (T, P) is bivariate normal:
  /// σ_P sqrt(2 δ), the ideal tilt's gain (Donsker–Varadhan: E_π[P] − E_0[P] <=
  /// (KL + ln E_0[e^{λ(P − E_0 P)}])/λ = KL/λ + λσ_P²/2 for every λ > 0).
  ///
  /// - Throws: `SelectionError` naming `model` when the model is not Gaussian.
  public static func tiltBound(model: Model, klBound: Double) throws(SelectionError) -> Double {
    let law: JointLaw
    do { law = try model.jointLaw() } catch {
      throw SelectionError(field: .model, rule: error.rule)
    }
    return law.standardDeviationPersuasiveness * (2 * klBound).squareRoot()
  }
}
