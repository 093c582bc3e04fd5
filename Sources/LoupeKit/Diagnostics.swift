import Glibc

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

    /// `1 line`, `3 lines`.
    static func plural(_ n: Int, _ word: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? word : plural ?? word + "s")
    }
}
