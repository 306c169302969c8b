extension Model {
  /// The model as a JSON document in the contract's format (`init(document:)` reads it back to
  /// an equal model): normal submodules with `mean` and `sd`, others with a `distribution`
  /// object. A sweep starts from this document when its spec names a preset.
  var document: JSONValue {
    let submoduleValues: [JSONValue] = submodules.map { submodule in
      var object: [String: JSONValue] = [
        "name": .string(submodule.name),
        "truth": .number(submodule.truth),
        "persuasion": .number(submodule.persuasion),
      ]
      let law = submodule.distribution
      if law.isGaussian {
        object["mean"] = .number(law.location)
        object["sd"] = .number(law.scale)
      } else {
        var distribution: [String: JSONValue] = [
          "family": .string(law.family.name),
          "location": .number(law.location),
          "scale": .number(law.scale),
        ]
        if let (key, value) = law.family.parameter { distribution[key] = .number(value) }
        if let side = law.family.orientation { distribution["orientation"] = .string(side.rawValue) }
        if case .empirical(let samples, _) = law.family {
          distribution["samples"] = .array(samples.samples.map(JSONValue.number))
        }
        object["distribution"] = .object(distribution)
      }
      return .object(object)
    }
    return .object([
      "submodules": .array(submoduleValues),
      "weights": .array(weights.map(JSONValue.number)),
      "composition": .string(composition.rawValue),
    ])
  }
}
