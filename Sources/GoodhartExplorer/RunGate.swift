/// Lets at most `limit` commands run at once; the others wait in order of arrival, each for a
/// bounded time.
actor RunGate {
  private var free: Int
  private var waiting: [(id: UInt64, admit: CheckedContinuation<Bool, Never>)] = []
  private var nextID: UInt64 = 0

  /// A gate for `limit` concurrent runs.
  init(limit: Int) { free = max(1, limit) }

  /// Waits for a free place for at most `patience` seconds.
  ///
  /// - Returns: true once a place is taken (give it back with `leave()`), false when none came
  ///   free in time.
  func enter(patience: Double) async -> Bool {
    if free > 0 {
      free -= 1
      return true
    }
    let id = nextID
    nextID += 1
    // The timer reaches the actor only once this call has suspended with its waiter queued.
    Task {
      try? await Task.sleep(for: .seconds(patience))
      self.expire(id)
    }
    return await withCheckedContinuation { waiting.append((id, $0)) }
  }

  /// Gives a place back (to the longest waiter, if any).
  func leave() {
    if waiting.isEmpty {
      free += 1
    } else {
      waiting.removeFirst().admit.resume(returning: true)
    }
  }

  /// Turns away the waiter `id` if it is still waiting.
  private func expire(_ id: UInt64) {
    guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
    waiting.remove(at: index).admit.resume(returning: false)
  }
}
