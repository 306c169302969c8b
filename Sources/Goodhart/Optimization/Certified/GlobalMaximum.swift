/// The certified maximum of a `PenalisedObjective` over a region: a point and a proof that no
/// point of the region beats it by more than the tolerance.
struct GlobalMaximum: Sendable {
  /// The maximiser found.
  let weights: [Double]
  /// J there.
  let value: Double
  /// A rigorous upper bound of J over the whole region (>= `value`).
  let upperBound: Double
  /// How many boxes the branch and bound bounded.
  let nodes: Int
}
