import Foundation
import Synchronization

/// Bytes written by one thread and read by another after a `DispatchGroup` wait.
final class DataBox: Sendable {
  private let storage = Mutex(Data())

  /// The bytes.
  var data: Data {
    get { storage.withLock { $0 } }
    set { storage.withLock { $0 = newValue } }
  }
}
