import Foundation

/// A minimal SVG builder: shapes and text appended in drawing order, serialised as one document.
/// Text is XML-escaped; numbers are written with two decimals.
struct SVGWriter {
  private(set) var elements: [String] = []

  /// A straight line.
  mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
    dash: String? = nil
  ) {
    elements.append(
      "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" "
        + "stroke-width=\"\(n(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>")
  }

  /// An open polyline through `points`.
  mutating func polyline(
    _ points: [(x: Double, y: Double)], stroke: String, width: Double, dash: String?,
    opacity: Double = 1
  ) {
    let coordinates = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
    elements.append(
      "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(stroke)\" "
        + "stroke-width=\"\(n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
        + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
        + (opacity < 1 ? " stroke-opacity=\"\(n(opacity))\"" : "") + "/>")
  }

  /// A rectangle.
  mutating func rect(
    _ x: Double, _ y: Double, _ width: Double, _ height: Double, fill: String,
    stroke: String? = nil
  ) {
    elements.append(
      "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" "
        + "fill=\"\(fill)\"\(stroke.map { " stroke=\"\($0)\"" } ?? "")/>")
  }

  /// A closed polygon (markers).
  mutating func polygon(_ points: [(x: Double, y: Double)], fill: String, stroke: String) {
    let coordinates = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
    elements.append(
      "<polygon points=\"\(coordinates)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.5\"/>")
  }

  /// A circle.
  mutating func circle(_ x: Double, _ y: Double, radius: Double, fill: String, stroke: String) {
    elements.append(
      "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\" "
        + "stroke=\"\(stroke)\" stroke-width=\"1.5\"/>")
  }

  /// Text anchored at (x, y): `anchor` is start, middle or end; `rotate` in degrees about (x, y).
  mutating func text(
    _ string: String, x: Double, y: Double, size: Double = 13, anchor: String = "start",
    weight: String = "normal", fill: String = "#222", rotate: Double? = nil
  ) {
    let transform = rotate.map { " transform=\"rotate(\(n($0)) \(n(x)) \(n(y)))\"" } ?? ""
    elements.append(
      "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor)\" "
        + "font-weight=\"\(weight)\" fill=\"\(fill)\"\(transform)>\(SVGWriter.escape(string))</text>")
  }

  /// The whole document, `width` × `height` pixels on a white background.
  func document(width: Double, height: Double) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
    viewBox="0 0 \(n(width)) \(n(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
    <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#ffffff"/>
    \(elements.joined(separator: "\n"))
    </svg>

    """
  }

  /// `&`, `<`, `>`, `"` and `'` as XML entities.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      default: result.append(character)
      }
    }
    return result
  }

  private func n(_ value: Double) -> String { String(format: "%.2f", value) }
}
