import Foundation

/// The tail event {Y > z} of a standard law Y seen through normal noise, U = Y + σZ: the law of U
/// and the probability of the event given U, by nested quadrature (`TailPolicy.outputKL`).
///
/// With φ_σ the N(0, σ²) density, h(u) = ∫_z^∞ g(y) φ_σ(u − y) dy and ℓ(u) the same integral
/// below z, U has density h + ℓ and P(Y > z | U = u) = h / (h + ℓ) (two positive integrals, so
/// nothing cancels). Every integral is cut at the features it has (the body of Y at 0, the
/// kernel's peak at u, the threshold z), and each piece is integrated in t = ln(1 + s/λ), s the
/// distance from the piece's end and λ = min(1, σ) the narrowest feature (a finite piece in two
/// halves, one from each end), which resolves a feature at either end however long the piece is
/// and turns a polynomial tail into an exponential one.
struct NoisyTail: Sendable {
  /// The law of Y.
  let law: StandardLaw
  /// z.
  let threshold: Double
  /// σ > 0.
  let noise: Double
  /// Q = P(Y > z) > 0.
  let tailProbability: Double

  /// Creates the tail of `law` above `threshold` seen through N(0, `noise`²).
  init(law: StandardLaw, threshold: Double, noise: Double, tailProbability: Double) {
    self.law = law
    self.threshold = threshold
    self.noise = noise
    self.tailProbability = tailProbability
  }

  /// KL(π ‖ π0) of U's laws for the policy that keeps Y's law with probability 1 − ε and
  /// otherwise draws Y given Y > z (`TailPolicy.outputKL`).
  ///
  /// `ceiling` is the KL of Y's own laws (at least the result): the outer integrals accept an
  /// absolute error of 10⁻¹⁰ of the size it gives them, so pieces far below it (out in a tail,
  /// where the integrand carries the inner integrals' rounding) do not hold GSL up.
  func kl(mixing epsilon: Double, ceiling: Double) throws(SelectionError) -> Double {
    let q = tailProbability
    var failure: NumericalError?
    // (h(u), ℓ(u)) for the outer integrands; an inner failure is kept and reported.
    func halvesOrZero(_ u: Double) -> (Double, Double) {
      do throws(NumericalError) {
        return try halves(at: u)
      } catch {
        failure = failure ?? error
        return (0, 0)
      }
    }
    let value: Double
    do throws(NumericalError) {
      if epsilon >= 1 {
        let size = q * (ceiling - log(q))
        let integral = try integrate(
          cuts: [0, threshold], tolerance: 1e-9, absoluteTolerance: 1e-10 * size
        ) { anchor, offset in
          let (above, below) = halvesOrZero(anchor + offset)
          return above > 0 ? above * log(above / (above + below)) : 0
        }
        value = -log(q) + integral / q
      } else {
        let c = epsilon / ((1 - epsilon) * q)
        let size = ceiling - log1p(-epsilon)
        let integral = try integrate(
          cuts: [0, threshold], tolerance: 1e-9, absoluteTolerance: 1e-10 * size
        ) { anchor, offset in
          let (above, below) = halvesOrZero(anchor + offset)
          let total = above + below
          guard total > 0 else { return 0 }
          return ((1 - epsilon) * total + epsilon / q * above) * log1p(c * above / total)
        }
        value = log1p(-epsilon) + integral
      }
    } catch {
      failure = failure ?? error
      value = .nan
    }
    if let failure {
      throw SelectionError(field: .model, rule: "the output-law KL could not be computed (\(failure))")
    }
    return value
  }

  /// (h(u), ℓ(u)), each to a relative 10⁻¹⁰ (ten times tighter than the outer integrals).
  func halves(at u: Double) throws(NumericalError) -> (above: Double, below: Double) {
    let sigma = noise
    let normalisation = 1 / (sigma * (2 * Double.pi).squareRoot())
    // At y = anchor + offset, u − y = (u − anchor) − offset: exact when the anchor is u itself,
    // so the kernel stays smooth however far out u is.
    let integrand: (Double, Double) -> Double = { [law] anchor, offset in
      let y = anchor + offset
      let x = ((u - anchor) - offset) / sigma
      return law.density(y) * normalisation * exp(-0.5 * x * x)
    }
    let cuts = [threshold, u, 0]
    let above = try integrate(cuts: cuts, from: threshold, tolerance: 1e-10, integrand)
    let below = try integrate(cuts: cuts, to: threshold, tolerance: 1e-10, integrand)
    return (above, below)
  }

  /// ∫ f over [lower, upper] (either end may be infinite), cut at the points of `cuts` inside,
  /// each piece to the relative `tolerance` or the `absoluteTolerance`. f is given the point as
  /// a piece's end (`anchor`) and the signed distance from it (`offset`).
  func integrate(
    cuts: [Double], from lower: Double = -.infinity, to upper: Double = .infinity,
    tolerance: Double, absoluteTolerance: Double = 0, _ f: (_ anchor: Double, _ offset: Double) -> Double
  ) throws(NumericalError) -> Double {
    let width = min(1, noise)
    let points = ([lower] + Set(cuts).sorted().filter { $0 > lower && $0 < upper } + [upper])
    // f at the distance λ(e^t − 1) from `end` in `direction`, times dy/dt = λ e^t.
    func stretched(_ t: Double, from end: Double, _ direction: Double) -> Double {
      let s = width * expm1(t)
      guard s.isFinite else { return 0 }
      let value = f(end, direction * s)
      return value == 0 ? 0 : value * (s + width)
    }
    // One piece, in units of the integrand's largest value seen at a few points of it (GSL
    // reports round-off on integrands of 10⁻⁴⁰ and below, far out in a tail). Where rounding
    // (reported as round-off or as running out of subintervals: the outer integrand carries
    // the inner ones' rounding) still stops GSL short of the tolerance, once more 100 times
    // looser and content with an error of 10⁻¹² of that value (in t, a feature is at least
    // about one unit wide).
    func piece(_ h: (Double) -> Double, to top: Double) throws(NumericalError) -> Double {
      let probes = [0.0, 0.25, 0.5, 1, 2, 4, 8, 16, 32].filter { $0 <= top }
      let unit = probes.reduce(0) { max($0, abs(h($1))) }
      // A piece whose integrand is below 10⁻²⁸⁰ at every probe (near or in the subnormal
      // range, where a double keeps few digits) counts as 0.
      if unit < 1e-280 { return 0 }
      let scale = unit
      var quadrature = Quadrature(
        absoluteTolerance: absoluteTolerance / scale, relativeTolerance: tolerance, limit: 400,
        rule: .gauss21, operation: "quadrature of the output-law KL")
      func run() throws(NumericalError) -> Double {
        let value = try top.isFinite
          ? quadrature.integrate({ h($0) / scale }, from: 0, to: top).value
          : quadrature.integrate({ h($0) / scale }, from: 0).value
        return value * scale
      }
      do {
        return try run()
      } catch where error.kind == .roundoff || error.kind == .maximumIterations {
        quadrature.absoluteTolerance = max(quadrature.absoluteTolerance, 1e-12)
        quadrature.relativeTolerance = 100 * tolerance
        return try run()
      }
    }
    var total = 0.0
    for (a, b) in zip(points, points.dropFirst()) {
      if a == -.infinity {
        total += try piece({ stretched($0, from: b, -1) }, to: .infinity)
      } else if b == .infinity {
        total += try piece({ stretched($0, from: a, 1) }, to: .infinity)
      } else if b > a {
        let top = log1p(0.5 * (b - a) / width)
        total += try piece({ stretched($0, from: a, 1) }, to: top)
        total += try piece({ stretched($0, from: b, -1) }, to: top)
      }
    }
    return total
  }
}
