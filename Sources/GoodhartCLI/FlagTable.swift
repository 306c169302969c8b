import Goodhart

/// The one table from the library's typed error fields to the command line's flags, so that a
/// renamed field cannot silently reroute its error (every switch is exhaustive).
enum FlagTable {
  /// The flag behind a selection's field (`analyze`, `compare`, `regime`).
  static func flag(for field: SelectionField) -> String {
    switch field {
    case .tau: "--threshold"
    case .q: "--quantile"
    case .n: "--best-of"
    case .kl: "--kl"
    case .beta: "--beta"
    case .persuasiveness: "--condition"
    case .points: "--points"
    case .maxN: "--max-n"
    case .target, .shift, .model: "--model"
    }
  }

  /// The flag behind an optimisation's field (`optimize`, `compare`).
  static func flag(for field: OptimisationField) -> String {
    switch field {
    case .beta, .weights: "--beta"
    case .steps: "--steps"
    case .batch: "--batch"
    case .learningRate: "--learning-rate"
    case .logEvery: "--log-every"
    case .regulariser: "--regulariser"
    case .domain: "--domain"
    case .model: "--model"
    }
  }

  /// The flag behind a frontier's field.
  static func flag(for field: FrontierField) -> String {
    switch field {
    case .points: "--points"
    case .maxKL: "--max-kl"
    case .familyPoints: "--family-points"
    case .regulariser: "--regulariser"
    case .weightFamily, .model: "--model"
    }
  }

  /// The flag behind a simulation's field (a window is a `--condition`).
  static func flag(for field: SimulationField) -> String {
    switch field {
    case .samples: "--samples"
    case .threads: "--threads"
    case .trials: "--trials"
    case .n: "--best-of"
    case .tau: "--threshold"
    case .beta: "--beta"
    case .window: "--condition"
    }
  }
}
