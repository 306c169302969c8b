import Foundation

/// Results of independent computations run concurrently, collected by index, so that the order
/// (and so the output) does not depend on the number of threads.
final class IndexedResults<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [Result<Value, SelectionError>]

  /// Room for `count` results, each a failure until stored.
  init(count: Int) {
    storage = Array(
      repeating: .failure(SelectionError(field: .n, rule: "was not computed")), count: count)
  }

  /// Stores the result of computation `index`.
  func store(_ index: Int, _ result: Result<Value, SelectionError>) {
    lock.lock()
    storage[index] = result
    lock.unlock()
  }

  /// Every result, in index order.
  var values: [Result<Value, SelectionError>] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}
