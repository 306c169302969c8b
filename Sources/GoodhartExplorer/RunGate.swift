/// Lets at most `limit` commands run at once; the others wait in order of arrival.
actor RunGate {
  private var free: Int
  private var waiting: [CheckedContinuation<Void, Never>] = []

  /// A gate for `limit` concurrent runs.
  init(limit: Int) { free = max(1, limit) }

  /// Waits for a free place.
  func enter() async {
    if free > 0 {
      free -= 1
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  /// Gives the place back (to the longest waiter, if any).
  func leave() {
    if waiting.isEmpty {
      free += 1
    } else {
      waiting.removeFirst().resume()
    }
  }
}
