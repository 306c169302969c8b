extension Distribution {
  /// The law of c·X for c ≠ 0 (with c·L and |c|·S finite): location c·L, scale |c|·S, and for
  /// c < 0 the mirrored family, since c·X = c·L + |c|·S·(−Z). For a symmetric family the family
  /// is unchanged; for a skewed one a negative coefficient turns its long tail to the other side.
  func scaled(by c: Double) -> Distribution {
    Distribution(
      checkedFamily: c < 0 ? family.mirrored : family, location: c * location, scale: abs(c) * scale)
  }
}
