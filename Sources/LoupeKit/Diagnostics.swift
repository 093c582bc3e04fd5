import Glibc
import LoupeIO

/// Messages for the user on standard error, each prefixed `loupe: `.
public enum Diagnostics {
    /// Writes `loupe: <message>` and a newline to standard error.
    public static func error(_ message: String) {
        write("loupe: " + message + "\n")
    }

    /// Writes text to standard error as is.
    public static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return
            }
            offset += n
        }
        bytes.removeAll()
    }

    /// The one wording for an input that could not be read to its end (a cut document, a
    /// compressed stream cut short), whatever reads it: where, why and how much came before.
    static func stoppedReading(_ name: String, at place: String, _ problem: String, before: String) {
        error("stopped reading \(name) at \(place): \(problem) (\(before) read before it)")
    }

    /// A line-reading input cut short (`InputError.isCutShort`) after `lines` whole lines.
    static func cutShort(_ name: String, _ error: InputError, afterLines lines: Int) {
        stoppedReading(name, at: "line \(lines + 1)", error.problem, before: plural(lines, "line"))
    }

    /// `1 line`, `3 lines`.
    static func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? word : plural ?? word + "s")
    }
}
