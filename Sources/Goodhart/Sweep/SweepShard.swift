/// Part i of N of a sweep's grid: a contiguous run of points, so that the runs of shards
/// 1...N, in order, are the whole grid in order.
public struct SweepShard: Hashable, Sendable {
  /// Which part, 1-based.
  public let index: Int
  /// How many parts.
  public let count: Int

  /// The whole grid as one part.
  public static let whole = SweepShard(validIndex: 1, count: 1)

  private init(validIndex index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Part `index` of `count`.
  ///
  /// - Throws: `SweepError` naming `shard` unless 1 <= index <= count <= 1,000,000.
  public init(index: Int, count: Int) throws(SweepError) {
    guard (1...1_000_000).contains(count), (1...count).contains(index) else {
      throw SweepError(
        field: "shard", rule: "must be I/N with 1 <= I <= N <= 1000000 (got \(index)/\(count))")
    }
    self.init(validIndex: index, count: count)
  }

  /// Parses `I/N`.
  ///
  /// - Throws: `SweepError` naming `shard` for any other text or out-of-range numbers.
  public init(parsing text: String) throws(SweepError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
      throw SweepError(field: "shard", rule: "must be I/N, e.g. 3/10 (got \"\(text)\")")
    }
    try self.init(index: index, count: count)
  }

  /// The points of this part among `total`: [⌊(i − 1) total / N⌋, ⌊i total / N⌋). Parts differ in
  /// size by at most one point; a part may be empty when N exceeds the grid.
  public func points(of total: Int) -> Range<Int> {
    let total = Int64(total)
    let lower = Int(Int64(index - 1) * total / Int64(count))
    let upper = Int(Int64(index) * total / Int64(count))
    return lower..<upper
  }
}
