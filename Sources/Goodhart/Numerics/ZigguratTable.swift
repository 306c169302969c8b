#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The 256-layer ziggurat of the standard normal density (Marsaglia & Tsang 2000), computed once.
///
/// Layer i (0 <= i < 256) spans abscissae [0, x[i]]; x[1] = R = 3.6541528853610088 is where the
/// tail starts, x[0] = V / φ(R) is the base strip's virtual width (V = 0.00492867323399 the common
/// area), x[256] = 0; f[i] = exp(−x[i]²/2). The tables live in one allocation owned by this
/// immutable object, so the sampling loop reads them without bounds checks or reference counting.
final class ZigguratTable: @unchecked Sendable {
  /// Where the normal tail begins.
  static let tailStart = 3.6541528853610088
  /// The area of each layer.
  static let layerArea = 0.00492867323399

  /// The shared table (immutable after construction; `@unchecked Sendable` for that reason).
  static let standardNormal = ZigguratTable()

  /// 257 abscissae, decreasing from x[0] to x[256] = 0.
  let x: UnsafeMutablePointer<Double>
  /// 257 ordinates exp(−x²/2), increasing to f[256] = 1.
  let f: UnsafeMutablePointer<Double>
  /// 256 pairs (2 x[i], x[i + 1]), one 16-byte load per layer for `NormalBlockGenerator`, which
  /// scales a uniform on [−1/2, 1/2) by the first and compares the result with the second.
  let scaledPairs: UnsafeMutablePointer<Double>

  private init() {
    x = .allocate(capacity: 257)
    f = .allocate(capacity: 257)
    scaledPairs = .allocate(capacity: 512)
    let r = ZigguratTable.tailStart
    let v = ZigguratTable.layerArea
    let density = { (z: Double) in exp(-0.5 * z * z) }
    x[0] = v / density(r)
    x[1] = r
    for i in 2..<256 {
      x[i] = (-2 * log(v / x[i - 1] + density(x[i - 1]))).squareRoot()
    }
    x[256] = 0
    for i in 0...256 { f[i] = density(x[i]) }
    for i in 0..<256 {
      scaledPairs[2 * i] = 2 * x[i]
      scaledPairs[2 * i + 1] = x[i + 1]
    }
  }

  deinit {
    x.deallocate()
    f.deallocate()
    scaledPairs.deallocate()
  }
}
