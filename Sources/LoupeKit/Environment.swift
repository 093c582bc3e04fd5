import Glibc
import LoupeOutput

/// Facts about the process's surroundings: cores, environment variables, and whether to color.
enum Environment {
    static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    static var variables: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                result[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            pointer += 1
        }
        return result
    }

    /// Whether output to `writer` is colored under `--color choice`.
    static func colors(_ choice: ColorChoice, writer: OutputWriter) -> Bool {
        Colors.enabled(choice, isTerminal: writer.isTerminal, environment: variables)
    }

    /// The width human reports are fitted to: the terminal's columns when `writer` (standard output) is one, else
    /// `COLUMNS` when it holds a number, else 80.
    static func columns(writer: OutputWriter) -> Int {
        if writer.isTerminal, let size = TerminalControl.size(of: 1) { return size.columns }
        if let text = variables["COLUMNS"], let n = Int(text), n > 0 { return n }
        return 80
    }
}

/// Wall-clock time since creation, for `--stats`.
struct Stopwatch {
    private let start = Stopwatch.now()

    var seconds: Double { Stopwatch.now() - start }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
