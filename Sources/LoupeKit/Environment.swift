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

    /// Whether output to `writer` is colored under `--color choice` (an unknown value is auto).
    static func colors(_ choice: String, writer: OutputWriter) -> Bool {
        Colors.enabled(ColorChoice(rawValue: choice) ?? .auto, isTerminal: writer.isTerminal, environment: variables)
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
