import Foundation
import Goodhart

/// The values of a sweep's points, filled in by concurrent workers, each writing its own slot.
final class SweepResults: @unchecked Sendable {
  private var slots: [Result<[SweepValue], SweepError>?]
  private let lock = NSLock()

  /// Room for `count` points.
  init(count: Int) { slots = Array(repeating: nil, count: count) }

  /// Stores the outcome of the point in `slot`.
  func store(_ outcome: Result<[SweepValue], SweepError>, at slot: Int) {
    lock.withLock { slots[slot] = outcome }
  }

  /// Every point's values in order.
  ///
  /// - Throws: the first point's error, if any point failed.
  func values() throws(SweepError) -> [[SweepValue]] {
    let filled = lock.withLock { slots }
    var values: [[SweepValue]] = []
    values.reserveCapacity(filled.count)
    for slot in filled { values.append(try slot!.get()) }
    return values
  }
}
