import Foundation
import Testing

/// loupe's sources import no Foundation: it doubled the start of every run (and the release
/// binary's size) for a few types that pthreads and `posix_spawn` give as well (docs/DEVELOPMENT.md,
/// "Start-up"). `FoundationEssentials` is allowed where its `JSONDecoder` is needed.
struct NoFoundationTests {
    @Test func sourcesDoNotImportFoundation() throws {
        let sources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100)
        for file in files {
            let text = try String(contentsOfFile: sources.appendingPathComponent(file).path, encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("import Foundation") || line.contains(" import Foundation") {
                #expect(line.hasPrefix("import FoundationEssentials"), "\(file): \(line)")
            }
        }
    }
}
