// swift-tools-version:6.0
// loupe's libFuzzer targets: one executable per parser of untrusted input. A package of its own
// (like Benchmarks/) so that normal builds and CI never build it. Build and run with `./run.sh`,
// which passes `-sanitize=fuzzer,address` and `-parse-as-library`; see README.md.
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, whatever the checkout is called.
let loupe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

/// The fuzz targets: name, folder under Sources/, and the loupe modules each one reaches.
/// The modules' types have `package` access; a debug build compiles them with testing enabled,
/// so the targets see them through `@testable import`.
let targets: [(name: String, folder: String)] = [
    ("fuzz-json-scanner", "JSONScannerFuzz"),
    ("fuzz-json-reader", "JSONReaderFuzz"),
    ("fuzz-query", "QueryFuzz"),
    ("fuzz-otlp", "OTLPFuzz"),
    ("fuzz-otlp-lines", "OTLPLinesFuzz"),
    ("fuzz-jaeger", "JaegerFuzz"),
    ("fuzz-zipkin", "ZipkinFuzz"),
    ("fuzz-otel-console", "OTelConsoleFuzz"),
    ("fuzz-timestamp", "TimestampFuzz"),
    ("fuzz-compression", "CompressionFuzz"),
]

let package = Package(
    name: "loupe-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "LoupeKit", package: loupe)],
            path: "Sources/FuzzSupport"
        )
    ]
        + targets.map { target in
            .executableTarget(
                name: target.name,
                dependencies: ["FuzzSupport", .product(name: "LoupeKit", package: loupe)],
                path: "Sources/" + target.folder
            )
        },
    swiftLanguageModes: [.v6]
)
