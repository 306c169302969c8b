// swift-tools-version:6.1
//
// libFuzzer target for the model decoder and the analysis path, a package of its own so that the
// main build never sees fuzzer flags. Build and run with Fuzz/run.sh.

import PackageDescription

let package = Package(
  name: "GoodhartFuzz",
  dependencies: [.package(name: "Goodhart", path: "..")],
  targets: [
    .executableTarget(
      name: "ModelFuzzer",
      dependencies: [.product(name: "Goodhart", package: "Goodhart")],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
  ]
)
