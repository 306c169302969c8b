/// How to run a sampling optimiser on the weights (REINFORCE or pathwise, with Adam on the
/// softmax logits).
public struct PolicyGradientSettings: Hashable, Sendable {
  /// The gradient estimator.
  public enum Estimator: String, CaseIterable, Hashable, Sendable {
    /// The score-function estimator with the RLHF-shaped reward and a leave-one-out baseline.
    case reinforce
    /// The reparameterised estimator through the submodule samples X_i = m_i + s_i ε_i.
    case pathwise
  }

  /// The default number of Adam steps.
  public static let defaultSteps = 3000
  /// The default number of samples per step.
  public static let defaultBatch = 1024
  /// The default peak learning rate.
  public static let defaultLearningRate = 0.05
  /// The default trajectory spacing.
  public static let defaultLogEvery = 100
  /// The largest accepted number of steps.
  public static let maximumSteps = 100_000_000
  /// The largest accepted batch.
  public static let maximumBatch = 10_000_000

  /// The estimator.
  public var estimator: Estimator
  /// The penalty's weight β >= 0.
  public var beta: Double
  /// The number of Adam steps (>= 1).
  public var steps: Int
  /// Samples per step (>= 2: the baseline leaves one out).
  public var batch: Int
  /// The peak learning rate η > 0; it decays as η (1 + cos(π t / steps)) / 2 (cosine schedule).
  public var learningRate: Double
  /// The seed of the random stream.
  public var seed: UInt64
  /// A trajectory point every `logEvery` steps (>= 1), plus the first and the last.
  public var logEvery: Int
  /// The penalty β multiplies: the output-law KL (in the sampled reward, the default) or another
  /// regulariser (its exact gradient added to the sampled ∇E_w[P]).
  public var regulariser: Regulariser
  /// Where the weights may go: the simplex (softmax logits, the default), the nonnegative
  /// orthant (projected steps) or anywhere.
  public var domain: WeightDomain

  /// Settings with the defaults that converge on the presets.
  public init(
    estimator: Estimator, beta: Double, steps: Int = defaultSteps, batch: Int = defaultBatch,
    learningRate: Double = defaultLearningRate, seed: UInt64 = 0, logEvery: Int = defaultLogEvery,
    regulariser: Regulariser = .outputKL, domain: WeightDomain = .simplex
  ) {
    self.regulariser = regulariser
    self.domain = domain
    self.estimator = estimator
    self.beta = beta
    self.steps = steps
    self.batch = batch
    self.learningRate = learningRate
    self.seed = seed
    self.logEvery = logEvery
  }

  /// Checks every setting.
  ///
  /// - Throws: `OptimisationError` naming `beta`, `steps`, `batch`, `learning_rate`,
  ///   `log_every`, or `domain` (β = 0 or weight-kl off the simplex, as for the exact optimum).
  public func validate() throws(OptimisationError) {
    guard beta.isFinite, beta >= 0 else {
      throw OptimisationError(field: .beta, rule: "must be finite and >= 0 (got \(beta))")
    }
    guard steps >= 1, steps <= PolicyGradientSettings.maximumSteps else {
      throw OptimisationError(field: .steps, rule: "must be in [1, 10^8] (got \(steps))")
    }
    guard batch >= 2, batch <= PolicyGradientSettings.maximumBatch else {
      throw OptimisationError(field: .batch, rule: "must be in [2, 10^7] (got \(batch))")
    }
    guard learningRate.isFinite, learningRate > 0, learningRate <= 10 else {
      throw OptimisationError(
        field: .learningRate, rule: "must be finite, > 0 and <= 10 (got \(learningRate))")
    }
    guard logEvery >= 1 else {
      throw OptimisationError(field: .logEvery, rule: "must be >= 1 (got \(logEvery))")
    }
    if domain != .simplex, beta == 0 {
      throw OptimisationError(
        field: .domain,
        rule: "beta = 0 has no finite optimum off the simplex (E_w[P] is linear and unbounded there)")
    }
    if domain != .simplex, regulariser == .weightKL {
      throw OptimisationError(field: .domain, rule: "weight-kl needs the simplex (got \(domain.rawValue))")
    }
  }
}
