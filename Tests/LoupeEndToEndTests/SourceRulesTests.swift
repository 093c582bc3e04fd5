import Foundation
import Testing

/// Rules on loupe's sources that no compiler checks, each learnt from a cost (docs/DEVELOPMENT.md).
struct SourceRulesTests {
    /// Each Swift file under `Sources/`, by its path there, with its lines.
    static func sources() throws -> [(file: String, lines: [Substring])] {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        return try files.map { file in
            (file, try String(contentsOfFile: root.appendingPathComponent(file).path, encoding: .utf8).split(separator: "\n"))
        }
    }

    /// No Foundation: it doubled the start of every run, and the release binary's size, for a
    /// few types that pthreads and `posix_spawn` give as well ("Start-up").
    /// `FoundationEssentials` is allowed where its `JSONDecoder` is needed.
    @Test func noFoundation() throws {
        let sources = try Self.sources()
        #expect(sources.count > 100)
        for (file, lines) in sources {
            for line in lines where line.hasPrefix("import Foundation") || line.contains(" import Foundation") {
                #expect(line.hasPrefix("import FoundationEssentials"), "\(file): \(line)")
            }
        }
    }

    /// No Synchronization `Mutex`: ThreadSanitizer cannot see its lock on Linux and reports every
    /// access it guards as a race (CI failed on it); `Locked` and `Condition` are pthreads.
    @Test func noMutex() throws {
        for (file, lines) in try Self.sources() {
            for line in lines where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                #expect(!line.contains("Mutex<") && !line.contains("Mutex("), "\(file): \(line)")
            }
        }
    }
}
