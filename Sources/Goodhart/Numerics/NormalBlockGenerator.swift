/// Standard normal draws in blocks, two at a time: two independent xoshiro256++ lanes stepped
/// together in SIMD registers, each feeding the same 256-layer ziggurat as `RandomSource.normal()`.
///
/// The lanes are seeded from eight 64-bit words of a parent `RandomSource` (SplitMix64-hashed,
/// so the two 256-bit states are unrelated), which makes a block a deterministic function of the
/// parent's state: a chunk of the Monte Carlo engine draws the same numbers whatever thread runs
/// it.
///
/// The common case, both lanes inside their layer's rectangle (about 98% of steps), costs one
/// vector step of both generators, one table load per lane and one comparison for the pair. A lane
/// takes its layer from bits 4-11 of its word and its abscissa from the top 52 bits (the scalar
/// generator uses bits 0-7 and the top 53), which keeps the table offset one mask away. A lane
/// outside its rectangle finishes the ziggurat on a scalar copy of its own state (the wedge test,
/// the tail beyond R, or a fresh draw), so each lane's outputs are exactly standard normal.
struct NormalBlockGenerator {
  private var s0: SIMD2<UInt64>
  private var s1: SIMD2<UInt64>
  private var s2: SIMD2<UInt64>
  private var s3: SIMD2<UInt64>
  /// The ziggurat's pairs (2x[i], x[i + 1]) (`ZigguratTable.scaledPairs`).
  private let scaledPairs: UnsafePointer<Double>
  /// x[0...256] of the ziggurat (for the scalar finish).
  private let layerX: UnsafePointer<Double>
  /// f[0...256] of the ziggurat (the wedge test's ordinates).
  private let layerF: UnsafePointer<Double>

  /// Two lanes seeded from eight words of `parent` (which advances by eight draws).
  init(parent: inout RandomSource) {
    func word() -> UInt64 { RandomSource.mix(parent.nextBits()) }
    s0 = SIMD2(word(), word())
    s1 = SIMD2(word(), word())
    s2 = SIMD2(word(), word())
    s3 = SIMD2(word(), word())
    // The all-zero state is xoshiro's one fixed point.
    if (s0[0] | s1[0] | s2[0] | s3[0]) == 0 { s0[0] = 1 }
    if (s0[1] | s1[1] | s2[1] | s3[1]) == 0 { s0[1] = 1 }
    let table = ZigguratTable.standardNormal
    scaledPairs = UnsafePointer(table.scaledPairs)
    layerX = UnsafePointer(table.x)
    layerF = UnsafePointer(table.f)
  }

  /// Two independent N(0, 1) draws, one per lane.
  ///
  /// Inlined, so that a caller's loop keeps the state in registers.
  @inline(__always)
  mutating func next() -> SIMD2<Double> {
    // xoshiro256++ on both lanes. The rotations are written with &+ (their two halves share no
    // bit): written with |, LLVM recognises a rotation, which SSE2 lacks for 64-bit lanes, and
    // does it lane by lane in scalar registers.
    let sum = s0 &+ s3
    let bits = ((sum &<< 23) &+ (sum &>> 41)) &+ s0
    let t = s1 &<< 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 &<< 45) &+ (s3 &>> 19)
    // The layer from bits 4-11, as a byte offset into the table of pairs (16 bytes per layer);
    // h = y − 3/2 in [−1/2, 1/2) from the top 52 bits (y in [1, 2)), so x = h · 2x[layer].
    let offsets = bits & 0xFF0
    let offset0 = Int(truncatingIfNeeded: offsets[0])
    let offset1 = Int(truncatingIfNeeded: offsets[1])
    let y = unsafeBitCast(
      (bits &>> 12) | SIMD2(repeating: 0x3FF0_0000_0000_0000), to: SIMD2<Double>.self)
    let h = y - 1.5
    // (2x[i], x[i + 1]) of each lane's layer, in one load.
    let table = UnsafeRawPointer(scaledPairs)
    let pair0 = table.loadUnaligned(fromByteOffset: offset0, as: SIMD2<Double>.self)
    let pair1 = table.loadUnaligned(fromByteOffset: offset1, as: SIMD2<Double>.self)
    let x = h * SIMD2(pair0[0], pair1[0])
    let magnitude = unsafeBitCast(
      unsafeBitCast(x, to: SIMD2<UInt64>.self) & SIMD2(repeating: 0x7FFF_FFFF_FFFF_FFFF),
      to: SIMD2<Double>.self)
    let inside = magnitude .< SIMD2(pair0[1], pair1[1])
    if all(inside) { return x }
    let first = inside[0] ? x[0] : finishLane(0, layer: offset0 >> 4, u: 2 * h[0])
    let second = inside[1] ? x[1] : finishLane(1, layer: offset1 >> 4, u: 2 * h[1])
    return SIMD2(first, second)
  }

  /// Finishes lane `lane`'s draw outside its layer's rectangle (`finish`). Inlined, so that the
  /// lane is a constant at each call and its words move between registers without a round trip
  /// through memory.
  @inline(__always)
  private mutating func finishLane(_ lane: Int, layer: Int, u: Double) -> Double {
    let (value, words) = NormalBlockGenerator.finish(
      state: (s0[lane], s1[lane], s2[lane], s3[lane]), layer: layer, u: u, layerX: layerX,
      layerF: layerF)
    (s0[lane], s1[lane], s2[lane], s3[lane]) = words
    return value
  }

  /// Finishes one lane's ziggurat draw outside its layer's rectangle, on a scalar generator with
  /// that lane's state: the same wedge and tail tests as `RandomSource.normal()`, then fresh
  /// scalar draws if the point is rejected. Returns the draw and the lane's new state. Out of
  /// line, so that the common path stays small.
  @inline(never)
  private static func finish(
    state: (UInt64, UInt64, UInt64, UInt64), layer: Int, u: Double,
    layerX: UnsafePointer<Double>, layerF: UnsafePointer<Double>
  ) -> (Double, (UInt64, UInt64, UInt64, UInt64)) {
    var source = RandomSource(state: state, layerX: layerX, layerF: layerF)
    let value = source.finishNormal(layer: layer, u: u)
    return (value, source.state)
  }
}
