import Foundation

/// A small, fast, seeded source of uniform and standard normal variates for the optimisers:
/// xoshiro256** (Blackman and Vigna) seeded through splitmix64, with normals by the ziggurat
/// method (Marsaglia and Tsang, in Doornik's ZIGNOR form with 128 blocks: one 64-bit draw gives
/// the block from its low 7 bits and the uniform from its top 53; ~99 % of draws end there).
///
/// The same seed gives the same stream on every platform; it is a value type, so copies run
/// independent identical streams.
struct RandomStream: Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)
  private let ziggurat = Ziggurat()

  /// A stream seeded by `seed` (every seed, 0 included, gives a valid non-zero state).
  init(seed: UInt64) {
    var mixer = seed
    func splitmix() -> UInt64 {
      mixer &+= 0x9E37_79B9_7F4A_7C15
      var z = mixer
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = (splitmix(), splitmix(), splitmix(), splitmix())
  }

  /// The next 64 random bits.
  @inline(__always)
  mutating func next() -> UInt64 {
    let result = rotate(state.1 &* 5, 7) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = rotate(state.3, 45)
    return result
  }

  /// A uniform variate in (0, 1) with 53 random bits.
  @inline(__always)
  mutating func uniform() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1p-53
  }

  /// A standard normal variate.
  @inline(__always)
  mutating func normal() -> Double {
    while true {
      let bits = next()
      let block = Int(bits & 0x7F)
      let u = Double(Int64(bitPattern: bits) >> 11) * 0x1p-52  // in [−1, 1)
      let (x, ratio) = ziggurat.block(block)
      if abs(u) < ratio { return u * x }
      if block == 0 { return tail(negative: u < 0) }
      // The wedge between the block and the density.
      let z = u * x
      let outer = exp(-0.5 * (x * x - z * z))
      let next = ziggurat.x(block + 1)
      let inner = exp(-0.5 * (next * next - z * z))
      if inner + uniform() * (outer - inner) < 1 { return z }
    }
  }

  /// A draw from the normal tail beyond R (Marsaglia's method).
  private mutating func tail(negative: Bool) -> Double {
    let r = Ziggurat.tailStart
    while true {
      let x = log(uniform()) / r
      let y = log(uniform())
      if -2 * y >= x * x { return negative ? x - r : r - x }
    }
  }

  @inline(__always)
  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
