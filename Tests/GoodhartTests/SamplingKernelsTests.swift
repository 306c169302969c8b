import CKernels
import Foundation
import Testing

@testable import Goodhart

/// The Monte Carlo engine's shortcuts decide exactly as their definitions: the C power-sum kernel
/// (whichever build the machine runs, AVX2 or baseline) gives the bits of the twelve sums written
/// out lane by lane, and the ziggurat's chord shortcut in the wedge never changes a draw.
@Suite struct SamplingKernelsTests {
  /// Blocks of 1,024 draws and a last odd block, twice: every one of the 48 lane sums equals the
  /// same products and additions done in Swift, bit for bit.
  @Test func powerSumsFollowTheirDefinitionBitForBit() {
    var source = RandomSource(seed: 3, stream: 9)
    let count = 3 * 1024 + 517
    let truth = (0..<count).map { _ in 3 * source.normal() + 0.25 }
    let persuasiveness = (0..<count).map { _ in source.normal() / 7 - 1 }
    let lanes = Int(GOODHART_POWER_SUM_LANES)
    var kernel = [Double](repeating: 0, count: 12 * lanes)
    var reference = kernel
    for _ in 0..<2 {
      var start = 0
      while start < count {
        let size = min(1024, count - start)
        truth.withUnsafeBufferPointer { t in
          persuasiveness.withUnsafeBufferPointer { p in
            kernel.withUnsafeMutableBufferPointer {
              goodhart_add_power_sums(
                $0.baseAddress!, t.baseAddress! + start, p.baseAddress! + start, size)
            }
          }
        }
        for offset in 0..<size {
          let (t, p, lane) = (truth[start + offset], persuasiveness[start + offset], offset % lanes)
          func add(_ k: Int, _ value: Double) { reference[lanes * k + lane] += value }
          let tp = t * p
          add(4, tp)
          add(7, tp * t)
          add(8, tp * p)
          add(11, tp * tp)
          let tt = t * t
          add(0, t)
          add(2, tt)
          add(5, tt * t)
          add(9, tt * tt)
          let pp = p * p
          add(1, p)
          add(3, pp)
          add(6, pp * p)
          add(10, pp * pp)
        }
        start += size
      }
    }
    for index in kernel.indices {
      #expect(
        kernel[index].bitPattern == reference[index].bitPattern,
        "sum \(index / lanes), lane \(index % lanes): \(kernel[index]) vs \(reference[index])")
    }
    #expect(reference.allSatisfy { $0 != 0 })
  }

  /// 10^7 draws of `RandomSource.normal()` against the ziggurat with the exponential test for
  /// every wedge point (about 100,000 of them), from the same bits: the same numbers.
  @Test func chordShortcutDecidesAsTheExponential() {
    var fast = RandomSource(seed: 11, stream: 4)
    var bits = RandomSource(seed: 11, stream: 4)
    let table = ZigguratTable.standardNormal
    func reference() -> Double {
      while true {
        let word = bits.nextBits()
        let layer = Int(truncatingIfNeeded: word & 0xFF)
        let u = Double(Int64(bitPattern: word) >> 11) * 0x1p-52
        let x = u * table.x[layer]
        if abs(x) < table.x[layer + 1] { return x }
        if layer == 0 {
          let r = ZigguratTable.tailStart
          while true {
            let tailX = -log(bits.uniform()) / r
            let tailY = -log(bits.uniform())
            if 2 * tailY >= tailX * tailX { return u < 0 ? -(r + tailX) : r + tailX }
          }
        }
        let (f0, f1) = (table.f[layer], table.f[layer + 1])
        if f1 + (f0 - f1) * bits.uniform() < exp(-0.5 * x * x) { return x }
      }
    }
    var mismatches = 0
    for _ in 0..<10_000_000 where fast.normal().bitPattern != reference().bitPattern {
      mismatches += 1
    }
    #expect(mismatches == 0)
  }
}
