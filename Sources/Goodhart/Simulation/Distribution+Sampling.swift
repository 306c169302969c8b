#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Distribution.Family {
  /// One draw of the standard variable Z of this family (X = location + scale · Z).
  ///
  /// - normal: the ziggurat;
  /// - Student-t: Z = N / sqrt(V/ν) with V = 2 Gamma(ν/2) a chi-square(ν) draw (it may be ±inf
  ///   when V underflows for tiny ν);
  /// - Laplace: inversion, Z = −sign(u) ln(1 − 2|u|), u uniform on (−1/2, 1/2);
  /// - logistic: inversion, Z = ln(U / (1 − U));
  /// - Cauchy: inversion, Z = tan(π (U − 1/2));
  /// - the skewed families: `SkewedLaw.draw` (e^{σN} for lognormal, inversion for the others),
  ///   negated for the left orientation.
  ///
  /// - Parameter source: the generator.
  /// - Complexity: O(1) expected.
  func standardDraw(using source: inout RandomSource) -> Double {
    switch self {
    case .normal:
      return source.normal()
    case .studentT(let nu):
      let chiSquare = 2 * source.gamma(shape: nu / 2)
      return source.normal() / (chiSquare / nu).squareRoot()
    case .laplace:
      let u = source.uniform() - 0.5
      let magnitude = -log(1 - 2 * abs(u))
      return u < 0 ? -magnitude : magnitude
    case .logistic:
      let u = source.uniform()
      return log(u / (1 - u))
    case .cauchy:
      return tan(Double.pi * (source.uniform() - 0.5))
    case .lognormal, .pareto, .gumbel, .weibull, .empirical:
      let draw = skewedLaw!.draw(using: &source)
      return orientation == .left ? -draw : draw
    }
  }
}

extension Distribution {
  /// One draw of X = location + scale · Z.
  ///
  /// - Parameter source: the generator.
  /// - Complexity: O(1) expected.
  public func sample(using source: inout RandomSource) -> Double {
    location + scale * family.standardDraw(using: &source)
  }
}
