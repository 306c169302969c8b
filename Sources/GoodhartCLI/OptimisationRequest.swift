import Goodhart

/// The validated flags of `goodhart optimize`, and their evaluation into a report.
struct OptimisationRequest {
  /// The optimiser asked for.
  enum Method: String, CaseIterable {
    case exact, reinforce, pathwise
  }

  let method: Method
  let settings: PolicyGradientSettings

  /// Validates every flag (each error names its flag and the rule).
  ///
  /// - Throws: `CommandFailure` naming `--method`, `--beta`, `--steps`, `--batch`,
  ///   `--learning-rate`, `--seed` or `--log-every`.
  init(
    method: String, beta: RealFlag, steps: WholeFlag, batch: WholeFlag, learningRate: RealFlag,
    seed: SeedFlag, logEvery: WholeFlag
  ) throws(CommandFailure) {
    guard let chosen = Method(rawValue: method) else {
      throw CommandFailure(
        flag: "--method", "must be exact, reinforce or pathwise (got \"\(method)\")")
    }
    let beta = try beta.value(flag: "--beta")
    guard beta >= 0 else { throw CommandFailure(flag: "--beta", "must be >= 0 (got \(beta))") }
    let rate = try learningRate.value(flag: "--learning-rate")
    guard rate > 0, rate <= 10 else {
      throw CommandFailure(flag: "--learning-rate", "must be in (0, 10] (got \(rate))")
    }
    let seedValue = try seed.value(flag: "--seed")
    self.method = chosen
    settings = PolicyGradientSettings(
      estimator: chosen == .pathwise ? .pathwise : .reinforce, beta: beta,
      steps: try steps.value(
        flag: "--steps", in: 1...PolicyGradientSettings.maximumSteps,
        rangeText: "1 <= steps <= \(PolicyGradientSettings.maximumSteps)"),
      batch: try batch.value(
        flag: "--batch", in: 2...PolicyGradientSettings.maximumBatch,
        rangeText: "2 <= batch <= \(PolicyGradientSettings.maximumBatch)"),
      learningRate: rate, seed: seedValue,
      logEvery: try logEvery.value(flag: "--log-every", in: 1...Int(Int32.max), rangeText: "1 <= k <= 2^31 - 1"))
  }

  /// Runs the optimiser on `model`.
  ///
  /// - Throws: `CommandFailure` naming `--model` (not Gaussian) or `--beta` (a degenerate base
  ///   law, or an optimum that could not be verified).
  func run(on model: Model) throws(CommandFailure) -> OptimisationReport {
    if model.composition == .mixture { return try runOnMixture(model) }
    let family: WeightFamily
    do { family = try WeightFamily(model: model) } catch {
      throw CommandFailure(flag: "--model", error.description)
    }
    do {
      switch method {
      case .exact:
        let optimum = try family.optimum(beta: settings.beta)
        return OptimisationReport(
          method: method.rawValue, composition: model.composition, names: model.submodules.map(\.name),
          outcome: optimum.outcome, exact: optimum, sampling: nil)
      case .reinforce, .pathwise:
        let result = try family.policyGradient(settings)
        return OptimisationReport(
          method: method.rawValue, composition: model.composition, names: model.submodules.map(\.name),
          outcome: result.outcome, exact: nil, sampling: result)
      }
    } catch {
      throw CommandFailure(flag: FlagTable.flag(for: error.field), error.description)
    }
  }

  /// The exact optimum of the mixture reading (its KL is Σ w_i ln(w_i / w0_i) with no two
  /// vectors parallel; `MixtureWeights`).
  ///
  /// - Throws: `CommandFailure` naming `--method` for the sampling optimisers (the sum reading
  ///   only, so far), `--model` or `--beta`.
  private func runOnMixture(_ model: Model) throws(CommandFailure) -> OptimisationReport {
    guard method == .exact else {
      throw CommandFailure(
        flag: "--method",
        "the sampling optimisers (reinforce, pathwise) cover the sum reading only; use --method exact for a mixture")
    }
    do {
      let optimum = try MixtureWeights(model: model).optimum(beta: settings.beta)
      return OptimisationReport(
        method: method.rawValue, composition: .mixture, names: model.submodules.map(\.name),
        outcome: optimum.outcome, exact: optimum, sampling: nil)
    } catch {
      throw CommandFailure(flag: FlagTable.flag(for: error.field), error.description)
    }
  }
}
