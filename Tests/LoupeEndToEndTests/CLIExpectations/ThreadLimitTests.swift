import Foundation
import Testing

/// When the system starts fewer threads than `--threads` asks for (a limit on address space,
/// threads or memory), loupe works with the ones it has: the same answer, exit 0. It trapped
/// on the failed `pthread_create` (exit 132, no message) under load and in small containers.
@Suite("Thread limits")
struct ThreadLimitTests {
    @Test(arguments: [
        "-c '*' app.log", "'* | count by service' app.log", "trace -o json traces.json",
        "hotspots -o json traces.json", "'* | count by service.name' traces.json",
    ])
    func fewerThreadsThanAskedGiveTheSameAnswer(_ command: String) throws {
        let directory = CLIHarness.temporaryDirectory()
        for sample in ["app.log", "traces.json"] {
            try FileManager.default.copyItem(
                at: CLIHarness.repositoryRoot.appendingPathComponent("Samples/\(sample)"), to: directory.appendingPathComponent(sample))
        }
        // Each thread reserves an 8 MiB stack: 600 MB of address space holds far fewer than 200.
        // Options follow a subcommand's name.
        let words = command.split(separator: " ", maxSplits: 1).map(String.init)
        let subcommand = ["trace", "hotspots"].contains(words[0]) ? words[0] + " " : ""
        let rest = subcommand.isEmpty ? command : words[1]
        func run(_ threads: Int, limit: String) throws -> [UInt8] {
            try CLIHarness.runInTerminal(
                "(\(limit) $LOUPE \(subcommand)--color never --threads \(threads) \(rest); echo \"rc=$?\")", in: directory)
        }
        let limited = try run(200, limit: "ulimit -v 600000;")
        let plain = try run(2, limit: "")
        let text = String(decoding: limited, as: UTF8.self)
        #expect(text.hasSuffix("rc=0\r\n"), "\(text.suffix(300))")
        #expect(limited == plain, "\(text.suffix(300))")
    }
}
