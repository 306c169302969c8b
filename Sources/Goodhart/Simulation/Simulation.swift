/// A seeded Monte Carlo experiment on a model: the moments of (T, P), persuasiveness windows
/// (thresholds, E[T | P near p]), best-of-n selections and tilted laws π₀ · exp(P/β), each
/// estimate with a standard error.
///
/// ```swift
/// let simulation = try Simulation(
///   model: Preset.cheapPersuasion.model, samples: 1_000_000, seed: 42,
///   windows: [.threshold(1.5)], bestOfN: [BestOfNTrials(n: 16, trials: 10_000)])
/// let result = try simulation.run(threads: 2)
/// print(result.moments.meanTruth!)   // 0.6667 ± 0.0005
/// ```
///
/// The run is cut into chunks of `chunkSize` draws (best-of-n: of about `chunkSize` candidates,
/// whole trials), each with its own generator keyed by (seed, purpose, chunk index); chunk tallies
/// are merged in chunk order. The result is therefore bit-for-bit the same for every thread count,
/// and memory stays constant (streaming power sums, no stored draws). Gaussian models draw (T, P)
/// exactly from two normals (`Model.jointLaw()`'s Cholesky factor); other models draw every
/// submodule, and mixtures draw one submodule per output (`MixturePairSampler`). Standard errors assume the law has the moments involved (fourth moments for the
/// variance and covariance errors); for a law without them (Cauchy) the estimates are
/// meaningless, and `nil` where a sum overflows.
public struct Simulation: Sendable {
  /// (T, P) draws per chunk, and the candidate budget of a best-of-n chunk.
  public static let chunkSize = 65_536
  /// Draws per block: a chunk's main draws are made a block at a time into a small buffer
  /// (16 KB, in cache), which every accumulator then reads.
  static let blockSize = 1024
  /// The largest sample count (10^15).
  public static let maximumSamples = 1_000_000_000_000_000
  /// The largest thread count.
  public static let maximumThreads = 1024

  /// The model sampled.
  public let model: Model
  /// The number of (T, P) draws behind the moments and windows (>= 2).
  public let samples: Int
  /// The seed: equal seeds give equal results.
  public let seed: UInt64
  /// Persuasiveness windows (thresholds included), in request order.
  public let windows: [PersuasivenessWindow]
  /// Best-of-n experiments, in request order.
  public let bestOfN: [BestOfNTrials]
  /// Temperatures β of the tilted laws π₀ · exp(P/β) to estimate from the (T, P) draws.
  public let tilts: [Double]

  /// Creates an experiment.
  ///
  /// - Parameters:
  ///   - model: any model (Gaussian or heavy-tailed).
  ///   - samples: 2 <= samples <= 10^15.
  ///   - seed: any 64-bit seed.
  ///   - windows: windows on P to estimate acceptance and conditional means for.
  ///   - bestOfN: best-of-n experiments.
  ///   - tilts: temperatures β > 0 of tilted laws π₀ · exp(P/β) (importance-weighted; see
  ///     `SimulatedTilt` for when that is meaningful).
  /// - Throws: `SimulationError` naming `samples` when out of range, or `beta` when a temperature
  ///   is not finite and > 0.
  public init(
    model: Model, samples: Int, seed: UInt64, windows: [PersuasivenessWindow] = [],
    bestOfN: [BestOfNTrials] = [], tilts: [Double] = []
  ) throws(SimulationError) {
    guard samples >= 2, samples <= Simulation.maximumSamples else {
      throw SimulationError(
        field: .samples, rule: "must be an integer with 2 <= samples <= 10^15 (got \(samples))")
    }
    for beta in tilts where !(beta.isFinite && beta > 0) {
      throw SimulationError(field: .beta, rule: "must be finite and > 0 (got \(beta))")
    }
    self.tilts = tilts
    self.model = model
    self.samples = samples
    self.seed = seed
    self.windows = windows
    self.bestOfN = bestOfN
  }

  /// Draws in the whole run: samples plus every best-of-n candidate.
  public var totalDraws: Int { bestOfN.reduce(samples) { $0 + $1.candidates } }

  /// Runs the experiment.
  ///
  /// - Parameters:
  ///   - threads: worker threads, 1 (sequential, on the calling thread) to 1024; the result does
  ///     not depend on it.
  ///   - progress: called on the calling thread after every batch of chunks (every few
  ///     milliseconds), with the draws done so far.
  /// - Returns: every estimate, with standard errors.
  /// - Throws: `SimulationError` naming `threads` when out of range.
  /// - Complexity: O(totalDraws · submodules) time (O(totalDraws) for Gaussian models),
  ///   O(threads · (windows + best-of-n)) memory.
  public func run(threads: Int = 1, progress: (SimulationProgress) -> Void = { _ in })
    throws(SimulationError) -> SimulationResult
  {
    guard threads >= 1, threads <= Simulation.maximumThreads else {
      throw SimulationError(
        field: .threads, rule: "must be an integer with 1 <= threads <= 1024 (got \(threads))")
    }
    if model.composition == .mixture {
      return execute(MixturePairSampler(model: model), threads: threads, progress: progress)
    }
    if model.isGaussian, let law = try? model.jointLaw() {
      return execute(GaussianPairSampler(law: law), threads: threads, progress: progress)
    }
    return execute(SubmodulePairSampler(model: model), threads: threads, progress: progress)
  }

  /// The stream of the main (T, P) draws.
  private static let sampleStream: UInt64 = 0

  /// The stream of best-of-n experiments with n candidates (keyed by n, not by request order).
  private static func bestOfNStream(_ n: Int) -> UInt64 { 1 << 63 | UInt64(n) }

  private func execute<Sampler: PairSampler>(
    _ sampler: Sampler, threads: Int, progress: (SimulationProgress) -> Void
  ) -> SimulationResult {
    let total = totalDraws
    var completed = 0
    let shift = sampler.shift
    let (moments, selected, tilted) = sampleTally(sampler, threads: threads) { draws in
      progress(SimulationProgress(completed: completed + draws, total: total))
    }
    completed += samples
    let windowResults = zip(windows, selected).map { window, tally in
      let (truth, persuasiveness) = tally.means(shift: shift)
      let acceptance = tally.count / Double(samples)
      return SimulatedWindowSelection(
        window: window, accepted: Int(tally.count),
        acceptance: Estimate(
          estimate: acceptance,
          standardError: (acceptance * (1 - acceptance) / Double(samples)).squareRoot()),
        meanTruth: truth, meanPersuasiveness: persuasiveness)
    }
    let tiltResults = zip(tilts, tilted).map { beta, tally in
      let (truth, persuasiveness, effective) = tally.means(shift: shift)
      return SimulatedTilt(
        beta: beta, meanTruth: truth, meanPersuasiveness: persuasiveness,
        effectiveSamples: effective)
    }
    var bestResults: [SimulatedBestOfN] = []
    for experiment in bestOfN {
      let winners = bestOfNTally(sampler, experiment: experiment, threads: threads) { draws in
        progress(SimulationProgress(completed: completed + draws, total: total))
      }
      completed += experiment.candidates
      let (truth, persuasiveness) = winners.means(shift: shift)
      bestResults.append(
        SimulatedBestOfN(
          experiment: experiment, meanTruth: truth, meanPersuasiveness: persuasiveness))
    }
    return SimulationResult(
      samples: samples, seed: seed, moments: moments.moments(shift: shift), windows: windowResults,
      bestOfN: bestResults, tilts: tiltResults)
  }

  /// One chunk's tally of the main draws.
  private struct SampleTally: Sendable {
    var moments = MomentAccumulator()
    var windows: [MeanAccumulator]
    var tilts: [TiltAccumulator]
  }

  private func sampleTally<Sampler: PairSampler>(
    _ sampler: Sampler, threads: Int, report: (Int) -> Void
  ) -> (MomentAccumulator, [MeanAccumulator], [TiltAccumulator]) {
    let chunkSize = Simulation.chunkSize
    let chunks = (samples + chunkSize - 1) / chunkSize
    let (samples, seed) = (self.samples, self.seed)
    // Centred bounds: p >= lower − shift ⇔ P >= lower.
    let bounds = windows.map {
      ($0.lower - sampler.shift.persuasiveness, $0.upper - sampler.shift.persuasiveness)
    }
    let empty = SampleTally(
      windows: Array(repeating: MeanAccumulator(), count: bounds.count),
      tilts: tilts.map(TiltAccumulator.init(beta:)))
    let schedule = ChunkSchedule(chunks: chunks, threads: threads)
    let tally = schedule.run(
      initial: empty,
      work: { chunk in
        var source = RandomSource(seed: seed, stream: Simulation.sampleStream, chunk: UInt64(chunk))
        var tally = empty
        let count = min(chunkSize, samples - chunk * chunkSize)
        tally.moments.addCount(count)
        let blockSize = Simulation.blockSize
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * blockSize) { buffer in
          let truth = buffer.baseAddress!
          let persuasiveness = truth + blockSize
          var done = 0
          while done < count {
            let size = min(blockSize, count - done)
            sampler.fill(truth: truth, persuasiveness: persuasiveness, count: size, using: &source)
            tally.moments.add(truth: truth, persuasiveness: persuasiveness, count: size)
            for index in bounds.indices {
              tally.windows[index].add(
                truth: truth, persuasiveness: persuasiveness, count: size, within: bounds[index])
            }
            for index in tally.tilts.indices {
              tally.tilts[index].add(truth: truth, persuasiveness: persuasiveness, count: size)
            }
            done += size
          }
        }
        return tally
      },
      merge: { total, chunk in
        total.moments.merge(chunk.moments)
        for index in total.windows.indices { total.windows[index].merge(chunk.windows[index]) }
        for index in total.tilts.indices { total.tilts[index].merge(chunk.tilts[index]) }
      },
      afterBatch: { done in report(min(samples, done * chunkSize)) })
    return (tally.moments, tally.windows, tally.tilts)
  }

  private func bestOfNTally<Sampler: PairSampler>(
    _ sampler: Sampler, experiment: BestOfNTrials, threads: Int, report: (Int) -> Void
  ) -> MeanAccumulator {
    let (n, trials, seed) = (experiment.n, experiment.trials, self.seed)
    let trialsPerChunk = max(1, Simulation.chunkSize / n)
    let chunks = (trials + trialsPerChunk - 1) / trialsPerChunk
    let stream = Simulation.bestOfNStream(n)
    let schedule = ChunkSchedule(chunks: chunks, threads: threads)
    return schedule.run(
      initial: MeanAccumulator(),
      work: { chunk in
        var source = RandomSource(seed: seed, stream: stream, chunk: UInt64(chunk))
        var winners = MeanAccumulator()
        for _ in 0..<min(trialsPerChunk, trials - chunk * trialsPerChunk) {
          let (t, p) = sampler.bestOf(n, using: &source)
          winners.add(truth: t, persuasiveness: p)
        }
        return winners
      },
      merge: { $0.merge($1) },
      afterBatch: { done in report(min(trials, done * trialsPerChunk) * n) })
  }
}
