// swift-tools-version:6.0
import PackageDescription

// The scanner and the engine keep their state in structs and unmanaged buffers; the runtime
// exclusivity checks on the few class properties they touch per record cost more than they
// protect (measured when the flag was added).
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "loupe",
    products: [
        .executable(name: "loupe", targets: ["LoupeCLI"]),
        .library(name: "LoupeKit", targets: ["LoupeKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .target(name: "CLoupeSearch"),
        // Names the file whose mapping faulted (SIGBUS: cut short while read) and exits 2.
        .target(name: "CLoupeSignals"),
        .target(name: "LoupeIO", dependencies: ["CLoupeSearch", "CLoupeSignals", "CZlib", "CZstd"]),
        .target(name: "LoupeJSON", dependencies: ["LoupeIO", "CLoupeSearch"], swiftSettings: hotPath),
        .target(name: "LoupeQuery", exclude: ["Parser/Grammar.md"]),
        .target(name: "LoupeEngine", dependencies: ["CPCRE2", "LoupeIO", "LoupeJSON", "LoupeQuery"], swiftSettings: hotPath),
        .target(name: "LoupeTrace", dependencies: ["LoupeIO", "LoupeJSON"]),
        .target(name: "LoupeGate", dependencies: ["LoupeIO", "LoupeJSON", "LoupeQuery", "LoupeEngine", "LoupeTrace"]),
        // Translation of queries to ClickHouse and DuckDB SQL (`loupe sql`, `--engine`).
        .target(name: "LoupeSQL", dependencies: ["LoupeJSON", "LoupeQuery", "LoupeEngine"]),
        .target(name: "LoupeOutput", dependencies: ["LoupeIO", "LoupeJSON", "LoupeEngine", "LoupeTrace", "LoupeGate"]),
        .target(
            name: "LoupeKit",
            dependencies: ["LoupeIO", "LoupeJSON", "LoupeQuery", "LoupeEngine", "LoupeTrace", "LoupeGate", "LoupeOutput", "LoupeSQL"]
        ),
        .executableTarget(
            name: "LoupeCLI",
            dependencies: ["LoupeKit", "LoupeSQL", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // Release builds link the Swift runtime in: loading and relocating its shared
            // libraries took about 4 ms of every run, and loupe's start is what a filter over a
            // small file costs. loupe itself uses no Foundation (ArgumentParser and the gate's
            // baseline use FoundationEssentials), which takes its start from 11-12 to 5-6 ms (`--version`). The -l flags name
            // what the static FoundationEssentials needs and modules compiled against the shared
            // one do not ask for. Debug builds (the tests') stay dynamic, so they link quickly.
            linkerSettings: [
                .unsafeFlags(
                    ["-static-stdlib", "-l_FoundationCollections", "-l_FoundationCShims"],
                    .when(configuration: .release))
            ]
        ),
        // Helpers shared by the test targets: a seeded generator, a byte-array expectation, error cases.
        .target(name: "LoupeTestSupport", dependencies: ["LoupeIO"], path: "Tests/LoupeTestSupport"),
        .testTarget(name: "LoupeIOTests", dependencies: ["LoupeIO", "CLoupeSearch", "CZstd", "LoupeTestSupport"]),
        .testTarget(name: "LoupeJSONTests", dependencies: ["LoupeJSON", "LoupeIO", "LoupeTestSupport"]),
        .testTarget(name: "LoupeQueryTests", dependencies: ["LoupeQuery", "LoupeTestSupport"]),
        .testTarget(name: "LoupeEngineTests", dependencies: ["LoupeEngine", "LoupeJSON", "LoupeQuery", "LoupeTestSupport"]),
        .testTarget(name: "LoupeTraceTests", dependencies: ["LoupeTrace", "LoupeIO", "LoupeJSON", "LoupeTestSupport"]),
        .testTarget(name: "LoupeGateTests", dependencies: ["LoupeGate", "LoupeTestSupport"]),
        .testTarget(name: "LoupeOutputTests", dependencies: ["LoupeOutput", "LoupeTrace", "LoupeIO", "LoupeJSON", "LoupeEngine", "LoupeGate"]),
        .testTarget(name: "LoupeSQLTests", dependencies: ["LoupeSQL", "LoupeQuery"]),
        .testTarget(name: "LoupeEndToEndTests", dependencies: ["LoupeKit", "LoupeEngine", "LoupeSQL", "CZstd", "LoupeTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
