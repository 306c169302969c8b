import Foundation

/// Adam (Kingma and Ba) for gradient ascent, with bias-corrected moments.
struct Adam: Sendable {
  static let firstDecay = 0.9
  static let secondDecay = 0.999
  static let epsilon = 1e-8

  private var first: [Double]
  private var second: [Double]
  private var steps = 0

  /// Zero moments for `count` parameters.
  init(count: Int) {
    first = [Double](repeating: 0, count: count)
    second = [Double](repeating: 0, count: count)
  }

  /// Moves `parameters` up `gradient` with step size `rate`.
  mutating func ascend(_ parameters: inout [Double], gradient: [Double], rate: Double) {
    steps += 1
    let firstCorrection = 1 / (1 - pow(Adam.firstDecay, Double(steps)))
    let secondCorrection = 1 / (1 - pow(Adam.secondDecay, Double(steps)))
    for i in parameters.indices {
      first[i] = Adam.firstDecay * first[i] + (1 - Adam.firstDecay) * gradient[i]
      second[i] = Adam.secondDecay * second[i] + (1 - Adam.secondDecay) * gradient[i] * gradient[i]
      let mean = first[i] * firstCorrection
      let scale = (second[i] * secondCorrection).squareRoot() + Adam.epsilon
      parameters[i] += rate * mean / scale
    }
  }
}
