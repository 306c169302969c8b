/// One axis of a sweep: a number in the model, stepped evenly from `from` to `to`.
public struct SweepAxis: Hashable, Sendable {
  /// The most steps one axis may take.
  public static let maximumSteps = 10_000

  /// The number the axis moves (`submodules[2].mean`).
  public let path: ModelPath
  /// The first value.
  public let from: Double
  /// The last value (equal to `from` when `steps` is 1).
  public let to: Double
  /// How many values, at least 1.
  public let steps: Int

  /// An axis of `steps` evenly spaced values from `from` to `to`.
  ///
  /// - Throws: `SweepError` naming `field.from`, `field.to` or `field.steps` when a bound is not
  ///   finite or `steps` is not in 1...`maximumSteps` (or is 1 while `from` ≠ `to`).
  public init(path: ModelPath, from: Double, to: Double, steps: Int, field: String = "axes[0]")
    throws(SweepError)
  {
    guard from.isFinite else {
      throw SweepError(field: "\(field).from", rule: "must be finite (got \(from))")
    }
    guard to.isFinite else {
      throw SweepError(field: "\(field).to", rule: "must be finite (got \(to))")
    }
    guard (1...SweepAxis.maximumSteps).contains(steps) else {
      throw SweepError(
        field: "\(field).steps",
        rule: "must be an integer in 1...\(SweepAxis.maximumSteps) (got \(steps))")
    }
    guard steps > 1 || from == to else {
      throw SweepError(field: "\(field).steps", rule: "must be > 1 when from != to (got 1)")
    }
    self.path = path
    self.from = from
    self.to = to
    self.steps = steps
  }

  /// The value at step `index` (0-based): `from + index (to − from) / (steps − 1)`, with the
  /// last step exactly `to`.
  public func value(at index: Int) -> Double {
    if index == steps - 1 { return to }
    return from + Double(index) * (to - from) / Double(steps - 1)
  }

  /// All the axis's values in order.
  public var values: [Double] { (0..<steps).map(value(at:)) }
}
