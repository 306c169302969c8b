import Testing

@testable import Goodhart

/// Results must not depend on threads: 1000 analyses, exact optimisations, simulations and
/// policy-gradient runs started at once from Swift tasks equal the same jobs run one by one.
@Suite struct ConcurrencyTests {
  /// One unit of work and its (hashable) result.
  enum Job: Sendable {
    case analysis(Model)
    case optimum(Model, beta: Double)
    case simulation(Model, seed: UInt64, threads: Int)
    case policyGradient(Model, beta: Double, seed: UInt64)

    enum Result: Hashable, Sendable {
      case numbers([Double])
      case optimum(ExactOptimum)
      case simulation(SimulationResult)
      case policyGradient(PolicyGradientResult)
      case failure(String)
    }

    func run() -> Result {
      do {
        switch self {
        case .analysis(let model):
          let law = try model.jointLaw()
          let best = try law.bestOfN(1e6)
          let threshold = try law.threshold(law.meanPersuasiveness + 1)
          let quantile = try law.quantile(1e-3)
          let tilt = try law.tilt(kl: 2)
          let target = try law.bestOfN(reachingMeanPersuasiveness: best.meanPersuasiveness!)
          return .numbers([
            best.meanTruth!, best.meanPersuasiveness!, threshold.outcome.meanTruth!,
            threshold.acceptance, quantile.outcome.meanTruth!, tilt.outcome!.meanTruth!, target.n,
          ])
        case .optimum(let model, let beta):
          return .optimum(try WeightFamily(model: model).optimum(beta: beta))
        case .simulation(let model, let seed, let threads):
          let simulation = try Simulation(
            model: model, samples: 20_000, seed: seed,
            windows: [PersuasivenessWindow.threshold(1)],
            bestOfN: [BestOfNTrials(n: 8, trials: 500)])
          return .simulation(try simulation.run(threads: threads))
        case .policyGradient(let model, let beta, let seed):
          let settings = PolicyGradientSettings(
            estimator: seed.isMultiple(of: 2) ? .reinforce : .pathwise, beta: beta, steps: 60,
            batch: 32, seed: seed, logEvery: 20)
          return .policyGradient(try WeightFamily(model: model).policyGradient(settings))
        }
      } catch {
        return .failure("\(error)")
      }
    }
  }

  static let jobs: [Job] = {
    let models = [Preset.cheapPersuasion.model, Preset.honestPersuasion.model]
      + (0..<8).map { randomModel(seed: 100 + UInt64($0)) }
    return (0..<1000).map { index in
      let model = models[(index / 10) % models.count]
      switch index % 10 {
      case 0, 1, 2, 3: return .analysis(model)
      case 4, 5: return .optimum(model, beta: [0.03, 0.1, 1][index % 3])
      case 6, 7, 8: return .simulation(model, seed: UInt64(index), threads: 1 + index % 2)
      default: return .policyGradient(model, beta: 0.1, seed: UInt64(index))
      }
    }
  }()

  @Test func thousandConcurrentJobsEqualSerialRuns() async {
    let serial = ConcurrencyTests.jobs.map { $0.run() }
    let concurrent = await withTaskGroup(of: (Int, Job.Result).self) { group in
      for (index, job) in ConcurrencyTests.jobs.enumerated() {
        group.addTask { (index, job.run()) }
      }
      var results = [Job.Result?](repeating: nil, count: ConcurrencyTests.jobs.count)
      for await (index, result) in group { results[index] = result }
      return results
    }
    #expect(concurrent.count == serial.count)
    for (index, result) in serial.enumerated() {
      #expect(concurrent[index] == result, "job \(index) differs when run concurrently")
    }
    // Some random models have a degenerate base law (an error for beta > 0, and compared as such);
    // every kind of job must still succeed on most of its models.
    var successes: [String: Int] = [:]
    for result in serial {
      switch result {
      case .numbers: successes["analysis", default: 0] += 1
      case .optimum: successes["optimum", default: 0] += 1
      case .simulation: successes["simulation", default: 0] += 1
      case .policyGradient: successes["policy gradient", default: 0] += 1
      case .failure: break
      }
    }
    #expect(successes["analysis", default: 0] == 400)
    #expect(successes["simulation", default: 0] == 300)
    #expect(successes["optimum", default: 0] >= 100)
    #expect(successes["policy gradient", default: 0] >= 50)
  }
}
