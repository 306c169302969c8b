import Foundation
import Goodhart

/// A heatmap of one quantity over a two-axis sweep (the first axis across, the second up), with
/// its zero contour drawn in black when the quantity changes sign, and a colour bar.
///
/// Colours diverge from white at 0 (blue below, red above) when the values straddle 0, and run
/// from light to dark blue otherwise; undefined cells are grey.
public struct SweepHeatmap: Sendable {
  /// The spec (exactly two axes).
  public let spec: SweepSpec
  /// The quantity drawn.
  public let quantity: SweepQuantity
  /// Its value at each point in the spec's row-major order (nil where undefined).
  public let values: [Double?]

  /// A heatmap of `quantity` over the grid of `spec`.
  ///
  /// - Precondition: `spec` has two axes and `values` one entry per point.
  public init(spec: SweepSpec, quantity: SweepQuantity, values: [Double?]) {
    precondition(spec.axes.count == 2 && values.count == spec.pointCount)
    self.spec = spec
    self.quantity = quantity
    self.values = values
  }

  private var columns: Int { spec.axes[0].steps }
  private var rows: Int { spec.axes[1].steps }

  private func value(_ column: Int, _ row: Int) -> Double? {
    values[column * rows + row].flatMap { $0.isFinite ? $0 : nil }
  }

  /// The SVG document.
  public var svg: String {
    let width = 760.0, height = 640.0
    let left = 90.0, top = 78.0, plotWidth = 520.0, plotHeight = 470.0
    var svg = SVGWriter()
    let finite = values.compactMap { $0 }.filter(\.isFinite)
    let low = finite.min() ?? 0, high = finite.max() ?? 0
    let diverging = low < 0 && high > 0
    let colour = HeatmapColours(low: low, high: high, diverging: diverging)
    let cellWidth = plotWidth / Double(columns), cellHeight = plotHeight / Double(rows)
    for column in 0..<columns {
      for row in 0..<rows {
        let fill = value(column, row).map(colour.fill) ?? "#c8c8c8"
        svg.rect(
          left + Double(column) * cellWidth, top + plotHeight - Double(row + 1) * cellHeight,
          cellWidth + 0.3, cellHeight + 0.3, fill: fill)
      }
    }
    // Cell centres, where the values live; the contour is interpolated between them.
    func centre(_ column: Double, _ row: Double) -> (x: Double, y: Double) {
      (left + (column + 0.5) * cellWidth, top + plotHeight - (row + 0.5) * cellHeight)
    }
    if diverging {
      for segment in zeroContour() {
        let a = centre(segment.0.column, segment.0.row), b = centre(segment.1.column, segment.1.row)
        svg.line(a.x, a.y, b.x, b.y, stroke: "#000000", width: 2)
      }
    }
    svg.rect(left, top, plotWidth, plotHeight, fill: "none", stroke: "#444444")
    drawAxis(0, into: &svg, along: plotWidth, origin: (left, top + plotHeight), cell: cellWidth)
    drawAxis(1, into: &svg, along: plotHeight, origin: (left, top + plotHeight), cell: cellHeight)
    drawColourBar(colour, into: &svg, x: left + plotWidth + 40, top: top, height: plotHeight)
    svg.text(
      "\(quantity.rawValue) over \(spec.axes[0].path) and \(spec.axes[1].path)", x: left, y: 32,
      size: 17, weight: "bold")
    var notes = ["\(columns) × \(rows) points"]
    if spec.record.contains(where: \.isBestOfN) {
      notes.append("n = " + String(format: "%g", spec.n))
    }
    if spec.record.contains(where: \.isPenalised) {
      notes.append("β = " + String(format: "%g", spec.beta))
    }
    if diverging { notes.append("black: the zero contour") }
    if values.contains(where: { $0 == nil || !$0!.isFinite }) { notes.append("grey: undefined") }
    svg.text(notes.joined(separator: "; "), x: left, y: 54, size: 12, fill: "#555555")
    return svg.document(width: width, height: height)
  }

  private func drawAxis(
    _ index: Int, into svg: inout SVGWriter, along length: Double, origin: (Double, Double),
    cell: Double
  ) {
    let axis = spec.axes[index]
    let low = min(axis.from, axis.to), high = max(axis.from, axis.to)
    let scale = AxisScale(covering: low, high)
    let span = length - cell
    func position(_ value: Double) -> Double {
      axis.to == axis.from ? length / 2 : cell / 2 + (value - axis.from) / (axis.to - axis.from) * span
    }
    for tick in scale.ticks where tick >= low - 1e-12 * max(1, abs(low)) && tick <= high + 1e-12 * max(1, abs(high)) {
      let offset = position(tick)
      if index == 0 {
        svg.line(origin.0 + offset, origin.1, origin.0 + offset, origin.1 + 6, stroke: "#444444")
        svg.text(scale.label(tick), x: origin.0 + offset, y: origin.1 + 22, size: 12, anchor: "middle")
      } else {
        svg.line(origin.0 - 6, origin.1 - offset, origin.0, origin.1 - offset, stroke: "#444444")
        svg.text(scale.label(tick), x: origin.0 - 10, y: origin.1 - offset + 4, size: 12, anchor: "end")
      }
    }
    if index == 0 {
      svg.text(axis.path.description, x: origin.0 + length / 2, y: origin.1 + 46, size: 14, anchor: "middle")
    } else {
      svg.text(
        axis.path.description, x: origin.0 - 62, y: origin.1 - length / 2, size: 14, anchor: "middle",
        rotate: -90)
    }
  }

  private func drawColourBar(
    _ colour: HeatmapColours, into svg: inout SVGWriter, x: Double, top: Double, height: Double
  ) {
    let bands = 60
    for band in 0..<bands {
      let fraction = (Double(band) + 0.5) / Double(bands)
      let value = colour.low + fraction * (colour.high - colour.low)
      svg.rect(
        x, top + height * (1 - Double(band + 1) / Double(bands)), 22, height / Double(bands) + 0.3,
        fill: colour.fill(value))
    }
    svg.rect(x, top, 22, height, fill: "none", stroke: "#444444")
    for step in 0...4 {
      let fraction = Double(step) / 4
      let value = colour.low + fraction * (colour.high - colour.low)
      svg.text(
        String(format: "%.4g", value), x: x + 28, y: top + height * (1 - fraction) + 4, size: 12)
    }
  }

  /// The zero contour by marching squares over the cell centres, as segments between points in
  /// (column, row) coordinates.
  private func zeroContour() -> [((column: Double, row: Double), (column: Double, row: Double))] {
    var segments: [((column: Double, row: Double), (column: Double, row: Double))] = []
    guard columns > 1, rows > 1 else { return segments }
    for column in 0..<(columns - 1) {
      for row in 0..<(rows - 1) {
        guard let a = value(column, row), let b = value(column + 1, row),
          let c = value(column + 1, row + 1), let d = value(column, row + 1)
        else { continue }
        // Corners counter-clockwise; a crossing on each edge whose ends differ in sign.
        let corners = [
          (Double(column), Double(row), a), (Double(column + 1), Double(row), b),
          (Double(column + 1), Double(row + 1), c), (Double(column), Double(row + 1), d),
        ]
        var crossings: [(column: Double, row: Double)] = []
        for edge in 0..<4 {
          let (x0, y0, v0) = corners[edge], (x1, y1, v1) = corners[(edge + 1) % 4]
          if (v0 < 0) != (v1 < 0) {
            let t = v0 / (v0 - v1)
            crossings.append((x0 + t * (x1 - x0), y0 + t * (y1 - y0)))
          }
        }
        if crossings.count == 2 {
          segments.append((crossings[0], crossings[1]))
        } else if crossings.count == 4 {
          segments.append((crossings[0], crossings[1]))
          segments.append((crossings[2], crossings[3]))
        }
      }
    }
    return segments
  }
}
