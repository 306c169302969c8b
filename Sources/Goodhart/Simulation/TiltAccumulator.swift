#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streaming self-normalised importance sums for the tilted law π ∝ π₀ · exp(P/β).
///
/// Each draw gets the log-weight ℓ = p/β (p centred); the sums hold w = exp(ℓ − m) and w², m the
/// largest log-weight seen so far, so no weight overflows: when a larger ℓ arrives every sum is
/// rescaled (by e^{m−ℓ} for the w sums, e^{2(m−ℓ)} for the w² sums). Chunks merge by bringing
/// both to the larger m, in chunk order.
struct TiltAccumulator: Sendable {
  /// 1/β.
  let inverseBeta: Double
  private var maximum = -Double.infinity
  private var w = 0.0, wt = 0.0, wp = 0.0
  private var ww = 0.0, wwt = 0.0, wwtt = 0.0, wwp = 0.0, wwpp = 0.0

  init(beta: Double) { inverseBeta = 1 / beta }

  /// Adds one centred draw.
  @inline(__always)
  mutating func add(truth x: Double, persuasiveness y: Double) {
    let logWeight = y * inverseBeta
    if logWeight > maximum { rescale(to: logWeight) }
    let weight = exp(logWeight - maximum)
    let square = weight * weight
    w += weight
    wt += weight * x
    wp += weight * y
    ww += square
    wwt += square * x
    wwtt += square * x * x
    wwp += square * y
    wwpp += square * y * y
  }

  /// Adds a block of centred draws, in order.
  mutating func add(
    truth: UnsafePointer<Double>, persuasiveness: UnsafePointer<Double>, count: Int
  ) {
    for index in 0..<count { add(truth: truth[index], persuasiveness: persuasiveness[index]) }
  }

  /// Re-expresses every sum relative to the larger maximum `newMaximum`.
  private mutating func rescale(to newMaximum: Double) {
    let factor = maximum == -.infinity ? 0 : exp(maximum - newMaximum)
    let square = factor * factor
    w *= factor
    wt *= factor
    wp *= factor
    ww *= square
    wwt *= square
    wwtt *= square
    wwp *= square
    wwpp *= square
    maximum = newMaximum
  }

  /// Adds another chunk's sums (call in chunk order).
  mutating func merge(_ other: TiltAccumulator) {
    guard other.maximum > -.infinity else { return }
    var other = other
    if other.maximum > maximum { rescale(to: other.maximum) } else { other.rescale(to: maximum) }
    w += other.w
    wt += other.wt
    wp += other.wp
    ww += other.ww
    wwt += other.wwt
    wwtt += other.wwtt
    wwp += other.wwp
    wwpp += other.wwpp
  }

  /// The tilted means, shifted back, and the effective sample size (Σw)²/Σw².
  ///
  /// R = Σ w x / Σ w with the delta-method standard error
  /// sqrt(Σ w² (x − R)²) / Σ w = sqrt(Σw²x² − 2R Σw²x + R² Σw²) / Σ w.
  func means(shift: (truth: Double, persuasiveness: Double)) -> (
    truth: Estimate?, persuasiveness: Estimate?, effectiveSamples: Double
  ) {
    guard w > 0 else { return (nil, nil, 0) }
    func ratio(_ first: Double, _ second: Double, _ third: Double) -> (Double, Double) {
      let r = first / w
      return (r, (max(0, third - 2 * r * second + r * r * ww)).squareRoot() / w)
    }
    let (t, tError) = ratio(wt, wwt, wwtt)
    let (p, pError) = ratio(wp, wwp, wwpp)
    return (
      .checked(shift.truth + t, tError), .checked(shift.persuasiveness + p, pError), w * w / ww
    )
  }
}
