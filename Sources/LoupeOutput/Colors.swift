/// The ANSI styles loupe uses on terminals; the one place that knows escape codes.
package enum Colors {
    package static let reset = "\u{1B}[0m"
    package static let fileName = "\u{1B}[35m"
    package static let lineNumber = "\u{1B}[32m"
    package static let separator = "\u{1B}[36m"
    package static let match = "\u{1B}[1;31m"
    package static let header = "\u{1B}[1m"

    /// A style for a log level value in tables.
    package static func level(_ text: String) -> String? {
        switch text.lowercased() {
        case "error", "err", "fatal", "critical", "crit", "panic", "emerg", "alert": return "\u{1B}[31m"
        case "warn", "warning": return "\u{1B}[33m"
        case "info", "information", "notice": return "\u{1B}[32m"
        case "debug", "trace", "verbose": return "\u{1B}[2m"
        default: return nil
        }
    }

    /// Whether to color: `always`, `never`, or on a terminal unless `NO_COLOR` is set.
    package static func enabled(_ choice: ColorChoice, isTerminal: Bool, environment: [String: String]) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto: return isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }
}

/// `--color auto|always|never`.
package enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never
}
