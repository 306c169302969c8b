import ArgumentParser
import Goodhart

/// `goodhart optimize`: RL on the weights with a KL penalty, exactly or by sampling.
struct OptimizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "optimize",
    abstract: "Maximise E_w[P] - beta * KL(law_w || law_w0) over the weights.",
    discussion: """
      exact: the optimum (beta = 0 gives the reward maximiser's vertex), certified global by \
      branch and bound where it settles (else a verified KKT point, certificate local, with the \
      reason). reinforce / pathwise: Adam on the softmax logits with a \
      score-function (RLHF reward, leave-one-out baseline) or reparameterised gradient, seeded \
      (off the simplex, Adam on the weights, projected onto w >= 0 for nonnegative); the \
      output-law KL is in the sampled reward, any other regulariser adds its exact gradient. \
      Reported numbers are exact functions of the reported weights; kl is null when infinite. \
      Sampling runs report early_stop (the logged step with the highest E[T]); --fit fits Gao et \
      al.'s forms to the truth gain along the run against d = sqrt(KL), the object their RL form \
      describes (try --beta 0).
      """)

  @OptionGroup var source: ModelOptions

  @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The KL penalty beta >= 0.", valueName: "b"))
  var beta = RealFlag("0.1")

  @Option(name: .long, help: "exact, reinforce or pathwise.")
  var method: String = "exact"

  @Option(
    name: .long,
    help: "The penalty: output-kl (KL between the laws of (T, P)), persuasion-kl, weight-kl or weight-decay.")
  var regulariser: String = Regulariser.outputKL.rawValue

  @Option(name: .long, help: "Where the weights may go: simplex, nonnegative or real.")
  var domain: String = WeightDomain.simplex.rawValue

  @Option(name: .long, parsing: .unconditional, help: "Adam steps (sampling methods), integer in [1, 10^8].")
  var steps = WholeFlag(String(PolicyGradientSettings.defaultSteps))

  @Option(name: .long, parsing: .unconditional, help: "Samples per step (sampling methods), integer in [2, 10^7].")
  var batch = WholeFlag(String(PolicyGradientSettings.defaultBatch))

  @Option(
    name: .customLong("learning-rate"), parsing: .unconditional,
    help: "Peak Adam learning rate (cosine decay), in (0, 10].")
  var learningRate = RealFlag(String(PolicyGradientSettings.defaultLearningRate))

  @Option(name: .long, parsing: .unconditional, help: "Seed of the random stream, integer in [0, 2^64 - 1].")
  var seed = SeedFlag("0")

  @Option(
    name: .customLong("log-every"), parsing: .unconditional,
    help: "A trajectory point every k steps (sampling methods), integer >= 1.")
  var logEvery = WholeFlag(String(PolicyGradientSettings.defaultLogEvery))

  @Flag(
    name: .long,
    help: "Fit the Gao-Schulman-Hilton forms along the sampling run's trajectory (reinforce, pathwise).")
  var fit = false

  @Option(name: .long, help: "Output format: table or json.")
  var format: OutputFormat = .table

  func run() throws {
    guard format == .table || format == .json else {
      throw CommandFailure(flag: "--format", "must be table or json for optimize (got \(format.rawValue))")
    }
    let request = try OptimisationRequest(
      method: method, regulariser: regulariser, domain: domain, beta: beta, steps: steps, batch: batch, learningRate: learningRate,
      seed: seed, logEvery: logEvery)
    if fit, request.method == .exact {
      throw CommandFailure(
        flag: "--fit", "fits a sampling run's trajectory: use --method reinforce or pathwise")
    }
    let model = try source.load()
    var report = try request.run(on: model)
    if fit, let sampling = report.sampling {
      do { report.fits = try OveroptimisationForm.allCases.map { form throws(FittingError) in try sampling.fit(form) } } catch {
        throw CommandFailure(
          flag: "--fit", "the trajectory: \(error.rule) (log more points with a smaller --log-every)")
      }
    }
    Terminal.write(format == .json ? report.json.rendered() : report.table)
  }
}
