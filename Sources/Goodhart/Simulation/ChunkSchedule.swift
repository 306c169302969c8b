import Dispatch
import Synchronization

/// Runs a job cut into numbered chunks on several threads and merges the chunks' tallies in
/// chunk order, so the merged tally does not depend on the thread count.
///
/// Chunks are processed in batches of `threads · chunksPerThread`; within a batch each worker
/// takes the next unclaimed chunk (an atomic counter), so a worker slowed by other load on the
/// machine takes fewer chunks; the batch's tallies are then merged in chunk order on the calling
/// thread and `afterBatch` is called there. Memory: one tally per chunk of the current batch.
struct ChunkSchedule {
  /// Chunks each worker takes per batch.
  static let chunksPerThread = 16

  /// The number of chunks.
  let chunks: Int
  /// Worker threads (1 runs everything on the calling thread).
  let threads: Int

  /// Runs `work` on every chunk and folds the tallies, in chunk order, into `initial`.
  ///
  /// - Parameters:
  ///   - initial: the empty tally.
  ///   - work: computes chunk i's tally; called concurrently from several threads.
  ///   - merge: folds one chunk's tally into the running one.
  ///   - afterBatch: called on the calling thread with the number of chunks finished so far.
  func run<Tally: Sendable>(
    initial: Tally, work: @Sendable (Int) -> Tally, merge: (inout Tally, Tally) -> Void,
    afterBatch: (Int) -> Void
  ) -> Tally {
    var total = initial
    let batchSize = threads * ChunkSchedule.chunksPerThread
    let slots = UnsafeMutableBufferPointer<Tally?>.allocate(capacity: batchSize)
    slots.initialize(repeating: nil)
    defer {
      _ = slots.deinitialize()
      slots.deallocate()
    }
    let shared = SlotBuffer(slots: slots)
    var batchStart = 0
    while batchStart < chunks {
      let batchCount = min(batchSize, chunks - batchStart)
      let start = batchStart
      if threads == 1 {
        for index in 0..<batchCount { shared.store(work(start + index), at: index) }
      } else {
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(threads, batchCount)) { _ in
          while true {
            let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < batchCount else { break }
            shared.store(work(start + index), at: index)
          }
        }
      }
      for index in 0..<batchCount {
        if let tally = shared.take(at: index) { merge(&total, tally) }
      }
      batchStart += batchCount
      afterBatch(batchStart)
    }
    return total
  }
}

/// The batch's result slots, written by workers at distinct indices and read after the batch's
/// barrier (`concurrentPerform` returns only when every worker is done), hence no data race.
private struct SlotBuffer<Tally>: @unchecked Sendable {
  let slots: UnsafeMutableBufferPointer<Tally?>

  func store(_ tally: Tally, at index: Int) { slots[index] = tally }

  func take(at index: Int) -> Tally? {
    defer { slots[index] = nil }
    return slots[index]
  }
}
