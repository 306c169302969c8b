/// The upper partial moments of a standard law at z: how much probability, and how much excess
/// over z, lies above z.
///
/// Q = P(Z > z), first = E[(Z − z)⁺] = ∫_z^∞ Q(y) dy, second = E[((Z − z)⁺)²] =
/// 2 ∫_z^∞ (y − z) Q(y) dy; `nil` where the moment is infinite (Student-t with ν <= 1 for the
/// first, ν <= 2 for the second; Cauchy for both). Moments about z rather than about 0 keep
/// the digits of E[Z | Z > z] − z and Var[Z | Z > z] far in the tail.
struct TailMoments: Hashable, Sendable {
  /// Q(z).
  let survival: Double
  /// E[(Z − z)⁺], or `nil`.
  let first: Double?
  /// E[((Z − z)⁺)²], or `nil`.
  let second: Double?
}
