/// What unpenalised RL on the weights converges to: the simplex vertex that maximises E[P].
public struct RewardMaximiser: Hashable, Sendable {
  /// The index of the chosen submodule.
  public let submoduleIndex: Int
  /// Its name.
  public let submodule: String
  /// The vertex weights (1 on the chosen submodule).
  public let weights: [Double]
  /// E[T] at the vertex: truth_i · mean_i.
  public let meanTruth: Double
  /// E[P] at the vertex: persuasion_i · mean_i.
  public let meanPersuasiveness: Double
}

extension Model {
  /// The maximiser of E_w[P] = Σ w_i p_i m_i over the simplex: E[P] is linear in w, so its
  /// maximum sits at the vertex argmax_i p_i m_i (ties to the first in file order). `m_i` is the
  /// submodule's `Distribution.centre` (its mean when the mean exists).
  ///
  /// - Complexity: O(number of submodules).
  public var rewardMaximiser: RewardMaximiser {
    var best = 0
    for index in submodules.indices.dropFirst()
    where reward(of: index) > reward(of: best) {
      best = index
    }
    var weights = [Double](repeating: 0, count: submodules.count)
    weights[best] = 1
    let chosen = submodules[best]
    return RewardMaximiser(
      submoduleIndex: best, submodule: chosen.name, weights: weights,
      meanTruth: chosen.truth * chosen.distribution.centre,
      meanPersuasiveness: reward(of: best))
  }

  private func reward(of index: Int) -> Double {
    submodules[index].persuasion * submodules[index].distribution.centre
  }
}
