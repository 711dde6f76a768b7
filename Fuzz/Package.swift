// swift-tools-version:6.1
// libFuzzer targets for the parsers that read what the outside world sends `digest`: feeds (RSS/Atom and JSON
// Feed), article pages, subscriber CSV files, theme settings, Mustache templates and the delivery ledger's lines.
//
// A package of its own, depending on `digest` by path, so the main build never compiles these. Build and run them
// with `Fuzz/run.sh` (which passes `-sanitize=fuzzer,address`); each target is an executable whose
// `LLVMFuzzerTestOneInput` libFuzzer calls.

import PackageDescription

// SwiftPM names a package found by path after its folder, which for `..` is whatever the clone is called (and
// `fuzz` would clash with this package's own name): `run.sh` links the main package as `.build-fuzz/digest`.
let parsing = Target.Dependency.product(name: "DigestParsing", package: "digest")

let package = Package(
    name: "digest-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: ".build-fuzz/digest")],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver", parsing]),
        .executableTarget(name: "FuzzFeedXML", dependencies: ["FuzzSupport", parsing]),
        .executableTarget(name: "FuzzJSONFeed", dependencies: ["FuzzSupport", parsing]),
        .executableTarget(name: "FuzzHTMLPage", dependencies: ["FuzzSupport", parsing]),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", parsing]),
        .executableTarget(name: "FuzzThemeYAML", dependencies: ["FuzzSupport", parsing]),
        .executableTarget(name: "FuzzMustache", dependencies: ["FuzzSupport", parsing]),
        .executableTarget(name: "FuzzLedger", dependencies: ["FuzzSupport", parsing]),
    ]
)
