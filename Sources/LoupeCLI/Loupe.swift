import ArgumentParser
import Glibc
import LoupeKit

/// The `loupe` command: queries by default, with subcommands for traces, gates and schemas.
@main
struct Loupe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loupe",
        abstract: "Answer questions about JSON logs and trace exports, fast.",
        usage: """
            loupe [<options>] <query> [<files> ...]
            loupe <subcommand> [<options>] [<files> ...]
            """,
        discussion: HelpText.overview,
        version: LoupeVersion.current,
        subcommands: [QueryCommand.self, TraceCommand.self, HotspotsCommand.self, DiffCommand.self, GateCommand.self, FieldsCommand.self, SQLCommand.self],
        defaultSubcommand: QueryCommand.self
    )

    static func main() {
        ProcessSetup.prepare()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // A usage error is an error like any other: `loupe: ` and exit 2, as grep does
            // (ArgumentParser would say `Error:` and exit 64).
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error)
                let text = message.hasPrefix("Error: ") ? "loupe: " + message.dropFirst(7) : "loupe: " + message
                Diagnostics.write(text + "\n")
                Glibc.exit(LoupeKit.ExitCode.error.rawValue)
            }
            exit(withError: error)
        }
    }
}
