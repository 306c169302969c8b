/// Exact sampling of a Gaussian model's (T, P) from two standard normals.
///
/// (T, P) is bivariate normal (`JointLaw`), so with the Cholesky factor of its covariance taken
/// with P first, p = σ_P Z₁ and t = (c/σ_P) Z₁ + sqrt(σ_T² − c²/σ_P²) Z₂ have exactly the law of
/// the centred sum over submodules, with two draws instead of one per submodule. Best-of-n uses
/// the same factorisation: only Z₁ is drawn per candidate, and the winner's truth is drawn once
/// from T | P (normal, by the same formula), which is the same law as drawing every candidate's T.
struct GaussianPairSampler: PairSampler {
  let shift: (truth: Double, persuasiveness: Double)
  /// σ_P.
  private let persuasivenessScale: Double
  /// c / σ_P (0 when σ_P = 0).
  private let truthLoading: Double
  /// sqrt(σ_T² − c²/σ_P²), the residual standard deviation of T given P.
  private let residualScale: Double

  init(law: JointLaw) {
    shift = (law.meanTruth, law.meanPersuasiveness)
    let sd = law.standardDeviationPersuasiveness
    persuasivenessScale = sd
    truthLoading = sd > 0 ? law.covariance / sd : 0
    residualScale = max(0, law.varianceTruth - truthLoading * truthLoading).squareRoot()
  }

  @inline(__always)
  func draw(using source: inout RandomSource) -> (truth: Double, persuasiveness: Double) {
    let z1 = source.normal()
    let z2 = source.normal()
    return (truthLoading * z1 + residualScale * z2, persuasivenessScale * z1)
  }

  /// The same map as `draw`, two draws at a time: Z₁ and Z₂ for both from one two-lane generator
  /// (`NormalBlockGenerator`, seeded from `source`).
  func fill(
    truth: UnsafeMutablePointer<Double>, persuasiveness: UnsafeMutablePointer<Double>, count: Int,
    using source: inout RandomSource
  ) {
    var normals = NormalBlockGenerator(parent: &source)
    @inline(__always) func next() -> (truth: SIMD2<Double>, persuasiveness: SIMD2<Double>) {
      let z1 = normals.next()
      let z2 = normals.next()
      return (truthLoading * z1 + residualScale * z2, persuasivenessScale * z1)
    }
    let truthBytes = UnsafeMutableRawPointer(truth)
    let persuasivenessBytes = UnsafeMutableRawPointer(persuasiveness)
    @inline(__always) func store(at index: Int) {
      let (t, p) = next()
      truthBytes.storeBytes(of: t, toByteOffset: index &* 8, as: SIMD2<Double>.self)
      persuasivenessBytes.storeBytes(of: p, toByteOffset: index &* 8, as: SIMD2<Double>.self)
    }
    var index = 0
    while index &+ 3 < count {  // four draws per trip: half the loop's bookkeeping
      store(at: index)
      store(at: index &+ 2)
      index &+= 4
    }
    if index &+ 1 < count {
      store(at: index)
      index &+= 2
    }
    if index < count {
      let (t, p) = next()
      truth[index] = t[0]
      persuasiveness[index] = p[0]
    }
  }

  @inline(__always)
  func bestOf(_ n: Int, using source: inout RandomSource) -> (
    truth: Double, persuasiveness: Double
  ) {
    var best = source.normal()
    var remaining = n - 1
    while remaining > 0 {
      let candidate = source.normal()
      best = candidate > best ? candidate : best
      remaining -= 1
    }
    return (truthLoading * best + residualScale * source.normal(), persuasivenessScale * best)
  }
}
