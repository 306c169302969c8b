import Foundation

/// One panel: axes with ticks and titles, a light grid, labelled lines and labelled point markers.
struct LineChart {
  /// How a line or marker is drawn.
  struct Style {
    var color: String
    var width: Double = 2
    var dash: String? = nil
    var opacity: Double = 1
    var shape: Shape = .circle
  }

  /// Marker shapes.
  enum Shape { case circle, square, diamond, triangle }

  /// A line through (x, y) points, labelled at its end (no label when `label` is nil).
  struct Series {
    var label: String?
    var points: [(x: Double, y: Double)]
    var style: Style
  }

  /// A labelled point.
  struct Marker {
    var label: String
    var x: Double
    var y: Double
    var style: Style
  }

  var title: String
  var xTitle: String
  var yTitle: String
  var series: [Series]
  var markers: [Marker] = []
  /// Shaded polygons drawn under the lines (the region every weight vector lies in).
  var regions: [(points: [(x: Double, y: Double)], fill: String)] = []
  /// Dotted vertical brackets from (x, y1) to (x, y2) (the Goodhart gap; explained in `notes`).
  var brackets: [(x: Double, from: Double, to: Double, color: String)] = []
  /// Dashed horizontal lines across the plot at a y level, labelled at the left (a value reached
  /// only off the x axis, such as at KL = ∞).
  var levels: [(label: String, y: Double, color: String)] = []
  /// Lines of small print under the title.
  var notes: [String] = []

  /// Draws the panel into the rectangle (left, top, width, height).
  func render(into svg: inout SVGWriter, left: Double, top: Double, width: Double, height: Double) {
    let plotLeft = left + 78
    let plotTop = top + 72
    let plotWidth = width - 78 - 168
    let plotHeight = height - 72 - 64
    let xs = series.flatMap { $0.points.map(\.x) } + markers.map(\.x)
      + regions.flatMap { $0.points.map(\.x) }
    let ys = series.flatMap { $0.points.map(\.y) } + markers.map(\.y)
      + regions.flatMap { $0.points.map(\.y) }
      + brackets.flatMap { [$0.from, $0.to] } + levels.map(\.y)
    let xScale = AxisScale(padding: xs, nonNegative: xs.allSatisfy { $0 >= 0 })
    let yScale = AxisScale(padding: ys)
    func px(_ x: Double) -> Double { plotLeft + xScale.fraction(x) * plotWidth }
    func py(_ y: Double) -> Double { plotTop + (1 - yScale.fraction(y)) * plotHeight }

    svg.text(title, x: left + width / 2, y: top + 24, size: 17, anchor: "middle", weight: "bold")
    svg.rect(plotLeft, plotTop, plotWidth, plotHeight, fill: "#fbfbfb", stroke: "#888")
    for tick in xScale.ticks {
      svg.line(px(tick), plotTop, px(tick), plotTop + plotHeight, stroke: "#e3e3e3")
      svg.line(px(tick), plotTop + plotHeight, px(tick), plotTop + plotHeight + 6, stroke: "#555")
      svg.text(xScale.label(tick), x: px(tick), y: plotTop + plotHeight + 22, size: 13, anchor: "middle")
    }
    for tick in yScale.ticks {
      svg.line(plotLeft, py(tick), plotLeft + plotWidth, py(tick), stroke: "#e3e3e3")
      svg.line(plotLeft - 6, py(tick), plotLeft, py(tick), stroke: "#555")
      svg.text(yScale.label(tick), x: plotLeft - 10, y: py(tick) + 4.5, size: 13, anchor: "end")
    }
    svg.text(xTitle, x: plotLeft + plotWidth / 2, y: plotTop + plotHeight + 48, size: 14, anchor: "middle")
    svg.text(
      yTitle, x: left + 20, y: plotTop + plotHeight / 2, size: 14, anchor: "middle", rotate: -90)

    for region in regions {
      svg.polygon(region.points.map { (px($0.x), py($0.y)) }, fill: region.fill, stroke: "none")
    }
    for bracket in brackets {
      let x = px(bracket.x)
      svg.line(x, py(bracket.from), x, py(bracket.to), stroke: bracket.color, width: 1.5, dash: "3 3")
      svg.line(x - 5, py(bracket.to), x + 5, py(bracket.to), stroke: bracket.color, width: 1.5)
    }
    var labels: [(text: String, x: Double, y: Double, color: String)] = []
    for line in series where !line.points.isEmpty {
      svg.polyline(
        line.points.map { (px($0.x), py($0.y)) }, stroke: line.style.color, width: line.style.width,
        dash: line.style.dash, opacity: line.style.opacity)
      let end = line.points[line.points.count - 1]
      LineChart.mark(&svg, x: px(end.x), y: py(end.y), style: line.style, size: 6)
      if let label = line.label { labels.append((label, px(end.x) + 10, py(end.y), line.style.color)) }
    }
    for level in levels {
      let y = py(level.y)
      svg.line(plotLeft, y, plotLeft + plotWidth, y, stroke: level.color, width: 2, dash: "8 5")
      svg.text(
        level.label, x: plotLeft + 10, y: y < plotTop + 30 ? y + 20 : y - 8, size: 13,
        weight: "bold", fill: level.color)
    }
    for marker in markers {
      let x = px(marker.x)
      let y = py(marker.y)
      LineChart.mark(&svg, x: x, y: y, style: marker.style, size: 8)
      labels.append((marker.label, x + 12, y, marker.style.color))
    }
    for label in LineChart.spread(labels, top: plotTop + 8, bottom: plotTop + plotHeight - 4) {
      svg.text(label.text, x: label.x, y: label.y + 4.5, size: 13, weight: "bold", fill: label.color)
    }
    for (index, note) in notes.enumerated() {
      svg.text(
        note, x: plotLeft + plotWidth / 2, y: top + 42 + 14 * Double(index), size: 12,
        anchor: "middle", fill: "#555")
    }
  }

  /// Draws a marker of `style.shape` centred at (x, y).
  static func mark(_ svg: inout SVGWriter, x: Double, y: Double, style: Style, size: Double) {
    switch style.shape {
    case .circle:
      svg.circle(x, y, radius: size * 0.8, fill: style.color, stroke: "#ffffff")
    case .square:
      svg.rect(x - size * 0.7, y - size * 0.7, size * 1.4, size * 1.4, fill: style.color, stroke: "#ffffff")
    case .diamond:
      svg.polygon([(x, y - size), (x + size, y), (x, y + size), (x - size, y)], fill: style.color, stroke: "#ffffff")
    case .triangle:
      svg.polygon([(x, y - size), (x + size, y + size * 0.8), (x - size, y + size * 0.8)], fill: style.color, stroke: "#ffffff")
    }
  }

  /// Moves labels apart vertically (at least 16 px between baselines), keeping their order and
  /// staying within [top, bottom] where possible.
  static func spread(
    _ labels: [(text: String, x: Double, y: Double, color: String)], top: Double, bottom: Double
  ) -> [(text: String, x: Double, y: Double, color: String)] {
    let gap = 16.0
    var sorted = labels.sorted { $0.y < $1.y }
    for index in sorted.indices {
      let floor = index == 0 ? top : sorted[index - 1].y + gap
      sorted[index].y = max(sorted[index].y, floor)
    }
    if let last = sorted.last, last.y > bottom {
      var ceiling = bottom
      for index in sorted.indices.reversed() {
        sorted[index].y = min(sorted[index].y, ceiling)
        ceiling = sorted[index].y - gap
      }
    }
    return sorted
  }
}
