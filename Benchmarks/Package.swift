// swift-tools-version:6.1
// loupe's micro-benchmarks (package-benchmark). A package of its own so that normal builds and CI
// never build it. Run from this folder: `swift package benchmark`.
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, whatever the checkout is called.
let loupe = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "loupe-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "LoupeBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "LoupeKit", package: loupe),
            ],
            path: "Benchmarks/LoupeBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
