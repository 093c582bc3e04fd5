import Foundation
import Testing

@testable import LoupeEngine

/// docs/GUIDE.md names every candidate field and level name of the tables (`--help-query` is
/// written from the tables themselves), so the guide cannot fall behind them.
@Suite("Well-known fields in the guide")
struct WellKnownDocsTests {
    static let guide: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/GUIDE.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    static let candidates =
        WellKnownFields.level.map(\.path) + WellKnownFields.time.map(\.path) + WellKnownFields.message
        + [WellKnownFields.clefTime] + WellKnownFields.clefMessages

    @Test(arguments: candidates)
    func guideNamesTheCandidate(_ path: String) {
        #expect(Self.guide.contains("`\(path)`"))
    }

    @Test func referenceNamesEveryCandidateAndLevelName() {
        let reference = WellKnownFields.reference
        for path in Self.candidates { #expect(reference.contains(path), "\(path)") }
        for name in LogLevel.names.keys { #expect(reference.contains(name), "\(name)") }
    }
}
