import Glibc

/// The progress line on standard error for long runs: what has been read (and how much of
/// the file, when its size is known), how fast, how many lines and matches.
///
/// It appears only when standard error is a terminal, `CI` is not set and the run has lasted
/// about a second; it is redrawn a few times a second and erased at the end, so it never
/// shows up in pipes, logs or CI output, and never mixes with what loupe prints.
package final class ProgressLine {
    package let enabled: Bool
    /// Writes to standard error.
    private let write: (String) -> Void
    private let delay: Double
    private let start = ProgressLine.now()
    private var lastDraw = -1.0
    private var visible = false
    private let columns: Int

    /// Bytes of the inputs already finished, lines read so far.
    private var bytesBefore = 0
    private var lines = 0

    package init(enabled: Bool, delay: Double = 1.0, write: @escaping (String) -> Void) {
        self.enabled = enabled
        self.delay = delay
        self.write = write
        columns = TerminalControl.size(of: 2)?.columns ?? 80
    }

    /// Whether a progress line may be drawn at all: standard error is a terminal that shows
    /// escapes, and this is not CI.
    package static func allowed(stderrIsTerminal: Bool = isatty(2) == 1, environment: [String: String]) -> Bool {
        guard stderrIsTerminal, environment["TERM"] != "dumb" else { return false }
        let ci = environment["CI"] ?? ""
        return ci.isEmpty || ci == "0" || ci == "false"
    }

    /// Whether the line is on screen now (so output to the same terminal must erase it first).
    package var isVisible: Bool { visible }

    /// After each chunk: `read` is the current input's bytes so far (of `size` when known).
    package func update(input: String, read: Int, size: Int?, lines newLines: Int, matches: Int) {
        lines += newLines
        guard enabled else { return }
        let elapsed = Self.now() - start
        guard elapsed >= delay, elapsed - lastDraw >= 0.1 else { return }
        lastDraw = elapsed
        let total = bytesBefore + read
        var text = "loupe: \(TerminalText.sanitize(input))"
        if let size, size > 0 { text += " \(min(100, read * 100 / size))%" }
        text += ", \(Self.bytes(total)), \(Self.bytes(Int(Double(total) / elapsed)))/s"
        text += ", \(Self.grouped(lines)) lines, \(Self.grouped(matches)) \(matches == 1 ? "match" : "matches")"
        // Never wider than the terminal: a wrapped line could not be erased.
        if text.count >= columns { text = String(text.prefix(max(columns - 1, 0))) }
        write(TerminalControl.eraseLine + text)
        visible = true
    }

    /// At the end of an input: its bytes count towards the total.
    package func finishInput(bytes: Int) {
        bytesBefore += bytes
    }

    /// Erases the line if it is shown (before output to the terminal, and at the end).
    package func clear() {
        guard visible else { return }
        write(TerminalControl.eraseLine)
        visible = false
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// `1.23 GB`, `456 MB`, `12 kB`, `300 B` (decimal units, as `--stats` uses).
    static func bytes(_ n: Int) -> String {
        let value = Double(n)
        if value >= 1e9 { return String(value / 1e9, decimals: 2) + " GB" }
        if value >= 1e6 { return String(value / 1e6, decimals: 1) + " MB" }
        if value >= 1e3 { return String(value / 1e3, decimals: 0) + " kB" }
        return "\(n) B"
    }

    /// `1,234,567`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
