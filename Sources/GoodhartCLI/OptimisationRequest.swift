import Goodhart

/// The validated flags of `goodhart optimize`, and their evaluation into a report.
struct OptimisationRequest {
  /// The optimiser asked for.
  enum Method: String, CaseIterable {
    case exact, reinforce, pathwise
  }

  let method: Method
  let settings: PolicyGradientSettings
  let regulariser: Regulariser
  let domain: WeightDomain

  /// Validates every flag (each error names its flag and the rule).
  ///
  /// - Throws: `CommandFailure` naming `--method`, `--regulariser`, `--domain`, `--beta`,
  ///   `--steps`, `--batch`, `--learning-rate`, `--seed` or `--log-every`.
  init(
    method: String, regulariser: String, domain: String, beta: RealFlag, steps: WholeFlag,
    batch: WholeFlag, learningRate: RealFlag, seed: SeedFlag, logEvery: WholeFlag
  ) throws(CommandFailure) {
    guard let chosen = Method(rawValue: method) else {
      throw CommandFailure(
        flag: "--method", "must be exact, reinforce or pathwise (got \"\(method)\")")
    }
    let penalty = try Regulariser.named(regulariser)
    guard let space = WeightDomain(rawValue: domain) else {
      let names = WeightDomain.allCases.map(\.rawValue).joined(separator: ", ")
      throw CommandFailure(flag: "--domain", "must be one of \(names) (got \"\(domain)\")")
    }
    self.regulariser = penalty
    self.domain = space
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
      logEvery: try logEvery.value(flag: "--log-every", in: 1...Int(Int32.max), rangeText: "1 <= k <= 2^31 - 1"),
      regulariser: penalty, domain: space)
  }

  /// Runs the optimiser on `model`.
  ///
  /// - Throws: `CommandFailure` naming the flag behind the library's error (`--model` for a model
  ///   no route covers, `--beta`, `--regulariser`, `--domain`), or `--method` for a sampling
  ///   optimiser on a mixture.
  func run(on model: Model) throws(CommandFailure) -> OptimisationReport {
    let names = model.submodules.map(\.name)
    do {
      switch method {
      case .exact:
        let optimum = try model.regularisedOptimum(
          beta: settings.beta, regulariser: regulariser, domain: domain)
        return OptimisationReport(
          method: method.rawValue, composition: model.composition, names: names,
          regulariser: regulariser, domain: domain, outcome: optimum.outcome,
          penalty: optimum.penalty, exact: optimum, sampling: nil)
      case .reinforce, .pathwise:
        guard model.composition == .sum else {
          throw CommandFailure(
            flag: "--method",
            "the sampling optimisers (reinforce, pathwise) cover the sum reading only; use --method exact for a mixture")
        }
        let result = try WeightFamily(model: model).policyGradient(settings)
        return OptimisationReport(
          method: method.rawValue, composition: model.composition, names: names,
          regulariser: regulariser, domain: domain, outcome: result.outcome,
          penalty: regulariser == .outputKL ? result.outcome.kl : model.penalty(of: regulariser, at: result.outcome.weights),
          exact: nil, sampling: result)
      }
    } catch let failure as CommandFailure {
      throw failure
    } catch let error as OptimisationError {
      throw CommandFailure(flag: FlagTable.flag(for: error.field), error.description)
    } catch {
      throw CommandFailure(flag: "--model", "\(error)")
    }
  }

}
