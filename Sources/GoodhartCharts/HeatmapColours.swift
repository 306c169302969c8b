import Foundation

/// The heatmap's colour scale.
struct HeatmapColours {
  let low: Double
  let high: Double
  let diverging: Bool

  /// The fill for `value`, as `#rrggbb`.
  func fill(_ value: Double) -> String {
    if diverging {
      let extent = max(abs(low), abs(high))
      let t = min(1, abs(value) / extent)
      return value < 0 ? mix((1, 1, 1), (0.13, 0.40, 0.67), t) : mix((1, 1, 1), (0.70, 0.09, 0.17), t)
    }
    let t = high > low ? (value - low) / (high - low) : 0.5
    return mix((0.94, 0.97, 1.0), (0.03, 0.19, 0.42), t)
  }

  private func mix(
    _ from: (Double, Double, Double), _ to: (Double, Double, Double), _ t: Double
  ) -> String {
    func channel(_ a: Double, _ b: Double) -> Int { Int(((a + (b - a) * t) * 255).rounded()) }
    return String(
      format: "#%02x%02x%02x", channel(from.0, to.0), channel(from.1, to.1), channel(from.2, to.2))
  }
}
