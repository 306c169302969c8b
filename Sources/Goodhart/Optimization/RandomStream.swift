import Foundation

/// A small, fast, seeded source of uniform and standard normal variates for the optimisers:
/// xoshiro256** (Blackman and Vigna) seeded through splitmix64, with normals by Marsaglia's polar
/// method (both variates of each accepted pair are used).
///
/// The same seed gives the same stream on every platform; it is a value type, so copies run
/// independent identical streams.
struct RandomStream: Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)
  private var spareNormal: Double? = nil

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

  /// A uniform variate in (−1, 1) with 53 random bits.
  @inline(__always)
  private mutating func symmetricUniform() -> Double {
    Double(Int64(bitPattern: next()) >> 10) * 0x1p-53
  }

  /// A standard normal variate.
  @inline(__always)
  mutating func normal() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    while true {
      let u = symmetricUniform()
      let v = symmetricUniform()
      let s = u * u + v * v
      if s > 0, s < 1 {
        let factor = (-2 * log(s) / s).squareRoot()
        spareNormal = v * factor
        return u * factor
      }
    }
  }

  @inline(__always)
  private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
