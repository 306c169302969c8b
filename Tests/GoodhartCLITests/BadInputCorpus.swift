import Foundation

/// One bad input: the arguments, what standard input carries, and a word the error must contain
/// (the flag or field it names).
struct BadInput: CustomTestStringConvertible, Sendable {
  let name: String
  let arguments: [String]
  let standardInput: String?
  let mustName: String

  var testDescription: String { name }

  /// `goodhart <command> --model - ...` fed `model` on standard input.
  static func model(_ name: String, _ model: String, mustName: String, command: String = "analyze")
    -> BadInput
  {
    BadInput(name: name, arguments: [command, "--model", "-"], standardInput: model, mustName: mustName)
  }

  /// `goodhart <arguments>` with nothing on standard input.
  static func flags(_ name: String, _ arguments: [String], mustName: String) -> BadInput {
    BadInput(name: name, arguments: arguments, standardInput: nil, mustName: mustName)
  }
}

import Testing

/// The corpus: malformed and truncated JSON, wrong types, unknown and missing keys, numbers out of
/// range, NaN and infinities, bad laws and weights, empty and enormous models, and bad flags for
/// every command.
enum BadInputCorpus {
  static let good = #"{"name":"A","mean":1,"sd":1,"truth":1,"persuasion":1}"#

  static func submodules(_ items: String, weights: String) -> String {
    #"{"submodules":[\#(items)],"weights":\#(weights)}"#
  }

  static let models: [BadInput] = [
    .model("truncated JSON", #"{"submodules":[{"name":"A""#, mustName: "model"),
    .model("not JSON", "hello", mustName: "model"),
    .model("empty standard input", "", mustName: "--model"),
    .model("whitespace only", "  \n ", mustName: "model"),
    .model("top-level array", "[1, 2]", mustName: "model"),
    .model("top-level number", "3", mustName: "model"),
    .model("trailing garbage", submodules(good, weights: "[1]") + " }", mustName: "model"),
    .model("trailing comma", #"{"submodules":[\#(good),],"weights":[1]}"#, mustName: "model"),
    .model("single quotes", "{'submodules': []}", mustName: "model"),
    .model("NaN literal", submodules(#"{"name":"A","mean":NaN,"sd":1,"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "model"),
    .model("Infinity literal", submodules(#"{"name":"A","mean":1,"sd":Infinity,"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "model"),
    .model("mean 1e400", submodules(#"{"name":"A","mean":1e400,"sd":1,"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].mean"),
    .model("truth -1e999", submodules(#"{"name":"A","mean":1,"sd":1,"truth":-1e999,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].truth"),
    .model("weight 1e400", submodules(good, weights: "[1e400]"), mustName: "weights[0]"),
    .model("sd zero", submodules(#"{"name":"A","mean":1,"sd":0,"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].sd"),
    .model("sd negative", submodules(#"{"name":"A","mean":1,"sd":-2,"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].sd"),
    .model("sd a string", submodules(#"{"name":"A","mean":1,"sd":"1","truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].sd"),
    .model("mean null", submodules(#"{"name":"A","mean":null,"sd":1,"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].mean"),
    .model("name empty", submodules(#"{"name":"","mean":1,"sd":1,"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].name"),
    .model("name a number", submodules(#"{"name":7,"mean":1,"sd":1,"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].name"),
    .model("duplicate names", submodules(good + "," + good, weights: "[0.5,0.5]"), mustName: "submodules[1].name"),
    .model("duplicate key", submodules(#"{"name":"A","mean":1,"mean":2,"sd":1,"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].mean"),
    .model("unknown submodule key", submodules(#"{"name":"A","mean":1,"sd":1,"truth":1,"persuasion":1,"colour":"red"}"#, weights: "[1]"), mustName: "submodules[0].colour"),
    .model("typo in key", submodules(#"{"name":"A","mean":1,"sd":1,"truht":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].truht"),
    .model("unknown top-level key", #"{"submodules":[\#(good)],"weights":[1],"seed":3}"#, mustName: "seed"),
    .model("missing persuasion", submodules(#"{"name":"A","mean":1,"sd":1,"truth":1}"#, weights: "[1]"), mustName: "submodules[0].persuasion"),
    .model("missing weights", #"{"submodules":[\#(good)]}"#, mustName: "weights"),
    .model("missing submodules", #"{"weights":[1]}"#, mustName: "submodules"),
    .model("submodules not an array", #"{"submodules":{},"weights":[1]}"#, mustName: "submodules"),
    .model("no submodules", submodules("", weights: "[]"), mustName: "submodules"),
    .model("1001 submodules", submodules(
      (0..<1001).map { #"{"name":"S\#($0)","mean":1,"sd":1,"truth":1,"persuasion":1}"# }.joined(separator: ","),
      weights: "[" + Array(repeating: "0", count: 1000).joined(separator: ",") + ",1]"), mustName: "submodules"),
    .model("weights sum to 0.9", submodules(good + #",{"name":"B","mean":1,"sd":1,"truth":1,"persuasion":0}"#, weights: "[0.4,0.5]"), mustName: "weights"),
    .model("negative weight", submodules(good + #",{"name":"B","mean":1,"sd":1,"truth":1,"persuasion":0}"#, weights: "[1.5,-0.5]"), mustName: "weights[1]"),
    .model("too few weights", submodules(good + #",{"name":"B","mean":1,"sd":1,"truth":1,"persuasion":0}"#, weights: "[1]"), mustName: "weights"),
    .model("weight a boolean", submodules(good, weights: "[true]"), mustName: "weights[0]"),
    .model("weights a number", submodules(good, weights: "1"), mustName: "weights"),
    .model("unknown family", submodules(#"{"name":"A","distribution":{"family":"pareto","location":0,"scale":1},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].distribution.family"),
    .model("student_t without dof", submodules(#"{"name":"A","distribution":{"family":"student_t","location":0,"scale":1},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].distribution.dof"),
    .model("student_t dof zero", submodules(#"{"name":"A","distribution":{"family":"student_t","location":0,"scale":1,"dof":0},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].distribution.dof"),
    .model("dof on laplace", submodules(#"{"name":"A","distribution":{"family":"laplace","location":0,"scale":1,"dof":3},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].distribution.dof"),
    .model("scale negative", submodules(#"{"name":"A","distribution":{"family":"logistic","location":0,"scale":-1},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].distribution.scale"),
    .model("mean beside distribution", submodules(#"{"name":"A","mean":1,"distribution":{"family":"normal","location":0,"scale":1},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].mean"),
    .model("invalid escape", submodules(#"{"name":"A\q","mean":1,"sd":1,"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "model"),
    .model("deeply nested", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), mustName: "model"),
  ]
}
