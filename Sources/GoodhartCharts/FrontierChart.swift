import Goodhart

/// The frontier as an SVG figure: two panels, mean truth against mean persuasiveness and mean
/// truth against sqrt(KL), one labelled line per policy, the base law and the reward maximiser
/// as labelled points, and a shared legend.
public struct FrontierChart: Sendable {
  /// The frontier drawn.
  public let frontier: Frontier
  /// The figure's heading (for example the model's name).
  public let title: String

  /// A chart of `frontier` headed by `title`.
  public init(frontier: Frontier, title: String) {
    self.frontier = frontier
    self.title = title
  }

  /// The SVG document (UTF-8 text, 1400 × 660 px).
  ///
  /// - Complexity: O(number of frontier points).
  public var svg: String {
    let width = 1400.0
    let height = 660.0
    var writer = SVGWriter()
    writer.text(title, x: width / 2, y: 30, size: 20, anchor: "middle", weight: "bold")
    persuasivenessPanel.render(into: &writer, left: 10, top: 44, width: width / 2 - 10, height: 520)
    klPanel.render(into: &writer, left: width / 2, top: 44, width: width / 2 - 10, height: 520)
    legend(into: &writer, top: 584, width: width)
    return writer.document(width: width, height: height)
  }

  /// How each policy is drawn. The filtering policies share one line in the left panel, so they
  /// are layered: a wide pale band, a dashed middle line, a thin dark line on top.
  static func style(_ policy: FrontierPolicy) -> LineChart.Style {
    switch policy {
    case .quantilizer: .init(color: "#1f77b4", width: 9, opacity: 0.35, shape: .square)
    case .bestOfN: .init(color: "#e67e00", width: 4, dash: "10 6", shape: .triangle)
    case .tilt: .init(color: "#2a9d3a", width: 1.8, shape: .circle)
    case .weightFamily: .init(color: "#d62728", width: 3, shape: .diamond)
    case .weightFamilyPersuasionKL: .init(color: "#8c564b", width: 2.5, dash: "6 4", shape: .diamond)
    case .weightFamilyWeightKL: .init(color: "#e377c2", width: 2.5, dash: "2 4", shape: .diamond)
    case .weightFamilyWeightDecay: .init(color: "#17becf", width: 2.5, dash: "10 4", shape: .diamond)
    case .rewardMaximiser: .init(color: "#7b3fa0", width: 3, shape: .diamond)
    }
  }

  private static let baseStyle = LineChart.Style(color: "#333333", shape: .circle)

  /// The base law's means, where both exist.
  private var baseMarker: LineChart.Marker? {
    guard let x = frontier.moments.meanPersuasiveness, let y = frontier.moments.meanTruth else { return nil }
    return .init(label: "base law", x: x, y: y, style: FrontierChart.baseStyle)
  }

  private var persuasivenessPanel: LineChart {
    let point = frontier.rewardMaximiser
    return LineChart(
      title: "Mean truth against mean persuasiveness",
      xTitle: "mean persuasiveness E[P] (score units)",
      yTitle: "mean truth E[T] (score units)",
      series: frontier.curves.map { curve in
        // For a bivariate normal law the filtering policies share one line here: one label, at
        // the tilt's end (the farthest); otherwise each curve has its own.
        let sharesLine = frontier.route == .closedForm
        let label: String? = switch curve.policy {
        case .quantilizer, .bestOfN: sharesLine ? nil : curve.policy.label
        case .tilt: sharesLine ? "filtering policies" : curve.policy.label
        default: curve.policy.label
        }
        return .init(
          label: label, points: curve.points.map { ($0.meanPersuasiveness, $0.meanTruth) },
          style: FrontierChart.style(curve.policy))
      },
      markers: [baseMarker].compactMap { $0 } + [
        .init(
          label: FrontierPolicy.rewardMaximiser.label, x: point.meanPersuasiveness, y: point.meanTruth,
          style: FrontierChart.style(.rewardMaximiser))
      ],
      regions: frontier.weightVertices.isEmpty
        ? []
        : [(
          points: WeightRegion.hull(of: frontier.weightVertices).map {
            (x: $0.meanPersuasiveness, y: $0.meanTruth)
          },
          fill: "rgba(123, 63, 160, 0.10)"
        )],
      brackets: frontier.filteringTruth(atPersuasiveness: point.meanPersuasiveness).map { truth in
        [(
          x: point.meanPersuasiveness, from: point.meanTruth, to: truth,
          color: FrontierChart.style(.rewardMaximiser).color
        )]
      } ?? [],
      notes: [
        "shaded: the hull every weight vector's (E[P], E[T]) lies in, whatever the regulariser",
        frontier.route == .closedForm
          ? "filtering policies share one line: E[T | P] is linear in P"
          : "E[T | P] is not linear here: the filtering policies differ in truth",
        point.goodhartGap.map {
          "dotted: the Goodhart gap at the reward maximiser's E[P] = \(String(format: "%.3g", $0))"
        } ?? "no filtering curve reaches the reward maximiser's E[P] within the grid's KL",
      ])
  }

  private var klPanel: LineChart {
    let point = frontier.rewardMaximiser
    let inRange = point.distance <= frontier.grid.maximumKL.squareRoot()
    let klText = point.kl.isFinite ? "KL = \(String(format: "%.3g", point.kl))" : "KL = ∞"
    let label = "\(FrontierPolicy.rewardMaximiser.label): E[T] = \(String(format: "%.3g", point.meanTruth)) at \(klText)"
    let style = FrontierChart.style(.rewardMaximiser)
    return LineChart(
      title: "Mean truth against sqrt(KL)",
      xTitle: "sqrt(KL from the base law) (sqrt(nats))",
      yTitle: "mean truth E[T] (score units)",
      series: frontier.curves.map { curve in
        .init(
          label: curve.policy.label, points: curve.points.map { ($0.distance, $0.meanTruth) },
          style: FrontierChart.style(curve.policy))
      },
      markers: inRange ? [.init(label: label, x: point.distance, y: point.meanTruth, style: style)] : [],
      levels: inRange ? [] : [(label: label + " (off the axis)", y: point.meanTruth, color: style.color)])
  }

  private func legend(into writer: inout SVGWriter, top: Double, width: Double) {
    var entries: [(String, LineChart.Style, Bool)] = frontier.curves.map {
      ($0.policy.label, FrontierChart.style($0.policy), true)
    }
    entries.append((FrontierPolicy.rewardMaximiser.label + " (vertex, β = 0)", FrontierChart.style(.rewardMaximiser), false))
    entries.append(("base law (KL = 0)", FrontierChart.baseStyle, false))
    let perRow = 3
    let slot = 300.0
    let rows = (entries.count + perRow - 1) / perRow
    let left = (width - slot * Double(perRow)) / 2
    writer.rect(left - 10, top - 4, slot * Double(perRow) + 20, 24 * Double(rows) + 12, fill: "#ffffff", stroke: "#bbbbbb")
    for (index, (label, style, isLine)) in entries.enumerated() {
      let x = left + slot * Double(index % perRow)
      let y = top + 14 + 24 * Double(index / perRow)
      if isLine {
        writer.polyline([(x, y), (x + 44, y)], stroke: style.color, width: style.width, dash: style.dash, opacity: style.opacity)
      }
      LineChart.mark(&writer, x: x + 22, y: y, style: style, size: 6)
      writer.text(label, x: x + 52, y: y + 4.5, size: 13)
    }
  }
}
