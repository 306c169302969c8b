import Foundation

extension Model {
  /// Decodes and validates a model file (the contract's JSON format).
  ///
  /// Every field is checked: unknown keys are errors (a typo must not silently become a default),
  /// numbers must be finite, `sd`/`scale` > 0, names non-empty and unique, weights on the simplex.
  /// A Gaussian submodule has `mean` and `sd`; any submodule may instead have a
  /// `distribution` object `{"family", "location", "scale", "dof"}`. An optional top-level
  /// `"composition"` is `"sum"` (the default) or `"mixture"`.
  ///
  /// - Parameters:
  ///   - json: the UTF-8 bytes of the file.
  ///   - folder: the folder against which an empirical law's `file` is read; `nil` (a model
  ///     that did not come from a file, or from the explorer) refuses `file`.
  /// - Throws: `ModelError` whose `field` is the JSON path of the offending value (`model` for a
  ///   file that is not JSON at all).
  public init(json: Data, folder: URL? = nil) throws(ModelError) {
    let bytes = [UInt8](json)
    guard String(validating: bytes, as: UTF8.self) != nil else {
      throw ModelError(field: "model", rule: "is not valid UTF-8")
    }
    let document = try JSONParser.parse(bytes)
    try self.init(document: try Model.readingSampleFiles(in: document, folder: folder))
  }

  /// The model as a model file (compact JSON, sorted keys): `Model(json: model.json)` gives an
  /// equal model back, doubles exactly. Normal submodules are written with `mean` and `sd`, others
  /// with a `distribution` object.
  public var json: Data { Data(document.text.utf8) }

  /// Validates a parsed model document (the body of `init(json:)`; a sweep edits a document and
  /// validates each edited copy here).
  ///
  /// - Throws: `ModelError` whose `field` is the JSON path of the offending value.
  init(document root: JSONValue) throws(ModelError) {
    let object = try root.object(at: "model")
    try JSONValue.rejectUnknownKeys(in: object, allowed: ["submodules", "weights", "composition"], at: "")
    let submoduleValues = try JSONValue.required("submodules", in: object, at: "").array(
      at: "submodules")
    guard submoduleValues.count <= Model.maximumSubmoduleCount else {
      throw ModelError(
        field: "submodules",
        rule: "must hold at most \(Model.maximumSubmoduleCount) submodules (got \(submoduleValues.count))")
    }
    var submodules: [Submodule] = []
    for (index, value) in submoduleValues.enumerated() {
      submodules.append(try Model.submodule(from: value, at: "submodules[\(index)]"))
    }
    let weightValues = try JSONValue.required("weights", in: object, at: "").array(at: "weights")
    var weights: [Double] = []
    for (index, value) in weightValues.enumerated() {
      weights.append(try value.number(at: "weights[\(index)]"))
    }
    var composition = Composition.sum
    if let value = object["composition"] {
      let name = try value.string(at: "composition")
      guard let chosen = Composition(rawValue: name) else {
        let names = Composition.allCases.map(\.rawValue).joined(separator: ", ")
        throw ModelError(field: "composition", rule: "must be one of \(names) (got \"\(name)\")")
      }
      composition = chosen
    }
    try self.init(submodules: submodules, weights: weights, composition: composition)
  }

  private static func submodule(from value: JSONValue, at path: String) throws(ModelError)
    -> Submodule
  {
    let object = try value.object(at: path)
    let hasDistribution = object["distribution"] != nil
    let allowed: Set<String> =
      hasDistribution
      ? ["name", "distribution", "truth", "persuasion"]
      : ["name", "mean", "sd", "truth", "persuasion"]
    if hasDistribution, let clash = ["mean", "sd"].first(where: { object[$0] != nil }) {
      throw ModelError(
        field: "\(path).\(clash)", rule: "cannot be given together with \"distribution\"")
    }
    try JSONValue.rejectUnknownKeys(in: object, allowed: allowed, at: path)
    let name = try JSONValue.required("name", in: object, at: path).string(at: "\(path).name")
    let truth = try JSONValue.required("truth", in: object, at: path).number(at: "\(path).truth")
    let persuasion = try JSONValue.required("persuasion", in: object, at: path).number(
      at: "\(path).persuasion")
    let distribution: Distribution
    if let law = object["distribution"] {
      distribution = try Model.distribution(from: law, at: "\(path).distribution")
    } else {
      let mean = try JSONValue.required("mean", in: object, at: path).number(at: "\(path).mean")
      let sd = try JSONValue.required("sd", in: object, at: path).number(at: "\(path).sd")
      guard mean.isFinite else {
        throw ModelError(field: "\(path).mean", rule: "must be finite (got \(mean))")
      }
      guard sd.isFinite, sd > 0 else {
        throw ModelError(field: "\(path).sd", rule: "must be finite and > 0 (got \(sd))")
      }
      distribution = try Distribution(family: .normal, location: mean, scale: sd, field: path)
    }
    do {
      return try Submodule(
        name: name, distribution: distribution, truth: truth, persuasion: persuasion)
    } catch {
      throw ModelError(field: "\(path).\(error.field)", rule: error.rule)
    }
  }

  private static func distribution(from value: JSONValue, at path: String) throws(ModelError)
    -> Distribution
  {
    let object = try value.object(at: path)
    let parameterKeys = ["dof", "sigma", "alpha", "shape"]
    try JSONValue.rejectUnknownKeys(
      in: object,
      allowed: Set(["family", "location", "scale", "orientation", "samples", "file"] + parameterKeys),
      at: path)
    let familyName = try JSONValue.required("family", in: object, at: path).string(
      at: "\(path).family")
    let isEmpirical = familyName == "empirical"
    if object["file"] != nil {
      throw ModelError(
        field: "\(path).file",
        rule: isEmpirical
          ? "names a file, which is read only for a model given by its path (not from standard input or the explorer): give the samples inline as \"samples\""
          : "is only allowed for the empirical family (got \(familyName))")
    }
    if !isEmpirical, object["samples"] != nil {
      throw ModelError(
        field: "\(path).samples", rule: "is only allowed for the empirical family (got \(familyName))")
    }
    // An empirical law is in the samples' own units unless moved: location 0 and scale 1.
    let location = try (isEmpirical ? object["location"] : JSONValue.required("location", in: object, at: path))
      .map { value throws(ModelError) in try value.number(at: "\(path).location") } ?? 0
    let scale = try (isEmpirical ? object["scale"] : JSONValue.required("scale", in: object, at: path))
      .map { value throws(ModelError) in try value.number(at: "\(path).scale") } ?? 1
    var parameters: [String: Double] = [:]
    for key in parameterKeys {
      if let value = object[key] { parameters[key] = try value.number(at: "\(path).\(key)") }
    }
    let orientation = try object["orientation"].map { value throws(ModelError) in
      let name = try value.string(at: "\(path).orientation")
      guard let side = Distribution.Orientation(rawValue: name) else {
        throw ModelError(
          field: "\(path).orientation", rule: "must be \"right\" or \"left\" (got \"\(name)\")")
      }
      return side
    }
    let family: Distribution.Family
    if isEmpirical {
      if let key = parameters.keys.sorted().first {
        throw ModelError(
          field: "\(path).\(key)", rule: "is not a parameter of the empirical family (its samples are)")
      }
      let values = try JSONValue.required("samples", in: object, at: path).array(at: "\(path).samples")
      var samples: [Double] = []
      samples.reserveCapacity(values.count)
      for (index, value) in values.enumerated() {
        samples.append(try value.number(at: "\(path).samples[\(index)]"))
      }
      family = .empirical(
        try EmpiricalLaw(samples: samples, field: "\(path).samples"), orientation: orientation ?? .right)
    } else {
      family = try Distribution.Family.named(
        familyName, parameters: parameters, orientation: orientation, field: path)
    }
    return try Distribution(family: family, location: location, scale: scale, field: path)
  }
}
