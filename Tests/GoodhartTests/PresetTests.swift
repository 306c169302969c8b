import Goodhart
import Testing

@Suite struct PresetTests {
  @Test func cheapPersuasionMaximiserAbandonsTruth() throws {
    let maximiser = Preset.cheapPersuasion.model.rewardMaximiser
    #expect(maximiser.submodule == "C")
    #expect(maximiser.weights == [0, 0, 1])
    #expect(maximiser.meanTruth == 0)
    #expect(maximiser.meanPersuasiveness == 2)
  }

  @Test func honestPersuasionMaximiserKeepsTruth() throws {
    let maximiser = Preset.honestPersuasion.model.rewardMaximiser
    #expect(maximiser.submodule == "A")
    #expect(maximiser.meanTruth == 2)
  }
}
