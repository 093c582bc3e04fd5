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
        subcommands: [QueryCommand.self, FieldsCommand.self],
        defaultSubcommand: QueryCommand.self
    )

    static func main() {
        // A closed pipe (`loupe ... | head`) must end loupe quietly through EPIPE, which the
        // output writer handles, not kill it with SIGPIPE (exit 141).
        _ = signal(SIGPIPE, SIG_IGN)
        main(nil)
    }
}
