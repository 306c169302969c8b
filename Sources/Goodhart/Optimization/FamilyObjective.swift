/// J(w) = E_w[P] − β KL(law_w || law_w0) of a weight family at one β > 0, as the active-set
/// ascent climbs it: one bivariate normal law per iterate gives the gradient, the scale and the
/// KL's Hessian on the support.
struct FamilyObjective: AscentObjective {
  /// The weight family.
  let family: WeightFamily
  /// β > 0.
  let beta: Double

  /// J(w) (−∞ where the KL is infinite).
  func value(_ w: [Double]) -> Double { value(at: (w, family.normal(at: w))) }

  /// The law of (T, P) at `w`, or `nil` where it is singular.
  func iterate(at w: [Double]) -> (weights: [Double], law: BivariateNormal)? {
    let law = family.normal(at: w)
    return law.isSingular ? nil : (w, law)
  }

  /// J from the iterate's law.
  func value(at iterate: (weights: [Double], law: BivariateNormal)) -> Double {
    WeightFamily.objective(
      reward: iterate.law.meanPersuasiveness, kl: family.kl(of: iterate.law, at: iterate.weights), beta: beta)
  }

  /// ∂E_w[P]/∂w_i − β ∂KL/∂w_i.
  func gradient(_ iterate: (weights: [Double], law: BivariateNormal)) -> [Double] {
    zip(family.persuasivenessGradient, family.klGradient(at: iterate.weights, law: iterate.law))
      .map { $0 - beta * $1 }
  }

  /// `WeightFamily.gradientScale(at:law:beta:)`.
  func stationarityScale(
    _ iterate: (weights: [Double], law: BivariateNormal), gradient: [Double]
  ) -> Double {
    family.gradientScale(at: iterate.weights, law: iterate.law, beta: beta)
  }

  /// β times the KL's Hessian on `free` (E_w[P] is linear in w).
  func writeNegatedHessian(
    _ iterate: (weights: [Double], law: BivariateNormal), on free: [Int],
    into matrix: inout [[Double]]
  ) {
    let hessian = family.klHessian(at: iterate.weights, law: iterate.law, support: free)
    for a in free.indices {
      for b in free.indices { matrix[a][b] = beta * hessian[a][b] }
    }
  }

  /// `ExactOptimum.stationarityTolerance`.
  var stationarityTolerance: Double { ExactOptimum.stationarityTolerance }

  /// A step may lose 1e-15 of |J| (below the rounding of J near the optimum).
  var acceptanceSlack: Double { 1e-15 }
}
