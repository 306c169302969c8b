import Benchmark
import Goodhart
import GoodhartCharts

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .throughput], maxDuration: .seconds(3))
  let model = Preset.cheapPersuasion.model
  let grid = try! KLGrid(points: 200, maximumKL: 8)

  // The acceptance figure: every policy (quantilizer, best-of-n, tilt, the exact weight family
  // over its beta sweep, the reward maximiser) at 200 KL budgets.
  Benchmark("frontier, 200 points (cheap-persuasion)") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try Frontier(model: model, grid: grid))
    }
  }

  // 200 budgets for the filtering policies, a 50-beta sweep for the weight family.
  Benchmark("frontier, 200 points, weight family at 50 betas") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try Frontier(model: model, grid: grid, weightFamilyPoints: 50))
    }
  }

  // The same without the weight family: the filtering policies' share of the cost.
  Benchmark("frontier, 200 points, filtering policies only") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try Frontier(model: model, grid: grid, includesWeightFamily: false))
    }
  }

  let frontier = try! Frontier(model: model, grid: grid)

  Benchmark("fit both forms to the 4 curves, 200 points") { benchmark in
    for _ in benchmark.scaledIterations {
      for curve in frontier.curves {
        for form in OveroptimisationForm.allCases { blackHole(try curve.fit(form)) }
      }
    }
  }

  Benchmark("SVG chart + CSV of a 200-point frontier") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(FrontierChart(frontier: frontier, title: "benchmark").svg)
      blackHole(frontier.csv)
    }
  }
}
