#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A small, fast, seedable pseudo-random generator (xoshiro256++, Blackman & Vigna 2018) with the
/// standard variates the Monte Carlo engine needs.
///
/// Each stream is keyed by `(seed, stream, chunk)`: the three words are hashed by SplitMix64 into
/// the 256-bit state, so a run cut into chunks draws the same numbers whatever thread takes which
/// chunk. GSL's `taus2` with `gsl_ran_gaussian_ziggurat` was measured at 12-17 ns per normal
/// (an opaque call per uniform), too slow for the engine's 15 ns per (T, P) budget; this generator
/// and the Swift ziggurat below inline into the sampling loop and draw a normal in about 3 ns.
///
/// Period 2^256 − 1; every output bit passes BigCrush (the `++` scrambler, unlike xoshiro256+, has
/// no weak low bits, which matters because the ziggurat takes its layer index from the low 8 bits).
public struct RandomSource: @unchecked Sendable {
  // The ziggurat's tables, read without reference counting (they belong to an immortal shared
  // object and are never written after construction, hence `@unchecked Sendable`).
  private let layerX: UnsafePointer<Double>
  private let layerF: UnsafePointer<Double>
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A generator for chunk `chunk` of stream `stream` of the run seeded by `seed`.
  ///
  /// - Parameters:
  ///   - seed: the user's seed.
  ///   - stream: which estimator the numbers feed (independent streams per purpose).
  ///   - chunk: the chunk index within the stream.
  /// - Complexity: O(1).
  public init(seed: UInt64, stream: UInt64 = 0, chunk: UInt64 = 0) {
    var state = RandomSource.mix(seed ^ RandomSource.mix(stream &+ 0x6A09_E667_F3BC_C909)
      ^ RandomSource.mix(chunk &+ 0xBB67_AE85_84CA_A73B))
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      return RandomSource.mix(state)
    }
    s0 = next()
    s1 = next()
    s2 = next()
    s3 = next()
    if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is the one fixed point
    let table = ZigguratTable.standardNormal
    layerX = UnsafePointer(table.x)
    layerF = UnsafePointer(table.f)
  }

  /// A generator continuing from the xoshiro256++ state `state` (not all zero), reading the
  /// ziggurat's tables `layerX` and `layerF` (those of `ZigguratTable.standardNormal`).
  init(
    state: (UInt64, UInt64, UInt64, UInt64), layerX: UnsafePointer<Double>,
    layerF: UnsafePointer<Double>
  ) {
    (s0, s1, s2, s3) = state
    self.layerX = layerX
    self.layerF = layerF
  }

  /// The xoshiro256++ state.
  var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

  /// The SplitMix64 finaliser: a bijective 64-bit hash.
  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// 64 random bits.
  @inline(__always)
  public mutating func nextBits() -> UInt64 {
    let sum = s0 &+ s3
    let result = ((sum << 23) | (sum >> 41)) &+ s0
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  /// A uniform draw from the open interval (0, 1): (k + 1/2) / 2^52 for a uniform 52-bit k, so
  /// neither 0 nor 1 occurs (the largest draw, 1 − 2^−53, is exact) and `log(u)`, `log(1 − u)`
  /// are always finite.
  @inline(__always)
  public mutating func uniform() -> Double {
    // Through Int64: a signed conversion is one instruction, an unsigned one a branchy sequence.
    (Double(Int64(bitPattern: nextBits() >> 12)) + 0.5) * 0x1p-52
  }

  /// A standard normal draw N(0, 1) by the 256-layer ziggurat (Marsaglia & Tsang 2000, with
  /// Doornik's independent layer bits).
  ///
  /// One 64-bit word gives the layer (low 8 bits) and a signed abscissa (top 53 bits); about
  /// 99% of draws return after one table comparison. The tail beyond R = 3.654 is sampled exactly
  /// by Marsaglia's exponential method.
  ///
  /// - Complexity: O(1) expected.
  @inline(__always)
  public mutating func normal() -> Double {
    while true {
      let bits = nextBits()
      let layer = Int(truncatingIfNeeded: bits & 0xFF)
      // The top 53 bits as a signed integer in [−2^52, 2^52), scaled to u in [−1, 1).
      let u = Double(Int64(bitPattern: bits) >> 11) * 0x1p-52
      let x = u * layerX[layer]
      if abs(x) < layerX[layer + 1] { return x }
      if let accepted = slowNormal(layer: layer, u: u, x: x) { return accepted }
    }
  }

  /// Finishes a ziggurat draw whose point u · x[layer] fell outside its layer's rectangle: the
  /// wedge or tail test, then fresh draws if the point is rejected.
  mutating func finishNormal(layer: Int, u: Double) -> Double {
    slowNormal(layer: layer, u: u, x: u * layerX[layer]) ?? normal()
  }

  /// The ziggurat's rare path: the base strip's tail, or the wedge test.
  @inline(never)
  private mutating func slowNormal(layer: Int, u: Double, x: Double) -> Double? {
    if layer == 0 {
      let r = ZigguratTable.tailStart
      while true {
        let tailX = -log(uniform()) / r
        let tailY = -log(uniform())
        if 2 * tailY >= tailX * tailX { return u < 0 ? -(r + tailX) : r + tailX }
      }
    }
    let f0 = layerF[layer]
    let f1 = layerF[layer + 1]
    let v = uniform()
    // The wedge's point (|x|, f1 + (f0 − f1) v) lies below the chord from (x[layer + 1], f1) to
    // (x[layer], f0) exactly when v > s, s the point's fraction of the way along the layer. Where
    // the density is concave (|x| <= 1) the chord lies below it, so such a point is accepted
    // without the exponential; where it is convex (|x| >= 1) the chord lies above it, so a point
    // with v < s is rejected. The margin (1e-9 · (f1 − f0) in height, far above the rounding of
    // either test) makes every shortcut decide as the exponential test would: the draws are
    // the same numbers.
    let x0 = layerX[layer]
    let x1 = layerX[layer + 1]
    let s = (abs(x) - x1) / (x0 - x1)
    if x0 <= 1, v > s + RandomSource.chordMargin { return x }
    if x1 >= 1, v < s - RandomSource.chordMargin { return nil }
    return f1 + (f0 - f1) * v < exp(-0.5 * x * x) ? x : nil
  }

  /// The margin of the wedge's chord shortcut in `slowNormal`, as a fraction of the layer.
  private static let chordMargin = 1e-9

  /// A standard exponential draw Exp(1) by inversion: −ln U.
  public mutating func exponential() -> Double { -log(uniform()) }

  /// A Gamma(shape, 1) draw by Marsaglia & Tsang's (2000) squeeze method; for shape < 1 the
  /// boost Gamma(a) = Gamma(a + 1) · U^{1/a}.
  ///
  /// - Parameter shape: a > 0 (finite).
  /// - Returns: a draw >= 0; it may underflow to 0 for very small shapes.
  public mutating func gamma(shape: Double) -> Double {
    if shape < 1 {
      return gamma(shape: shape + 1) * exp(log(uniform()) / shape)
    }
    let d = shape - 1.0 / 3
    let c = 1 / (9 * d).squareRoot()
    while true {
      var z: Double
      var v: Double
      repeat {
        z = normal()
        v = 1 + c * z
      } while v <= 0
      v = v * v * v
      let u = uniform()
      if u < 1 - 0.0331 * z * z * z * z { return d * v }
      if log(u) < 0.5 * z * z + d * (1 - v + log(v)) { return d * v }
    }
  }
}
