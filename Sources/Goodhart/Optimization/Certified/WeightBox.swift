/// A box of weights l <= w <= u, cut by the plane Σ w = 1 when the domain is the simplex: the
/// region one node of the global optimiser bounds.
struct WeightBox: Sendable {
  /// l.
  var lower: [Double]
  /// u.
  var upper: [Double]
  /// Whether the region is the box ∩ {Σ w = 1}.
  let onSimplex: Bool

  /// The box shrunk to the smallest one with the same region (on the simplex each u_i is at most
  /// 1 − Σ_{j≠i} l_j and each l_i at least 1 − Σ_{j≠i} u_j), or `nil` when the region is empty.
  func tightened() -> WeightBox? {
    guard onSimplex else { return self }
    let low = lower.reduce(0, +)
    let high = upper.reduce(0, +)
    guard low <= 1 + 1e-15, high >= 1 - 1e-15 else { return nil }
    var box = self
    for i in lower.indices {
      box.upper[i] = min(upper[i], max(lower[i], 1 - (low - lower[i])))
      box.lower[i] = max(lower[i], min(upper[i], 1 - (high - upper[i])))
    }
    return box
  }

  /// A point of the region: the box's centre, slid along u − l onto Σ w = 1 on the simplex.
  var centre: [Double] {
    guard onSimplex else { return zip(lower, upper).map { 0.5 * ($0 + $1) } }
    let low = lower.reduce(0, +)
    let span = upper.reduce(0, +) - low
    let t = span > 0 ? min(1, max(0, (1 - low) / span)) : 0
    return zip(lower, upper).map { $0 + t * ($1 - $0) }
  }

  /// max over the region of s·w: the greedy fill in order of s on the simplex.
  func linearMaximum(_ s: [Double]) -> Double {
    guard onSimplex else {
      return s.indices.reduce(0) { $0 + max(s[$1] * lower[$1], s[$1] * upper[$1]) }
    }
    var value = zip(s, lower).reduce(0) { $0 + $1.0 * $1.1 }
    var remaining = 1 - lower.reduce(0, +)
    for i in s.indices.sorted(by: { s[$0] > s[$1] }) where remaining > 0 {
      let take = min(remaining, upper[i] - lower[i])
      value += s[i] * take
      remaining -= take
    }
    return value
  }

  /// The point of the region nearest to y: w_i = clamp(y_i − θ, l_i, u_i), with θ on the simplex
  /// the root of Σ w = 1 (the piece of that piecewise linear sum found between the sorted
  /// breakpoints, then θ in closed form on it). With bounds [0, 1] it is the Euclidean projection
  /// onto the simplex (Held, Wolfe and Crowder; Duchi et al. 2008).
  func projection(of y: [Double]) -> [Double] {
    func clamped(_ theta: Double) -> [Double] {
      y.indices.map { min(upper[$0], max(lower[$0], y[$0] - theta)) }
    }
    guard onSimplex else { return clamped(0) }
    // Σ clamp(y_i − θ) − 1, summed in index order without building the clamped point (the
    // branch and bound projects hundreds of times per box).
    func excess(_ theta: Double) -> Double {
      var total = 0.0
      for i in y.indices { total += min(upper[i], max(lower[i], y[i] - theta)) }
      return total - 1
    }
    var breakpoints = [Double]()
    breakpoints.reserveCapacity(2 * y.count)
    for i in y.indices { breakpoints.append(y[i] - upper[i]) }
    for i in y.indices { breakpoints.append(y[i] - lower[i]) }
    breakpoints.sort()
    var low = breakpoints[0]
    var high = breakpoints[breakpoints.count - 1]
    guard excess(low) > 0 else { return clamped(low) }
    guard excess(high) < 0 else { return clamped(high) }
    for theta in breakpoints {
      if excess(theta) > 0 { low = theta } else {
        high = theta
        break
      }
    }
    // On [low, high] the clamped sum is linear in θ: the coordinates strictly inside their bounds
    // there move with θ, the others are fixed, and Σ w = 1 gives θ in closed form (the
    // sorted-threshold formula of Held, Wolfe and Crowder when the bounds are [0, 1]).
    let middle = 0.5 * (low + high)
    var fixed = 0.0
    var moving = 0.0
    var count = 0
    for i in y.indices {
      let w = y[i] - middle
      if w <= lower[i] {
        fixed += lower[i]
      } else if w >= upper[i] {
        fixed += upper[i]
      } else {
        moving += y[i]
        count += 1
      }
    }
    guard count > 0 else { return clamped(low) }
    let theta = (moving + fixed - 1) / Double(count)
    // A root at an end of the piece is that breakpoint: there a coordinate meets its bound, and
    // rounding must not leave it a hair inside (a weight of 1e-17 would count as on the support).
    let resolution = 4 * Double.ulpOfOne * max(abs(low), abs(high), 1)
    if theta - low <= resolution { return clamped(low) }
    if high - theta <= resolution { return clamped(high) }
    return clamped(theta)
  }

  /// max |w_i| over the box.
  var largestMagnitudes: [Double] { zip(lower, upper).map { max(abs($0), abs($1)) } }

  /// min |w_i| over the box (0 where the box straddles 0).
  var smallestMagnitudes: [Double] {
    zip(lower, upper).map { $0 <= 0 && $1 >= 0 ? 0 : min(abs($0), abs($1)) }
  }

  /// The longest edge's length.
  var width: Double { zip(lower, upper).map { $1 - $0 }.max() ?? 0 }

  /// The two halves across `axis`, or across the longest edge when `axis` is `nil` or its edge
  /// is under a tenth of the longest (so that every edge keeps shrinking).
  func halves(across preferred: Int? = nil) -> (WeightBox, WeightBox) {
    let edges = zip(lower, upper).map { $1 - $0 }
    let longest = edges.indices.max { edges[$0] < edges[$1] } ?? 0
    let axis = preferred.map { edges[$0] >= 0.1 * edges[longest] ? $0 : longest } ?? longest
    let middle = 0.5 * (lower[axis] + upper[axis])
    var left = self
    var right = self
    left.upper[axis] = middle
    right.lower[axis] = middle
    return (left, right)
  }
}
