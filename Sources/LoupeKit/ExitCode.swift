import Glibc
import LoupeGate
import LoupeOutput

/// loupe's exit codes, decided here only: grep's convention.
public enum ExitCode: Int32, Sendable {
    /// Something matched, or a report was produced.
    case matched = 0
    /// Nothing matched (or, for `gate`, a regression was found).
    case noMatch = 1
    /// A bad query, an unreadable input, a bad record under `--strict`.
    case error = 2

    /// `gate`'s name for exit code 1.
    public static let regression = ExitCode.noMatch

    /// A gate's verdict: 1 when a group regressed, a budget failed, or (`--fail-on-missing`) a
    /// group is missing; 0 when it passes.
    static func of(_ report: GateReport) -> ExitCode {
        report.failed ? .regression : .matched
    }
}

extension ExitCode {
    /// How a run that writes its results with `body` ends: nil when the writing went well;
    /// `closedPipe` when the reader went away (`| head`), a clean end; an error, said here in
    /// the one wording every command uses, when the output cannot be written.
    static func ofWriting(closedPipe: @autoclosure () -> ExitCode, _ body: () throws -> Void) -> ExitCode? {
        do {
            try body()
            return nil
        } catch OutputError.closedPipe {
            return closedPipe()
        } catch OutputError.writeFailed(let code) {
            Diagnostics.error("cannot write output: \(String(cString: strerror(code)))")
            return .error
        } catch {
            Diagnostics.error("cannot write output: \(error)")
            return .error
        }
    }
}
