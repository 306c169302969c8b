import Foundation

/// The law on one line of a mixture's output: f_u(y) = Σ_i u_i g_i(y), with g_i the law of
/// c_i X_i = location_i + scale_i · Y_i (Y_i of any family, mirrored for c_i < 0), for weights u
/// indexed like the model's submodules.
struct MixtureLine: Sendable {
  /// The model indices of the members.
  let members: [Int]
  /// (standard law, location, scale > 0) of each member's c_i X_i.
  let laws: [(law: StandardLaw, location: Double, scale: Double)]

  /// Where the members' laws sit (break points for quadrature): their locations (the centre of
  /// a symmetric law, the start of a skewed law's support) and the points where a member's
  /// density jumps (an empirical law's knots).
  var locations: [Double] {
    laws.flatMap { member in
      [member.location] + member.law.breakpoints.map { member.location + member.scale * $0 }
    }
  }
  /// The smallest member scale (a width for quadrature).
  var width: Double { laws.map(\.scale).min() ?? 1 }

  /// The quadrature of functions on this line, cut at the members' locations, to 1e-13 relative
  /// (the inner optimum's gradient is scaled by β, so its noise must stay far below the 1e-9 its
  /// certificate promises).
  var integral: PiecewiseIntegral {
    var integral = PiecewiseIntegral(breaks: locations, width: width)
    integral.relativeTolerance = 1e-13
    return integral
  }

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

  /// ln(f_u(y) / f_u0(y)) = log1p(Σ_i (u_i − u0_i) g_i(y) / f_u0(y)): from the weights'
  /// differences, so it keeps its digits where u is close to u0 (the difference of two logarithms
  /// would cancel); from the log densities where f_u < f_u0 / 2 or f_u0 underflows.
  func logRatio(_ y: Double, _ u: [Double], _ u0: [Double]) -> Double {
    var difference = 0.0
    var base = 0.0
    for (index, member) in zip(members, laws) {
      let g = member.law.density((y - member.location) / member.scale) / member.scale
      difference += (u[index] - u0[index]) * g
      base += u0[index] * g
    }
    let ratio = base > 0 && base.isFinite ? difference / base : -1
    // Where f_u is less than half of f_u0 the logarithms differ by more than ln 2 and their
    // difference keeps its digits (and stays finite where the densities underflow).
    return ratio > -0.5 ? log1p(ratio) : logDensity(y, u) - logDensity(y, u0)
  }

  /// ln g_i(y) for the member at position `position`.
  func logMemberDensity(_ position: Int, _ y: Double) -> Double {
    let member = laws[position]
    return member.law.logDensity((y - member.location) / member.scale) - log(member.scale)
  }
}
