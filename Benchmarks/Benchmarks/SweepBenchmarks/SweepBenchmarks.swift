import Benchmark
import Foundation
import Goodhart
import GoodhartCharts

/// Issue "Speed toward the limit ...": a 50 x 50 Gaussian sweep of the Goodhart gap in under 2 s.
/// Sequential here (one thread), the CLI runs points in parallel.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput], maxDuration: .seconds(10))
  let spec = try! SweepSpec(json: Data(#"""
    {"preset": "cheap-persuasion",
     "axes": [{"path": "submodules[2].mean", "from": 0.5, "to": 3.0, "steps": 50},
              {"path": "submodules[2].sd", "from": 0.25, "to": 2.0, "steps": 50}],
     "record": ["goodhart_gap"]}
    """#.utf8))
  Benchmark("sweep 50 x 50, goodhart_gap, cheap-persuasion, one thread, CSV", configuration: .init(maxIterations: 10)) {
    benchmark in
    for _ in benchmark.scaledIterations {
      let sweep = Sweep(spec: spec)
      var rows = [spec.csvHeader]
      for index in 0..<spec.pointCount {
        rows.append(spec.csvRow(point: index, values: try sweep.values(atPoint: index)))
      }
      blackHole(rows.joined(separator: "\n"))
    }
  }
  Benchmark("sweep spec: parse and validate 2,500 models") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try SweepSpec(json: Data(#"""
        {"preset": "cheap-persuasion",
         "axes": [{"path": "submodules[2].mean", "from": 0.5, "to": 3.0, "steps": 50},
                  {"path": "submodules[2].sd", "from": 0.25, "to": 2.0, "steps": 50}],
         "record": ["goodhart_gap"]}
        """#.utf8)))
    }
  }
}
