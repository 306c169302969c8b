import Foundation

/// What a sweep computes: a model, the axes that move numbers in it, and the quantities recorded
/// at each point of the grid.
///
/// The spec is JSON:
/// ```json
/// {"preset": "cheap-persuasion",
///  "axes": [{"path": "submodules[2].mean", "from": 0.5, "to": 3, "steps": 50},
///           {"path": "submodules[2].sd", "from": 0.25, "to": 2, "steps": 50}],
///  "record": ["goodhart_gap", "best_of_n_mean_truth"],
///  "n": 1000, "beta": 0.1, "heatmap": "goodhart_gap"}
/// ```
/// `model` (a model object) or `preset` (a name) gives the model; `axes` lists 1 to 8 axes,
/// whose paths lead to numbers in the model object (an axis on `weights[i]` rescales the weights
/// no axis moves, in proportion, so that all still sum to 1); `record` lists `SweepQuantity`
/// names.
/// Optional: `n` (> 0, default 1000) for the best-of-n quantities, `beta` (> 0, default 0.1)
/// for the penalised ones, `heatmap` (a numeric recorded quantity, default the first) for the
/// SVG. Unknown keys are errors.
public struct SweepSpec: Sendable {
  /// The most points a grid may have.
  public static let maximumPoints = 1_000_000
  /// The most axes.
  public static let maximumAxes = 8

  /// The model before any axis moves it, as a document.
  let document: JSONValue
  /// The axes, the first varying slowest (row-major order).
  public let axes: [SweepAxis]
  /// The quantities recorded, in column order.
  public let record: [SweepQuantity]
  /// The n of the best-of-n quantities.
  public let n: Double
  /// The β of the penalised quantities.
  public let beta: Double
  /// The quantity the heatmap draws.
  public let heatmap: SweepQuantity?

  /// Reads and validates a spec, including the model at every point of the grid.
  ///
  /// - Parameters:
  ///   - json: the spec's bytes.
  ///   - folder: the spec file's folder, against which an empirical law's `file` in its model is
  ///     read once (the samples then stand inline in `document`); `nil` refuses `file`.
  /// - Throws: `SweepError` naming the spec field (`axes[1].steps`, `record[0]`, `model.weights`),
  ///   or naming the axis whose values make the model invalid at some point.
  public init(json: Data, folder: URL? = nil) throws(SweepError) {
    let root: JSONValue
    do { root = try JSONParser.parse([UInt8](json)) } catch {
      throw SweepError(field: error.field == "model" ? "spec" : error.field, rule: error.rule)
    }
    let object = try SweepSpec.reading { () throws(ModelError) in
      let object = try root.object(at: "spec")
      try JSONValue.rejectUnknownKeys(
        in: object, allowed: ["model", "preset", "axes", "record", "n", "beta", "heatmap"], at: "")
      return object
    }
    document = try SweepSpec.model(in: object, folder: folder)
    let axisValues = try SweepSpec.array("axes", in: object)
    guard (1...SweepSpec.maximumAxes).contains(axisValues.count) else {
      throw SweepError(
        field: "axes", rule: "must list 1 to \(SweepSpec.maximumAxes) axes (got \(axisValues.count))")
    }
    var axes: [SweepAxis] = []
    for (index, value) in axisValues.enumerated() {
      let axis = try SweepSpec.axis(from: value, at: "axes[\(index)]")
      if let earlier = axes.firstIndex(where: { $0.path == axis.path }) {
        throw SweepError(
          field: "axes[\(index)].path", rule: "moves the same number as axes[\(earlier)] (\(axis.path))")
      }
      axes.append(axis)
    }
    self.axes = axes
    let points = axes.reduce(1.0) { $0 * Double($1.steps) }
    guard points <= Double(SweepSpec.maximumPoints) else {
      throw SweepError(
        field: "axes",
        rule: "the grid has \(Int(points)) points; at most \(SweepSpec.maximumPoints) are allowed")
    }
    let recordValues = try SweepSpec.array("record", in: object)
    guard !recordValues.isEmpty else {
      throw SweepError(field: "record", rule: "must name at least one quantity")
    }
    var record: [SweepQuantity] = []
    for (index, value) in recordValues.enumerated() {
      let quantity = try SweepSpec.quantity(value, at: "record[\(index)]")
      guard !record.contains(quantity) else {
        throw SweepError(field: "record[\(index)]", rule: "names \(quantity.rawValue) twice")
      }
      record.append(quantity)
    }
    self.record = record
    n = try SweepSpec.positive("n", in: object, default: 1000)
    beta = try SweepSpec.positive("beta", in: object, default: 0.1)
    if let value = object["heatmap"] {
      let quantity = try SweepSpec.quantity(value, at: "heatmap")
      guard record.contains(quantity), !quantity.isText else {
        throw SweepError(
          field: "heatmap", rule: "must be a numeric quantity named in record (got \(quantity.rawValue))")
      }
      heatmap = quantity
    } else {
      heatmap = record.first { !$0.isText }
    }
    try validateEveryPoint()
  }

  /// The number of grid points.
  public var pointCount: Int { axes.reduce(1) { $0 * $1.steps } }

  /// The axis values at point `index` (row-major: the last axis varies fastest).
  public func coordinates(ofPoint index: Int) -> [Double] {
    var rest = index
    var values = [Double](repeating: 0, count: axes.count)
    for (position, axis) in axes.enumerated().reversed() {
      values[position] = axis.value(at: rest % axis.steps)
      rest /= axis.steps
    }
    return values
  }

  /// The model at point `index`.
  ///
  /// - Throws: `SweepError` naming the axis whose value breaks a model rule there.
  public func model(atPoint index: Int) throws(SweepError) -> Model {
    var edited = document
    let coordinates = coordinates(ofPoint: index)
    var movedWeights: Set<Int> = []
    for (position, axis) in axes.enumerated() {
      edited = try axis.path.setting(coordinates[position], in: edited, field: "axes[\(position)].path")
      if let weight = axis.path.weightIndex { movedWeights.insert(weight) }
    }
    if !movedWeights.isEmpty { edited = SweepSpec.rescalingWeights(of: edited, except: movedWeights) }
    do { return try Model(document: edited) } catch {
      let at = zip(axes, coordinates).map { "\($0.path) = \($1)" }.joined(separator: ", ")
      throw SweepError(
        field: "axes", rule: "at \(at) the model is invalid: \(error.field): \(error.rule)")
    }
  }

  /// The document with the weights not moved by an axis rescaled in proportion so that all sum
  /// to 1 (unchanged when they cannot be: the model's validation then names `weights`).
  private static func rescalingWeights(of document: JSONValue, except moved: Set<Int>) -> JSONValue {
    guard case .object(var object) = document, case .array(var weights)? = object["weights"] else {
      return document
    }
    var movedTotal = 0.0, restTotal = 0.0
    for (index, weight) in weights.enumerated() {
      guard case .number(let value) = weight else { return document }
      if moved.contains(index) { movedTotal += value } else { restTotal += value }
    }
    guard restTotal > 0, movedTotal <= 1 else { return document }
    let factor = (1 - movedTotal) / restTotal
    for index in weights.indices where !moved.contains(index) {
      if case .number(let value) = weights[index] { weights[index] = .number(value * factor) }
    }
    object["weights"] = .array(weights)
    return .object(object)
  }

  /// Builds the model at every point, so a bad range fails before any work; the corners and
  /// every value of each axis are what can break a rule, but every point is cheap to check.
  private func validateEveryPoint() throws(SweepError) {
    for index in 0..<pointCount { _ = try model(atPoint: index) }
  }

  private static func model(in object: [String: JSONValue], folder: URL?) throws(SweepError)
    -> JSONValue
  {
    switch (object["model"], object["preset"]) {
    case (_?, _?):
      throw SweepError(field: "preset", rule: "cannot be given together with model")
    case (nil, nil):
      throw SweepError(field: "model", rule: "is required (or preset)")
    case (let given?, nil):
      do {
        let model = try Model.readingSampleFiles(in: given, folder: folder)
        _ = try Model(document: model)
        return model
      } catch {
        throw SweepError(field: "model.\(error.field)", rule: error.rule)
      }
    case (nil, let name?):
      guard case .string(let text) = name, let preset = Preset(rawValue: text) else {
        let names = Preset.allCases.map(\.rawValue).joined(separator: ", ")
        throw SweepError(field: "preset", rule: "must be one of \(names)")
      }
      return preset.model.document
    }
  }

  /// Runs `body`, which reads the spec with the model document's JSON helpers (`JSONValue`),
  /// and reports their errors as the spec's, at the same JSON path.
  private static func reading<Value>(_ body: () throws(ModelError) -> Value) throws(SweepError)
    -> Value
  {
    do { return try body() } catch { throw SweepError(field: error.field, rule: error.rule) }
  }

  private static func array(_ key: String, in object: [String: JSONValue]) throws(SweepError)
    -> [JSONValue]
  {
    try reading { () throws(ModelError) in try JSONValue.required(key, in: object, at: "").array(at: key) }
  }

  private static func positive(
    _ key: String, in object: [String: JSONValue], default fallback: Double
  ) throws(SweepError) -> Double {
    guard let value = object[key] else { return fallback }
    let number = try reading { () throws(ModelError) in try value.number(at: key) }
    guard number > 0 else {
      throw SweepError(field: key, rule: "must be finite and > 0 (got \(number))")
    }
    return number
  }

  private static func quantity(_ value: JSONValue, at field: String) throws(SweepError)
    -> SweepQuantity
  {
    guard case .string(let name) = value, let quantity = SweepQuantity(rawValue: name) else {
      let names = SweepQuantity.allCases.map(\.rawValue).joined(separator: ", ")
      throw SweepError(field: field, rule: "must be one of \(names)")
    }
    return quantity
  }

  private static func axis(from value: JSONValue, at field: String) throws(SweepError) -> SweepAxis {
    let (text, from, steps, to) = try reading { () throws(ModelError) in
      let object = try value.object(at: field)
      try JSONValue.rejectUnknownKeys(in: object, allowed: ["path", "from", "to", "steps"], at: field)
      let from = try JSONValue.required("from", in: object, at: field).number(at: "\(field).from")
      let text = try JSONValue.required("path", in: object, at: field).string(at: "\(field).path")
      let steps = try JSONValue.required("steps", in: object, at: field).number(at: "\(field).steps")
      let to = try JSONValue.required("to", in: object, at: field).number(at: "\(field).to")
      return (text, from, steps, to)
    }
    guard steps == steps.rounded(), abs(steps) <= Double(SweepAxis.maximumSteps) else {
      throw SweepError(
        field: "\(field).steps",
        rule: "must be an integer in 1...\(SweepAxis.maximumSteps) (got \(steps))")
    }
    return try SweepAxis(
      path: try ModelPath(text, field: "\(field).path"), from: from, to: to, steps: Int(steps),
      field: field)
  }
}
