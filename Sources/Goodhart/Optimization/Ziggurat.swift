import Foundation

/// The ziggurat's 128 blocks for the standard normal (Doornik's ZIGNOR constants).
struct Ziggurat: Sendable {
  /// Where the tail starts.
  static let tailStart = 3.442619855899
  /// The area of each block.
  static let blockArea = 9.91256303526217e-3
  static let blocks = 128

  private let xs: [Double]
  private let ratios: [Double]

  init() {
    var xs = [Double](repeating: 0, count: Ziggurat.blocks + 1)
    var f = exp(-0.5 * Ziggurat.tailStart * Ziggurat.tailStart)
    xs[0] = Ziggurat.blockArea / f
    xs[1] = Ziggurat.tailStart
    for i in 2..<Ziggurat.blocks {
      xs[i] = (-2 * log(Ziggurat.blockArea / xs[i - 1] + f)).squareRoot()
      f = exp(-0.5 * xs[i] * xs[i])
    }
    self.xs = xs
    ratios = (0..<Ziggurat.blocks).map { xs[$0 + 1] / xs[$0] }
  }

  /// x_i and x_{i+1} / x_i.
  @inline(__always)
  func block(_ i: Int) -> (x: Double, ratio: Double) { (xs[i], ratios[i]) }

  /// x_i.
  @inline(__always)
  func x(_ i: Int) -> Double { xs[i] }
}
