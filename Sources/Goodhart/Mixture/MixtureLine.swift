import Foundation

/// The law on one line of a mixture's output: f_u(y) = Σ_i u_i g_i(y), with g_i the law of
/// c_i X_i = location_i + scale_i · Y_i (symmetric Y_i), for weights u indexed like the model's
/// submodules.
struct MixtureLine: Sendable {
  /// The model indices of the members.
  let members: [Int]
  /// (standard law, location, scale > 0) of each member's c_i X_i.
  let laws: [(law: StandardLaw, location: Double, scale: Double)]

  /// Where the members' laws sit (break points for quadrature).
  var locations: [Double] { laws.map(\.location) }
  /// The smallest member scale (a width for quadrature).
  var width: Double { laws.map(\.scale).min() ?? 1 }

  /// ln f_u(y) by log-sum-exp over the members with u_i > 0 (−∞ when none).
  func logDensity(_ y: Double, _ u: [Double]) -> Double {
    var logs: [Double] = []
    for (index, member) in zip(members, laws) where u[index] > 0 {
      let z = (y - member.location) / member.scale
      logs.append(log(u[index]) + member.law.logDensity(z) - log(member.scale))
    }
    guard let top = logs.max(), top > -.infinity else { return -.infinity }
    return top + log(logs.reduce(0) { $0 + exp($1 - top) })
  }

  /// ln g_i(y) for the member at position `position`.
  func logMemberDensity(_ position: Int, _ y: Double) -> Double {
    let member = laws[position]
    return member.law.logDensity((y - member.location) / member.scale) - log(member.scale)
  }
}
