import Foundation

extension PersuasionLaw {
  /// Relative tolerance of the outer selection integrals (the inner ones use 10^−10).
  static let outerRelativeTolerance = 1e-9

  /// Best-of-n: draw n outputs, keep the one with the largest P; exact for any n in [1, 10^15].
  ///
  /// With S = P − μ, F = F_S and x₀ the median of the maximum (F(x₀)^n = 1/2, found on the
  /// log-survival scale), the integrals are split at x₀ and scaled by w = Q(x₀)/f(x₀) (the width
  /// of the maximum's law, x₀/ν for a Student-t tail), so they stay accurate at huge n:
  /// - E[T] = c + ∫ n F(s)^{n−1} Σ_k r_k E[W_k | S = s] f(s) ds, with F^{n−1} = exp((n−1) ln F)
  ///   and ln F = log1p(−Q) above the median (by Stein's identity from F and f alone where only a
  ///   normal component carries truth: `steinBestOfN`);
  /// - E[P] = μ + x₀ + ∫_{x₀}^∞ (1 − F^n) ds − ∫_{−∞}^{x₀} F^n ds, with 1 − F^n =
  ///   −expm1(n ln F);
  /// - E[(P − μ − x₀)²] = 2 ∫_{x₀}^∞ (s − x₀)(1 − F^n) ds + 2 ∫_{−∞}^{x₀} (x₀ − s) F^n ds, and
  ///   Var T as in `threshold` against the law n F^{n−1} f of the maximum;
  /// - KL = ln n − (n − 1)/n (the same series near n = 1 as every route).
  ///
  /// - Parameter n: real n in [1, 10^15].
  /// - Returns: means that do not exist (see `meanTruthExists`) are `nil`; so is E[P] for
  ///   n >= 2 when a component has no mean (it is then +∞).
  /// - Throws: `SelectionError` naming `n` outside [1, 10^15] or when a quadrature fails.
  /// - Complexity: two outer adaptive quadratures over a few hundred nodes. Each node is O(1) for
  ///   one component; for two, one inner quadrature pair, or one fixed-rule pass for a normal
  ///   or Laplace part beside a Student-t, Cauchy or logistic one (`KernelQuadrature`) (direct, so
  ///   identical calls give identical bits; `bestOfNMeans(at:)` shares a checked table between
  ///   many n).
  public func bestOfN(_ n: Double) throws(SelectionError) -> SelectionOutcome {
    try bestOfN(n, table: nil, dispersion: true)
  }

  /// Best-of-n means at each n, on every core, all through one checked table of the law of S
  /// (`PersuasionTable`, built here for this call) for two components.
  public func bestOfNMeans(at counts: [Double]) throws(SelectionError) -> [SelectionOutcome] {
    try bestOfNMeans(at: counts, table: makeTable())
  }

  /// Best-of-n means at each n, on every core, through `table` (`nil`: direct quadrature), which
  /// the caller may share with further evaluations (the regime's peak and quantilizer searches).
  func bestOfNMeans(at counts: [Double], table: PersuasionTable?) throws(SelectionError)
    -> [SelectionOutcome]
  {
    let results = IndexedResults<SelectionOutcome>(count: counts.count)
    let law = self
    DispatchQueue.concurrentPerform(iterations: counts.count) { index in
      results.store(index, Result { () throws(SelectionError) in
        try law.bestOfN(counts[index], table: table, dispersion: false)
      })
    }
    var outcomes: [SelectionOutcome] = []
    for result in results.values { outcomes.append(try result.get()) }
    return outcomes
  }

  /// Best-of-n, through `table` (checked interpolation of the law of S) or by direct quadrature;
  /// the variances only when `dispersion` is true (their quadratures are skipped otherwise and
  /// they are `nil`).
  ///
  /// Direct quadrature (no `table`) takes E[T] and Var T from Stein's identity where only a
  /// normal component carries truth (`steinBestOfN`), unless `truthByStein` is false (tests
  /// compare the two routes).
  func bestOfN(
    _ n: Double, table: PersuasionTable?, dispersion: Bool, truthByStein: Bool = true
  ) throws(SelectionError) -> SelectionOutcome {
    guard n.isFinite, n >= 1, n <= 1e15 else {
      throw SelectionError(field: .n, rule: "must be in [1, 10^15] (got \(n))")
    }
    let kl = JointLaw.bestOfNDivergence(n)
    if n == 1 { return baseOutcome(kl: 0) }
    // Stein's identity needs no truth numerator, so its passes skip the truth sums.
    let stein = meanTruthExists && truthOffset != nil && table == nil && truthByStein ? steinCarrier : nil
    let evaluator = PointEvaluator(self, table: table, truth: stein == nil)
    let median = try centredUpperQuantile(-expm1(-M_LN2 / n), evaluator: evaluator, field: .n)
    let tailAtMedian = evaluator.tail(median)
    let densityAtMedian = evaluator.density(median)
    try evaluator.rethrow(field: .n)
    guard densityAtMedian > 0 else {
      throw SelectionError(field: .n, rule: "the density of persuasiveness underflows at the best of \(n)")
    }
    let width = tailAtMedian / densityAtMedian
    let split = SplitIntegral(
      at: median, width: width, field: .n, evaluator: evaluator, support: centredSupport,
      cuts: outerCuts, stretchedReach: stretchedReach)

    var meanTruth: Double? = nil
    // Var_sel[T_S] from Stein's identity, when it applies and keeps its digits.
    var steinSpread: Double? = nil
    if let offset = truthOffset, let carrier = stein {
      let moments = try steinBestOfN(
        n, carrier: carrier, split: split, evaluator: evaluator, dispersion: dispersion)
      meanTruth = offset + moments.mean
      steinSpread = moments.variance
    } else if meanTruthExists, let offset = truthOffset {
      // An absolute error on the scale of the truth near the maximum: E[T_S | S = x₀], of
      // order x₀ when a heavy part carries truth, and of order Σ|r_k|σ_k when only a light part
      // does (then E[T] − c may be far smaller than x₀ · 10^−13: 2.2e-7 for the best of 10³
      // beside a lognormal σ = 5 error, with x₀ = 4e6).
      let truthAtMedian = abs(evaluator.truthNumerator(median)) / densityAtMedian
      let floor = 1e-13 * (truthScale + truthAtMedian)
      let weighted = try split.integrate(absoluteTolerance: floor) { s in
        // Below a point where F^{n−1} underflows it underflows too (F is increasing).
        if s <= evaluator.underflowBelow { return 0 }
        let values = evaluator(s)
        let logF = s >= 0 ? log1p(-values.tail) : log(values.tail)
        if (n - 1) * logF < -746 { evaluator.noteUnderflow(below: s) }
        return n * exp((n - 1) * logF) * values.truthNumerator
      }
      meanTruth = offset + weighted.above + weighted.below
    }
    var meanPersuasiveness: Double? = nil
    var variancePersuasiveness: Double? = nil
    if meanPersuasivenessExists {
      let above = try split.integrate(part: .above) { s in -expm1(n * evaluator.logCDF(s)) }
      let below = try split.integrate(part: .below) { s in
        if s <= evaluator.underflowBelow { return 0 }
        let logF = evaluator.logCDF(s)
        if n * logF < -746 { evaluator.noteUnderflow(below: s) }
        return exp(n * logF)
      }
      meanPersuasiveness = location + median + above - below
      if dispersion, moments.variancePersuasiveness != nil {
        let squareAbove = try split.integrate(part: .above) { s in
          2 * (s - median) * -expm1(n * evaluator.logCDF(s))
        }
        let squareBelow = try split.integrate(part: .below) { s in
          if s <= evaluator.underflowBelow { return 0 }
          return 2 * (median - s) * exp(n * evaluator.logCDF(s))
        }
        let shift = above - below
        variancePersuasiveness = squareAbove + squareBelow - shift * shift
      }
    }
    let varianceTruth =
      !dispersion
      ? nil
      : try selectedTruthVariance(
        meanTruth: meanTruth, variancePersuasiveness: variancePersuasiveness, field: .n,
        evaluator: evaluator, knownSpread: steinSpread
      ) { g throws(SelectionError) in
        let parts = try split.integrate { s in
          if s <= evaluator.underflowBelow { return 0 }
          let weight = n * exp((n - 1) * evaluator.logCDF(s))
          return weight == 0 ? 0 : weight * g(s)
        }
        return parts.above + parts.below
      }
    return SelectionOutcome(
      meanTruth: meanTruth, meanPersuasiveness: meanPersuasiveness, varianceTruth: varianceTruth,
      variancePersuasiveness: variancePersuasiveness, kl: kl)
  }

  /// The unselected law: its moments where they exist.
  func baseOutcome(kl: Double) -> SelectionOutcome {
    SelectionOutcome(
      meanTruth: moments.meanTruth, meanPersuasiveness: moments.meanPersuasiveness,
      varianceTruth: moments.varianceTruth, variancePersuasiveness: moments.variancePersuasiveness,
      kl: kl)
  }
}

/// ∫ over (−∞, x₀] and [x₀, ∞) in the scaled variable s = x₀ + w y, by GSL's QAGIL/QAGIU, or
/// over the part of each that lies in S's support by QAGS where the support ends (a skewed law's
/// density may jump or be unbounded there). Each side is cut at S's singular points in it where
/// `cuts` says (`OuterCuts`: where S's density may bend, such as an empirical law's knots plus a
/// bounded law's end), so that every piece is smooth inside.
struct SplitIntegral {
  /// Which side of the split point.
  enum Part { case above, below }

  let point: Double
  let width: Double
  let field: SelectionField
  let evaluator: PointEvaluator
  /// The ends of S's support (infinite for the symmetric families).
  let support: (lower: Double, upper: Double)
  /// Where and when to cut (`PersuasionLaw.outerCuts`).
  let cuts: OuterCuts
  /// Where S's stretched tails end, on the sides integrated in u = ln(1 + |y|) rather than y
  /// (`PersuasionLaw.stretchedReach`).
  let stretchedReach: (below: Double?, above: Double?)

  init(
    at point: Double, width: Double, field: SelectionField, evaluator: PointEvaluator,
    support: (lower: Double, upper: Double) = (-.infinity, .infinity), cuts: OuterCuts = .none,
    stretchedReach: (below: Double?, above: Double?) = (nil, nil)
  ) {
    self.point = point
    self.width = width
    self.field = field
    self.evaluator = evaluator
    self.support = support
    self.cuts = cuts
    self.stretchedReach = stretchedReach
  }

  /// ∫_{x₀}^∞ h(s) ds or ∫_{−∞}^{x₀} h(s) ds, to `PersuasionLaw.outerRelativeTolerance`; when
  /// round-off in the inner integrals (relative 10^−10) stops GSL short of it (reported as
  /// round-off or as running out of subintervals), once more at 10^−7, still far inside the
  /// 10^−6 the package promises; cut at S's singular points as `cuts` says (`OuterCuts`).
  func integrate(
    part: Part, absoluteTolerance: Double = 0, _ integrand: (Double) -> Double
  ) throws(SelectionError) -> Double {
    let (x0, w) = (point, width)
    let end = (part == .above ? support.upper : support.lower)
    let (lower, upper) = part == .above ? (0.0, (end - x0) / w) : ((end - x0) / w, 0.0)
    guard upper > lower else {
      try evaluator.rethrow(field: field)
      return 0
    }
    // On a side where S's tail is stretched (`PersuasionLaw.stretchedReach`), if y fails: u with
    // y = ±(e^u − 1), dy = e^u du, up to where S's tail is below 10^−300. A stretched tail's mass,
    // spread over decades of y (for a lognormal, a bump at ln y ≈ σ² of width σ), is a bump in u,
    // where QAGIU's map y = (1 − t)/t squeezes it towards t = 0 (GSL's round-off error or
    // divergence at σ >= 3.5). Not first: for a lighter stretched tail y is as accurate and far
    // cheaper (u's nodes reach out to 10^−300, each an evaluation of S far out).
    let sign = part == .above ? 1.0 : -1.0
    var span: Double? = nil
    if let reach = part == .above ? stretchedReach.above : stretchedReach.below,
      sign * (reach - x0) > 0, sign * (reach - x0) / w < max(abs(lower), abs(upper))
    {
      span = log1p(sign * (reach - x0) / w)
    }
    return try tried(logarithmicAlternative: span != nil) {
      relativeTolerance, points, logarithmic throws(NumericalError) in
      // The variable v of integration, y(v) and dy/dv: y itself, or u with y = ±(e^u − 1).
      let (from, to, y, slope, variable): (Double, Double, (Double) -> Double, (Double) -> Double, (Double) -> Double) =
        if logarithmic, let span {
          (0, span, { u in sign * expm1(u) }, exp, { y in log1p(sign * y) })
        } else {
          (lower, upper, { $0 }, { _ in 1 }, { $0 })
        }
      let inside = points.map { variable(($0 - x0) / w) }.filter { $0 > from && $0 < to }.sorted()
      let quadrature = SplitIntegral.quadrature(
        absoluteTolerance: absoluteTolerance / w, pieces: inside.count + 1,
        relativeTolerance: relativeTolerance)
      return try w * SplitIntegral.piecewise(
        { v in integrand(x0 + w * y(v)) * slope(v) }, from: from, to: to, cuts: inside,
        quadrature: quadrature,
        singularEnds: logarithmic
          ? (false, false) : (part == .below && end.isFinite, part == .above && end.isFinite))
    }
  }

  /// ∫_a^b h(s) ds over a finite stretch (by QAGS at a when a is where S's support starts), with
  /// the same tries and cuts as `integrate(part:absoluteTolerance:_:)`.
  func integrate(
    from a: Double, to b: Double, absoluteTolerance: Double = 0, _ integrand: (Double) -> Double
  ) throws(SelectionError) -> Double {
    guard b > a else { return 0 }
    return try tried { relativeTolerance, points, _ throws(NumericalError) in
      let inside = points.filter { $0 > a && $0 < b }
      let quadrature = SplitIntegral.quadrature(
        absoluteTolerance: absoluteTolerance, pieces: inside.count + 1,
        relativeTolerance: relativeTolerance)
      return try SplitIntegral.piecewise(
        integrand, from: a, to: b, cuts: inside, quadrature: quadrature,
        singularEnds: (a == support.lower, false))
    }
  }

  /// `body(relativeTolerance, points, logarithmic)` for each of `cuts`' tries until one succeeds
  /// or fails other than by round-off or the subinterval limit, in the integral's own variable
  /// (`logarithmic` false), then, with `logarithmicAlternative`, the same tries in the
  /// logarithmic one (after any failure of the first); the evaluator's first failure, or the
  /// last try's, as a `SelectionError` naming `field`.
  private func tried(
    logarithmicAlternative: Bool = false,
    _ body: (Double, [Double], Bool) throws(NumericalError) -> Double
  ) throws(SelectionError) -> Double {
    let tries = cuts.attempts(tolerance: PersuasionLaw.outerRelativeTolerance)
    let all = tries.map { ($0.relativeTolerance, $0.cuts, false) }
      + (logarithmicAlternative ? tries.map { ($0.relativeTolerance, $0.cuts, true) } : [])
    var value = 0.0
    var failure: NumericalError? = nil
    var index = 0
    while index < all.count {
      let (relativeTolerance, points, logarithmic) = all[index]
      do {
        value = try body(relativeTolerance, points, logarithmic)
        failure = nil
        break
      } catch {
        failure = error
        if error.kind == .roundoff || error.kind == .maximumIterations {
          index += 1
        } else if !logarithmic, logarithmicAlternative {
          index = tries.count
        } else {
          break
        }
      }
    }
    try evaluator.rethrow(field: field)
    if let failure {
      throw SelectionError(field: field, rule: "could not be computed by quadrature (\(failure))")
    }
    return value
  }

  /// The outer rule (Gauss–Kronrod 15, 400 subintervals) with the absolute tolerance shared by
  /// `pieces` pieces.
  private static func quadrature(absoluteTolerance: Double, pieces: Int, relativeTolerance: Double)
    -> Quadrature
  {
    Quadrature(
      absoluteTolerance: absoluteTolerance / Double(pieces), relativeTolerance: relativeTolerance,
      limit: 400, rule: .gauss15, operation: "outer quadrature")
  }

  /// ∫_a^b f over the pieces between `cuts` (sorted, inside (a, b)); a or b may be infinite. A
  /// finite end flagged in `singularEnds` is read by QAGS, the other finite pieces by QAG.
  static func piecewise(
    _ f: (Double) -> Double, from a: Double, to b: Double, cuts: [Double],
    quadrature: Quadrature, singularEnds: (lower: Bool, upper: Bool)
  ) throws(NumericalError) -> Double {
    let ends = [a] + cuts + [b]
    var total = 0.0
    for index in 0..<(ends.count - 1) {
      let (left, right) = (ends[index], ends[index + 1])
      let singular =
        (index == 0 && singularEnds.lower) || (index == ends.count - 2 && singularEnds.upper)
      if left == -.infinity, right == .infinity {
        total += try quadrature.integrateOverRealLine(f).value
      } else if left == -.infinity {
        total += try quadrature.integrate(f, fromMinusInfinityTo: right).value
      } else if right == .infinity {
        total += try quadrature.integrate(f, from: left).value
      } else if singular {
        total += try quadrature.integrateAllowingEndSingularities(f, from: left, to: right).value
      } else {
        total += try quadrature.integrate(f, from: left, to: right).value
      }
    }
    return total
  }

  /// ∫ h(s) ds over the whole line for an integrand with mass both in S's bulk, near 0, and near
  /// the split point x₀ (Stein's, `PersuasionLaw.steinBestOfN`), which y = (s − x₀)/w alone does
  /// not resolve: beside a lognormal error with σ = 5 the best of 10 has x₀ = 900 and w = 2300, so
  /// the bulk is a spike of width 4e-4 in y, which GSL missed or reported as round-off. Three
  /// pieces, with the same tries as `integrate(part:absoluteTolerance:_:)`: beyond x₀ as that
  /// part of this split; between 0 and x₀ in u = ln(1 + |s|/`scale`), where the bulk spans
  /// [0, 1] and a polynomial or stretched decay towards x₀ is smooth; behind 0 as that part of a
  /// split at 0 with width `scale` (y there, since a normal-like tail falls like e^{−e^{2u}} in u).
  func integrateFromCentre(scale: Double, _ integrand: (Double) -> Double) throws(SelectionError)
    -> Double
  {
    let x0 = point
    guard x0 != 0 else {
      let both = try integrate(integrand)
      return both.above + both.below
    }
    let centre = SplitIntegral(
      at: 0, width: scale, field: field, evaluator: evaluator, support: support, cuts: cuts,
      stretchedReach: stretchedReach)
    let sign = x0 > 0 ? 1.0 : -1.0
    let beyond = try integrate(part: x0 > 0 ? .above : .below, integrand)
    let behind = try centre.integrate(part: x0 > 0 ? .below : .above, integrand)
    let reach = log1p(abs(x0) / scale)
    let between = try tried { relativeTolerance, points, _ throws(NumericalError) in
      let inside = points.filter { sign * $0 > 0 && abs($0) < abs(x0) }.map { log1p(abs($0) / scale) }
        .sorted()
      let quadrature = SplitIntegral.quadrature(
        absoluteTolerance: 0, pieces: inside.count + 1, relativeTolerance: relativeTolerance)
      return try scale * SplitIntegral.piecewise(
        { u in let e = exp(u); return integrand(sign * scale * (e - 1)) * e }, from: 0, to: reach,
        cuts: inside, quadrature: quadrature, singularEnds: (false, false))
    }
    return beyond + behind + between
  }

  /// Both sides of the split.
  func integrate(absoluteTolerance: Double = 0, _ integrand: (Double) -> Double)
    throws(SelectionError) -> (above: Double, below: Double)
  {
    let above = try integrate(part: .above, absoluteTolerance: absoluteTolerance, integrand)
    let below = try integrate(part: .below, absoluteTolerance: absoluteTolerance, integrand)
    return (above, below)
  }
}

extension PersuasionLaw {
  /// The real n >= 1 whose best-of-n KL, ln n − (n − 1)/n, equals `kl` (Brent's method on ln n).
  ///
  /// - Parameter kl: K >= 0 and finite (K = 0 gives n = 1).
  /// - Throws: `SelectionError` naming `kl` when K is negative, not finite, or needs n > 10^15.
  public static func bestOfNCount(forKL kl: Double) throws(SelectionError) -> Double {
    guard kl.isFinite, kl >= 0 else {
      throw SelectionError(field: .kl, rule: "must be finite and >= 0 (got \(kl))")
    }
    if kl == 0 { return 1 }
    let finder = RootFinder(
      absoluteTolerance: 0, relativeTolerance: 1e-15, maximumIterations: 200,
      operation: "root of the best-of-n KL")
    let logN: Double
    do {
      logN = try finder.root(of: { x in x - 1 + exp(-x) - kl }, between: 0, and: kl + 2)
    } catch {
      throw SelectionError(field: .kl, rule: "no n reaches this KL (\(error))")
    }
    let n = exp(logN)
    guard n <= 1e15 else {
      throw SelectionError(field: .kl, rule: "needs best-of-n with n > 10^15 (got \(kl) nats)")
    }
    return n
  }
}
