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
    .model("skewed law without its parameter", submodules(#"{"name":"A","distribution":{"family":"pareto","location":0,"scale":1},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].distribution.alpha"),
    .model("bad orientation", submodules(#"{"name":"A","distribution":{"family":"gumbel","location":0,"scale":1,"orientation":"down"},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].distribution.orientation"),
    .model("unknown family", submodules(#"{"name":"A","distribution":{"family":"gamma","location":0,"scale":1},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].distribution.family"),
    .model("student_t without dof", submodules(#"{"name":"A","distribution":{"family":"student_t","location":0,"scale":1},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].distribution.dof"),
    .model("student_t dof zero", submodules(#"{"name":"A","distribution":{"family":"student_t","location":0,"scale":1,"dof":0},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].distribution.dof"),
    .model("dof on laplace", submodules(#"{"name":"A","distribution":{"family":"laplace","location":0,"scale":1,"dof":3},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].distribution.dof"),
    .model("scale negative", submodules(#"{"name":"A","distribution":{"family":"logistic","location":0,"scale":-1},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].distribution.scale"),
    .model("mean beside distribution", submodules(#"{"name":"A","mean":1,"distribution":{"family":"normal","location":0,"scale":1},"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "submodules[0].mean"),
    .model("invalid escape", submodules(#"{"name":"A\q","mean":1,"sd":1,"truth":1,"persuasion":1}"#, weights: "[1]"), mustName: "model"),
    .model("deeply nested", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), mustName: "model"),
  ]

  /// A model whose persuasiveness is constant (every weight on B, which persuades nobody).
  static let zeroVariance = submodules(
    #"{"name":"A","mean":1,"sd":1,"truth":1,"persuasion":1},{"name":"B","mean":1,"sd":1,"truth":1,"persuasion":0}"#,
    weights: "[0,1]")

  static let flags: [BadInput] = [
    // analyze
    .flags("analyze --best-of 0", ["analyze", "--best-of", "0"], mustName: "--best-of"),
    .flags("analyze --best-of 1e16", ["analyze", "--best-of", "1e16"], mustName: "--best-of"),
    .flags("analyze --best-of 2.5", ["analyze", "--best-of", "2.5"], mustName: "--best-of"),
    .flags("analyze --quantile 0", ["analyze", "--quantile", "0"], mustName: "--quantile"),
    .flags("analyze --quantile 1.0001", ["analyze", "--quantile", "1.0001"], mustName: "--quantile"),
    .flags("analyze --quantile -0.5", ["analyze", "--quantile", "-0.5"], mustName: "--quantile"),
    .flags("analyze --kl 0", ["analyze", "--kl", "0"], mustName: "--kl"),
    .flags("analyze --kl -1", ["analyze", "--kl", "-1"], mustName: "--kl"),
    .flags("analyze --kl inf", ["analyze", "--kl", "inf"], mustName: "--kl"),
    .flags("analyze --threshold nan", ["analyze", "--threshold", "nan"], mustName: "--threshold"),
    .flags("analyze --threshold 1e400", ["analyze", "--threshold", "1e400"], mustName: "--threshold"),
    .flags("analyze --condition -inf", ["analyze", "--condition", "-inf"], mustName: "--condition"),
    .flags("analyze --condition without value", ["analyze", "--condition"], mustName: "--condition"),
    .flags("analyze --format svg", ["analyze", "--format", "svg"], mustName: "--format"),
    .flags("analyze --preset unknown", ["analyze", "--preset", "cheap"], mustName: "--preset"),
    .flags("analyze --model and --preset", ["analyze", "--model", "-", "--preset", "cheap-persuasion"], mustName: "--preset"),
    .flags("analyze --model missing file", ["analyze", "--model", "/nonexistent/model.json"], mustName: "--model"),
    .flags("analyze --model a directory", ["analyze", "--model", "/tmp"], mustName: "--model"),
    .model("analyze zero-variance P", zeroVariance + "", mustName: "--best-of").with(["--best-of", "4"]),
    // optimize
    .flags("optimize --beta -1", ["optimize", "--beta", "-1"], mustName: "--beta"),
    .flags("optimize --beta nan", ["optimize", "--beta", "nan"], mustName: "--beta"),
    .flags("optimize --beta inf", ["optimize", "--beta", "inf"], mustName: "--beta"),
    .flags("optimize --method sgd", ["optimize", "--method", "sgd"], mustName: "--method"),
    .flags("optimize --steps 0", ["optimize", "--steps", "0"], mustName: "--steps"),
    .flags("optimize --steps 1e400", ["optimize", "--steps", "1e400"], mustName: "--steps"),
    .flags("optimize --batch 1", ["optimize", "--batch", "1"], mustName: "--batch"),
    .flags("optimize --learning-rate 0", ["optimize", "--learning-rate", "0"], mustName: "--learning-rate"),
    .flags("optimize --learning-rate -inf", ["optimize", "--learning-rate", "-inf"], mustName: "--learning-rate"),
    .flags("optimize --seed -1", ["optimize", "--seed", "-1"], mustName: "--seed"),
    .flags("optimize --log-every 0", ["optimize", "--log-every", "0"], mustName: "--log-every"),
    .model("optimize beta > 0 on a degenerate base law", zeroVariance, mustName: "weights", command: "optimize").with(["--beta", "1"]),
    // simulate
    .flags("simulate --samples 0", ["simulate", "--samples", "0"], mustName: "--samples"),
    .flags("simulate --samples -5", ["simulate", "--samples", "-5"], mustName: "--samples"),
    .flags("simulate --samples 1e30", ["simulate", "--samples", "1e30"], mustName: "--samples"),
    .flags("simulate --seed abc", ["simulate", "--seed", "abc"], mustName: "--seed"),
    .flags("simulate --threads 0", ["simulate", "--threads", "0"], mustName: "--threads"),
    .flags("simulate --threads 100000", ["simulate", "--threads", "100000"], mustName: "--threads"),
    .flags("simulate --best-of 0", ["simulate", "--best-of", "0"], mustName: "--best-of"),
    .flags("simulate --trials 1", ["simulate", "--best-of", "4", "--trials", "1"], mustName: "--trials"),
    .flags("simulate --threshold nan", ["simulate", "--threshold", "nan"], mustName: "--threshold"),
    .flags("simulate --format csv", ["simulate", "--format", "csv"], mustName: "--format"),
    // compare
    .flags("compare --beta -2", ["compare", "--beta", "-2"], mustName: "--beta"),
    .flags("compare --beta nan", ["compare", "--beta", "nan"], mustName: "--beta"),
    .flags("compare --format csv", ["compare", "--format", "csv"], mustName: "--format"),
    .model("compare with unknown key", #"{"submodules":[],"weights":[],"beta":1}"#, mustName: "beta", command: "compare"),
    // frontier
    .flags("frontier --points 0", ["frontier", "--points", "0"], mustName: "--points"),
    .flags("frontier --points 1e8", ["frontier", "--points", "1e8"], mustName: "--points"),
    .flags("frontier --max-kl -1", ["frontier", "--max-kl", "-1"], mustName: "--max-kl"),
    .flags("frontier --max-kl nan", ["frontier", "--max-kl", "nan"], mustName: "--max-kl"),
    .flags("frontier --format xml", ["frontier", "--format", "xml"], mustName: "--format"),
    .flags("frontier --output into a missing folder", ["frontier", "--format", "csv", "--output", "/nonexistent/dir/f.csv"], mustName: "--output"),
    // sweep
    .spec("sweep spec not JSON", "[1", mustName: "--spec"),
    .spec("sweep spec empty", "", mustName: "--spec"),
    .spec("sweep spec without axes", #"{"preset": "cheap-persuasion", "record": ["goodhart_gap"]}"#, mustName: "axes"),
    .spec("sweep axis path outside the model", sweepSpec(path: "submodules[7].mean"), mustName: "axes[0].path"),
    .spec("sweep axis path to a name", sweepSpec(path: "submodules[0].name"), mustName: "axes[0].path"),
    .spec("sweep axis making sd negative", sweepSpec(path: "submodules[0].sd", from: "-1"), mustName: "axes"),
    .spec("sweep steps 0", sweepSpec(steps: "0"), mustName: "axes[0].steps"),
    .spec("sweep steps 1e12", sweepSpec(steps: "1e12"), mustName: "axes[0].steps"),
    .spec("sweep from 1e400", sweepSpec(from: "1e400"), mustName: "axes[0].from"),
    .spec("sweep unknown quantity", #"{"preset": "cheap-persuasion", "axes": [{"path": "submodules[2].mean", "from": 0, "to": 1, "steps": 2}], "record": ["gap"]}"#, mustName: "record[0]"),
    .spec("sweep grid too large", #"{"preset": "cheap-persuasion", "axes": [{"path": "submodules[2].mean", "from": 0, "to": 1, "steps": 10000}, {"path": "submodules[1].mean", "from": 0, "to": 1, "steps": 10000}], "record": ["goodhart_gap"]}"#, mustName: "axes"),
    .flags("sweep --shard 0/3", ["sweep", "--spec", "-", "--shard", "0/3"], mustName: "--shard"),
    .flags("sweep --shard 3", ["sweep", "--spec", "-", "--shard", "3"], mustName: "--shard"),
    .flags("sweep --format json", ["sweep", "--spec", "-", "--format", "json"], mustName: "--format"),
    .flags("sweep --spec missing file", ["sweep", "--spec", "/nonexistent/spec.json"], mustName: "--spec"),
    .flags("sweep without --spec", ["sweep"], mustName: "--spec"),
    // the root
    .flags("explore --port too large", ["explore", "--port", "70000"], mustName: "--port"),
    .flags("explore --port negative", ["explore", "--port", "-1"], mustName: "--port"),
    .flags("explore --port not a number", ["explore", "--port", "http"], mustName: "--port"),
    .flags("explore --time-limit zero", ["explore", "--time-limit", "0"], mustName: "--time-limit"),
    .flags("explore --time-limit nan", ["explore", "--time-limit", "nan"], mustName: "--time-limit"),
    .flags("explore --host empty", ["explore", "--host", ""], mustName: "--host"),
    .flags("explore --host unresolvable", ["explore", "--host", "no.such.host.invalid", "--port", "0"], mustName: "--host"),
    .flags("unknown subcommand", ["nonsense"], mustName: "nonsense"),
    .flags("unknown flag", ["analyze", "--bogus"], mustName: "--bogus"),
  ]
}

extension BadInputCorpus {
  /// A one-axis sweep spec on cheap-persuasion with the given axis fields.
  static func sweepSpec(
    path: String = "submodules[2].mean", from: String = "0", steps: String = "3"
  ) -> String {
    #"{"preset": "cheap-persuasion", "axes": [{"path": "\#(path)", "from": \#(from), "to": 1, "steps": \#(steps)}], "record": ["goodhart_gap"]}"#
  }
}

extension BadInput {
  /// `goodhart sweep --spec -` fed `spec` on standard input.
  static func spec(_ name: String, _ spec: String, mustName: String) -> BadInput {
    BadInput(name: name, arguments: ["sweep", "--spec", "-"], standardInput: spec, mustName: mustName)
  }


  /// The same input with more arguments.
  func with(_ more: [String]) -> BadInput {
    BadInput(name: name, arguments: arguments + more, standardInput: standardInput, mustName: mustName)
  }
}
