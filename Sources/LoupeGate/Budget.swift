import LoupeEngine
import LoupeQuery

/// An absolute latency limit (`--budget '[FILTER:] pN < DURATION'`) that fails the gate
/// without any baseline: every current group whose key fields match FILTER (all groups when
/// there is none) must keep its pN under DURATION.
package struct Budget: Sendable, Equatable {
    /// The budget as the user wrote it, for the reports.
    package var text: String
    /// The filter over the group's key fields (`service.name == "checkout"`), or nil for all.
    package var filterText: String?
    package var filter: Expression?
    /// The percentile in percent (`p99` is 99, `p999` is 99.9).
    package var percentile: Double
    /// The limit in ms.
    package var limitMs: Double
    /// `<=` rather than `<`.
    package var inclusive: Bool

    /// Parses `[FILTER:] pN < DURATION` (`<=` also); DURATION takes a unit (`300ms`, `1.5s`)
    /// or is a number of ms.
    package static func parse(_ text: String) throws(GateError) -> Budget {
        func fail(_ why: String) -> GateError {
            GateError(
                description:
                    "--budget '\(text)': \(why) (write it as [FILTER:] pN < DURATION, like 'p99 < 300ms' or 'service.name == \"checkout\": p95 < 120ms')"
            )
        }
        // The limit clause is at the end and holds no '<', so the last '<' is its operator;
        // FILTER may hold ':' (timestamps, strings) and '<' of its own.
        guard let less = text.lastIndex(of: "<") else { throw fail("no '<' before the limit") }
        var limitText = text[text.index(after: less)...]
        let inclusive = limitText.first == "="
        if inclusive { limitText = limitText.dropFirst() }
        let limit = limitText.trimmingSpaces
        guard let limitMs = Self.milliseconds(limit) else { throw fail("cannot read the limit '\(limit)'") }
        let left = text[..<less].trimmingSpaces
        // The percentile is the last word before '<'; what precedes it is FILTER and a ':'.
        let wordStart = left.lastIndex { $0 == " " || $0 == "\t" || $0 == ":" }.map(left.index(after:)) ?? left.startIndex
        let word = left[wordStart...]
        guard let percentile = Self.percent(word) else {
            throw fail("'\(word)' is not a percentile like p50, p95, p99, p999 or p99.5")
        }
        var prefix = left[..<wordStart].trimmingSpaces
        var filterText: String?
        var filter: Expression?
        if !prefix.isEmpty {
            guard prefix.last == ":" else { throw fail("put a ':' between the filter and the percentile") }
            prefix = prefix.dropLast().trimmingSpaces
            guard !prefix.isEmpty else { throw fail("the filter before ':' is empty") }
            do {
                filter = try Parser.parseExpression(String(prefix))
            } catch {
                throw GateError(description: "--budget '\(text)': the filter is not valid: " + error.rendered(query: String(prefix)))
            }
            filterText = String(prefix)
        }
        return Budget(text: text, filterText: filterText, filter: filter, percentile: percentile, limitMs: limitMs, inclusive: inclusive)
    }

    /// `p95` → 95, `p99.5` → 99.5, `p999` → 99.9 and `p9999` → 99.99 (the query language's
    /// names); nil for anything else or a value outside 0...100.
    static func percent(_ word: Substring) -> Double? {
        guard word.count >= 2, word.first == "p" || word.first == "P" else { return nil }
        let digits = word.dropFirst()
        guard digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let value = Double(digits) else { return nil }
        if !digits.contains("."), value > 100, digits.count >= 3, digits.hasPrefix("99") {
            return Double("99." + digits.dropFirst(2))
        }
        return (0...100).contains(value) ? value : nil
    }

    /// `300ms`, `1.5s`, `250us` or a bare number of ms.
    static func milliseconds(_ text: Substring) -> Double? {
        if let plain = Double(text), plain.isFinite { return plain }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        let ns = bytes.withUnsafeBufferPointer { DurationText.parse($0.baseAddress!, $0.count) }
        return ns.map { $0 / 1e6 }
    }

    /// Whether a value keeps within the limit.
    package func allows(_ valueMs: Double) -> Bool {
        inclusive ? valueMs <= limitMs : valueMs < limitMs
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
