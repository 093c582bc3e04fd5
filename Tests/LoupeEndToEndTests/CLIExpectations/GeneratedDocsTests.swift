import Foundation
import Testing

/// The shell completions and the man page are generated from the argument parser and checked
/// in; these tests fail when they no longer match it (fix: `scripts/generate-docs`).
@Suite("Generated completions and man page")
struct GeneratedDocsTests {
    static let completions: [(shell: String, file: String)] = [("bash", "loupe.bash"), ("zsh", "_loupe"), ("fish", "loupe.fish")]

    @Test(arguments: completions.map(\.shell))
    func completionScriptsAreUpToDate(_ shell: String) throws {
        let file = Self.completions.first { $0.shell == shell }!.file
        let generated = try CLIHarness.run(["--generate-completion-script", shell])
        #expect(generated.status == 0)
        let checkedIn = try String(contentsOf: CLIHarness.repositoryRoot.appendingPathComponent("completions/\(file)"), encoding: .utf8)
        let difference = CLIHarness.firstDifference(checkedIn, generated.stdoutText)
        #expect(difference == nil, "completions/\(file) is out of date (run scripts/generate-docs): \(difference ?? "")")
    }

    /// The completions offer the values the options take.
    @Test func completionsOfferOptionValues() throws {
        let bash = try String(contentsOf: CLIHarness.repositoryRoot.appendingPathComponent("completions/loupe.bash"), encoding: .utf8)
        for word in ["--follow", "--since", "--stats", "always", "never", "markdown", "jsonl"] {
            #expect(bash.contains(word), "bash completion lacks \(word)")
        }
    }

    /// Byte for byte with the plugin's generator when it has been built (by
    /// `scripts/generate-docs` or `swift package plugin generate-manual`).
    @Test func manPageMatchesTheGeneratorWhenBuilt() throws {
        let tool = CLIHarness.productsDirectory.appendingPathComponent("generate-manual-tool").path
        guard FileManager.default.isExecutableFile(atPath: tool) else { return }
        let page = try Self.checkedInPage()
        let date = try #require(Self.pageDate(page))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [CLIHarness.binary, "--date", date, "--output-directory", "-"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var generated = String(decoding: data, as: UTF8.self)
        // Printed to standard output, the page gains a final newline the file does not have.
        if generated.hasSuffix("\n") && !page.hasSuffix("\n") { generated.removeLast() }
        let difference = CLIHarness.firstDifference(page, generated)
        #expect(difference == nil, "docs/loupe.1 is out of date (run scripts/generate-docs): \(difference ?? "")")
    }

    /// Without the generator (a fresh checkout): every command, option and help text the
    /// parser describes is in the page, under its names.
    @Test func manPageHoldsEveryOptionOfTheParser() throws {
        let page = try Self.checkedInPage()
        let lines = Set(page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        let dump = try CLIHarness.run(["--experimental-dump-help"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout)) as? [String: Any])
        var commands = [try #require(json["command"] as? [String: Any])]
        var checked = 0
        while let command = commands.popLast() {
            commands += command["subcommands"] as? [[String: Any]] ?? []
            let name = command["commandName"] as? String ?? "?"
            if let abstract = command["abstract"] as? String {
                #expect(page.contains(abstract), "the page lacks the abstract of \(name)")
            }
            for line in (command["discussion"] as? String ?? "").split(separator: "\n") {
                let present = lines.contains(Self.mdoc(String(line))) || lines.contains("\\&" + Self.mdoc(String(line)))
                #expect(present, "the page lacks '\(line)' of \(name)'s discussion")
            }
            for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["shouldDisplay"] as? Bool ?? true {
                let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                let items = lines.filter { $0.hasPrefix(".It ") }
                for long in names where long.count > 1 {
                    let present = items.contains { $0.contains("-\(long)") }
                    #expect(present, "the page lacks --\(long) of \(name)")
                }
                if let abstract = argument["abstract"] as? String, !abstract.isEmpty {
                    let present = lines.contains(Self.mdoc(abstract))
                    #expect(present, "the page lacks '\(abstract)' (\(names.first ?? "an argument") of \(name))")
                }
                checked += 1
            }
        }
        #expect(checked > 20)
    }

    /// A text line as mdoc writes it: a backslash is `\e` (the generator's escaping rule).
    private static func mdoc(_ line: String) -> String {
        line.replacingOccurrences(of: "\\", with: "\\e")
    }

    private static func checkedInPage() throws -> String {
        try String(contentsOf: CLIHarness.repositoryRoot.appendingPathComponent("docs/loupe.1"), encoding: .utf8)
    }

    /// `.Dd June 1, 2025` as `2025-06-01`, the generator's `--date` format.
    private static func pageDate(_ page: String) -> String? {
        guard let line = page.split(separator: "\n").first(where: { $0.hasPrefix(".Dd ") }) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "MMMM d, yyyy"
        guard let date = formatter.date(from: String(line.dropFirst(4))) else { return nil }
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
