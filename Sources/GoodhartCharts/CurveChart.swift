/// A one-panel chart of labelled curves (x, y), for examples and notes that plot something other
/// than a frontier: axes with ticks and titles, each curve labelled at its end, and lines of small
/// print under the title.
public struct CurveChart: Sendable {
  /// One labelled curve.
  public struct Curve: Sendable {
    /// The label drawn at the curve's end.
    public var label: String
    /// The points, in drawing order.
    public var points: [Point]
    /// An SVG colour such as `#1f77b4`.
    public var color: String
    /// Dashed rather than solid.
    public var dashed: Bool

    /// A curve through `points`.
    public init(label: String, points: [Point], color: String, dashed: Bool = false) {
      self.label = label
      self.points = points
      self.color = color
      self.dashed = dashed
    }
  }

  /// A point of a curve.
  public struct Point: Sendable {
    /// The abscissa.
    public var x: Double
    /// The ordinate.
    public var y: Double

    /// The point (x, y).
    public init(x: Double, y: Double) {
      self.x = x
      self.y = y
    }
  }

  /// The heading.
  public var title: String
  /// The x axis's title (say the units).
  public var xTitle: String
  /// The y axis's title.
  public var yTitle: String
  /// The curves.
  public var curves: [Curve]
  /// Lines of small print under the title.
  public var notes: [String]

  /// A chart of `curves`.
  public init(title: String, xTitle: String, yTitle: String, curves: [Curve], notes: [String] = []) {
    self.title = title
    self.xTitle = xTitle
    self.yTitle = yTitle
    self.curves = curves
    self.notes = notes
  }

  /// The SVG document (900 × 620 px).
  public var svg: String {
    let chart = LineChart(
      title: title, xTitle: xTitle, yTitle: yTitle,
      series: curves.map { curve in
        LineChart.Series(
          label: curve.label, points: curve.points.map { ($0.x, $0.y) },
          style: LineChart.Style(color: curve.color, dash: curve.dashed ? "7 5" : nil))
      },
      notes: notes)
    var writer = SVGWriter()
    chart.render(into: &writer, left: 0, top: 0, width: 900, height: 620)
    return writer.document(width: 900, height: 620)
  }
}
