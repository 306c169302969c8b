/// The law of (T, P) that a filtering policy selects from: one API for every route.
///
/// `Model.outputLaw()` picks the route: closed forms for a bivariate normal (T, P) (`JointLaw`),
/// quadrature for the sum reading with non-normal submodules (`PersuasionLaw`), and the
/// mixture route for the mixture reading (`MixtureLaw`). Callers write each policy once against
/// this protocol, and every route returns the same outcome types.
///
/// Adding a policy means one requirement here and one implementation per route; adding a route
/// means one conforming type and one line in `Model.outputLaw()` (Docs/Design.md).
public protocol OutputLaw: Sendable {
  /// Which route computes this law.
  var route: LawRoute { get }

  /// The base law's moments of (T, P), `nil` where they do not exist.
  var moments: OutputMoments { get }

  /// The law of T given P = p (conditioning on an atom of P uses the atom alone).
  ///
  /// - Throws: `SelectionError` naming `persuasiveness` for a non-finite p, a density that
  ///   underflows at p, or when P is constant.
  func conditionalTruth(givenPersuasiveness persuasiveness: Double) throws(SelectionError)
    -> ConditionalTruth

  /// Keep the outputs with P >= tau.
  ///
  /// - Throws: `SelectionError` naming `tau` for a non-finite tau, a threshold that keeps no
  ///   outputs, or when P is constant.
  func threshold(_ tau: Double) throws(SelectionError) -> ThresholdSelection

  /// Keep the top fraction q by P.
  ///
  /// - Throws: `SelectionError` naming `q` outside (0, 1], or when P is constant.
  func quantile(_ q: Double) throws(SelectionError) -> QuantileSelection

  /// Draw n outputs and keep the one with the largest P (ties broken uniformly at random).
  ///
  /// - Parameter n: real n in [1, 10^15].
  /// - Throws: `SelectionError` naming `n` outside [1, 10^15], or when P is constant.
  func bestOfN(_ n: Double) throws(SelectionError) -> SelectionOutcome

  /// Best-of-n at each of `counts`, means and KL only (the variances are left `nil`: not
  /// computed), for curves over n such as the regime; a route may share work between the n.
  ///
  /// - Throws: `SelectionError` naming `n` (the first failure).
  func bestOfNMeans(at counts: [Double]) throws(SelectionError) -> [SelectionOutcome]

  /// The exponential tilt π ∝ π0 exp(P / β) whose KL from the base law is `kl`, or why none
  /// exists.
  ///
  /// - Throws: `SelectionError` naming `kl` when it is not finite and > 0, or when P is constant.
  func tilt(kl: Double) throws(SelectionError) -> TiltSelection

  /// The best-of-n whose E[P] is `target`: the real n and the smallest integer reaching it.
  ///
  /// - Throws: `SelectionError` naming `target` when it is not finite, does not exceed the base
  ///   E[P], or is beyond best-of-10^15.
  func bestOfN(reachingMeanPersuasiveness target: Double) throws(SelectionError)
    -> BestOfNRequirement

  /// The threshold whose kept outputs have E[P] = `target`.
  ///
  /// - Throws: `SelectionError` naming `target` when it is not finite, does not exceed the base
  ///   E[P], or falls in a jump of E[P | P >= tau] (an atom of P; the quantilizer reaches it).
  func threshold(reachingMeanPersuasiveness target: Double) throws(SelectionError)
    -> ThresholdSelection

  /// The tilt whose E[P] is `target` (`.notNormalisable` when no tilt exists).
  ///
  /// - Throws: `SelectionError` naming `target` when it is not finite or does not exceed the base
  ///   E[P].
  func tilt(reachingMeanPersuasiveness target: Double) throws(SelectionError) -> TiltSelection
}
