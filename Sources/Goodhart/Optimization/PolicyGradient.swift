import Foundation

/// The sampling optimisers' shared constants.
public enum PolicyGradient {
  /// With β = 0 the optimum is a vertex and the logits run off to infinity: the optimiser stops
  /// once a weight exceeds 1 − this.
  public static let vertexTolerance = 1e-6
  /// No logit is allowed below the largest minus this (weights >= e^−40 ≈ 4e−18), so that the
  /// law of every iterate stays representable.
  static let logitRange = 40.0
}

extension WeightFamily {
  /// Maximises J(w) = E_w[P] − β penalty(w) by stochastic gradient ascent from w0: each step
  /// draws `batch` samples, estimates ∇_w J (REINFORCE or pathwise, both unbiased) and takes an
  /// Adam step with the cosine-decayed rate η (1 + cos(π t / steps)) / 2. On the simplex the
  /// step is on the softmax logits θ (w = softmax θ; the gradient is pulled back to θ); on the
  /// nonnegative orthant it is on w, projected onto w >= 0; on the real domain it is on w. The penalty is the settings' regulariser:
  /// the output-law KL enters the sampled reward; any other adds its exact gradient
  /// (`SamplingPenalty`), so that only ∇E_w[P] is sampled.
  ///
  /// Stops after `steps` steps, or (β = 0) when a weight exceeds 1 − `vertexTolerance`. With
  /// β > 0 the result is the Polyak–Ruppert average of the iterates over the last quarter of the
  /// run (the gradient noise then averages out; with β = 0 the last iterate, at the vertex). The
  /// trajectory holds the iterates. Every number is an exact function of its weights. The same
  /// settings and seed give the same result.
  ///
  /// - Throws: `OptimisationError` naming the setting at fault, `weights` (β > 0 with a
  ///   degenerate base law, or weight-kl with a zero base weight), or `learning_rate` if an
  ///   iterate reaches a degenerate law.
  /// - Complexity: O(steps · batch) for REINFORCE (plus O(steps · n)), O(steps · batch · n) for
  ///   pathwise.
  public func policyGradient(_ settings: PolicyGradientSettings) throws(OptimisationError)
    -> PolicyGradientResult
  {
    try settings.validate()
    let beta = settings.beta
    let regulariser = settings.regulariser
    let penalty = try SamplingPenalty(model: model, regulariser: regulariser, beta: beta)
    let rewardBeta = penalty.rewardBeta
    if rewardBeta > 0, base.isSingular { throw OptimisationError.degenerateBase }
    var logits = Softmax.logits(baseWeights)
    var adam = Adam(count: count)
    var random = RandomSource(seed: settings.seed)
    var samples = [Double](repeating: 0, count: count)
    let domain = settings.domain
    var weights = domain == .simplex ? Softmax.weights(logits) : baseWeights
    var trajectory = [
      TrajectoryPoint(step: 0, outcome: outcome(at: weights, beta: beta, regulariser: regulariser))
    ]
    var step = 0
    var stop = PolicyGradientResult.Stop.steps
    // Polyak–Ruppert: the mean of the iterates over the last quarter of the run (β > 0), where
    // the cosine rate is below 15 % of its peak and the iterates only jitter about the optimum.
    let averagingStart = settings.steps - settings.steps / 4
    var average = [Double](repeating: 0, count: count)
    var averaged = 0
    while step < settings.steps {
      if beta == 0, weights.max() ?? 0 >= 1 - PolicyGradient.vertexTolerance {
        stop = .vertex
        break
      }
      let law = normal(at: weights)
      if rewardBeta > 0, law.isSingular {
        throw OptimisationError(
          field: .learningRate,
          rule: "step \(step) reached weights whose law of (T, P) is degenerate; lower it")
      }
      var gradient: [Double]
      switch settings.estimator {
      case .reinforce:
        gradient = reinforceGradient(
          weights: weights, law: law, beta: rewardBeta, batch: settings.batch, random: &random)
      case .pathwise:
        gradient = pathwiseGradient(
          weights: weights, law: law, beta: rewardBeta, batch: settings.batch, random: &random,
          samples: &samples)
      }
      guard penalty.add(to: &gradient, at: weights) else {
        throw OptimisationError(
          field: .learningRate,
          rule: "step \(step) reached weights with Var_w P = 0, where the KL on P has no gradient; lower it")
      }
      let progress = Double(step) / Double(settings.steps)
      let rate = settings.learningRate * 0.5 * (1 + cos(Double.pi * progress))
      switch domain {
      case .simplex:
        adam.ascend(&logits, gradient: Softmax.pullBack(gradient, weights: weights), rate: rate)
        let top = logits.max() ?? 0
        logits = logits.map { max($0 - top, -PolicyGradient.logitRange) }
        weights = Softmax.weights(logits)
      case .nonnegative:
        adam.ascend(&weights, gradient: gradient, rate: rate)
        for i in weights.indices where weights[i] < 0 { weights[i] = 0 }
      case .real:
        adam.ascend(&weights, gradient: gradient, rate: rate)
      }
      step += 1
      if beta > 0, step > averagingStart {
        for i in weights.indices { average[i] += weights[i] }
        averaged += 1
      }
      if step % settings.logEvery == 0 || step == settings.steps {
        trajectory.append(TrajectoryPoint(step: step, outcome: outcome(at: weights, beta: beta, regulariser: regulariser)))
      }
    }
    if trajectory.last?.step != step {
      trajectory.append(TrajectoryPoint(step: step, outcome: outcome(at: weights, beta: beta, regulariser: regulariser)))
    }
    var final = weights
    if averaged > 0 {
      // On the simplex the mean is renormalised (each iterate sums to 1; this removes rounding).
      let total = domain == .simplex ? average.reduce(0, +) : Double(averaged)
      final = average.map { $0 / total }
    }
    return PolicyGradientResult(
      outcome: outcome(at: final, beta: beta, regulariser: regulariser), steps: step, stop: stop,
      averagedFromStep: averaged > 0 ? averagingStart : nil, trajectory: trajectory)
  }
}
