import ArgumentParser
import Glibc
import LoupeKit

/// The `loupe` command: queries by default, with subcommands for traces, gates and schemas.
@main
struct Loupe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "Answer questions about JSON logs and trace exports, fast.",
        discussion: HelpText.overview,
        version: LoupeVersion.current,
        subcommands: [QueryCommand.self],
        defaultSubcommand: QueryCommand.self
    )

    /// Parses and runs with grep's exit codes: a usage error exits 2 (ArgumentParser's own
    /// code for it is 64).
    static func main() {
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                Diagnostics.write(fullMessage(for: error) + "\n")
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}
