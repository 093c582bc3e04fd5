/// The section of `--help-query` (and of docs/GUIDE.md) that lists what the well-known fields
/// read, written from the tables themselves so that the text cannot drift from them.
extension WellKnownFields {
    package static var reference: String {
        let levelNames = LogLevel.allCases.map { level in
            let others = LogLevel.names.filter { $0.value == level && $0.key != level.name }.keys.sorted()
            return "\(level.name): " + others.joined(separator: " ")
        }
        var lines = [
            "Well-known fields (any logger)",
            "  level()       the level, normalised: trace < debug < info < warn < error",
            "                < fatal. level() >= \"warn\" compares in this order; the",
            "                name may be any the table knows (\"warning\", \"err\").",
            "  time()        the timestamp, as RFC 3339 in UTC with nine fraction digits",
            "                (sorts in time order); bucket(time(), 1m), --since and",
            "                --merge use it. --time-field names the one field to read.",
            "  message()     the message text",
            "  lower(P), upper(P)  a string in one case: count by lower(level);",
            "                contains(P, \"s\", i) (and startswith, endswith) ignore case",
            "  Each reads the first of its fields that holds a value of its kind; a",
            "  field that holds something else (\"t\": 21.5, \"time\": \"fast\") is passed",
            "  over for the next.",
        ]
        lines += wrap("level() reads", level.map(\.path) + words("(@t with @mt or @m and no level: info)"))
        lines += wrap(
            "  numbers",
            words(
                "level: 10-60 bunyan/pino, 100-600 Monolog, 0-4 Nextcloud; PRIORITY: syslog 0-7;"
                    + " severity_number: OpenTelemetry 1-24; levelno: Python 10-50"))
        for (i, line) in levelNames.enumerated() { lines += wrap(i == 0 ? "  names" : "", words(line)) }
        lines += wrap("time() reads", time.map(\.path) + words("(_prefix: its leading time)"))
        lines += wrap(
            "  formats",
            words(
                "RFC 3339 and ISO 8601 (T or a space, .123 or ,123, Z, +02:00, +0200, UTC; no zone is UTC);"
                    + " 2025/11/07 16:12:01; 07/Nov/2025:16:12:01 +0000; epoch s, ms, us or ns as numbers or"
                    + " numeric strings, told apart by magnitude (a guessed field: not before 1973)"))
        lines += wrap("message() reads", message)
        return lines.joined(separator: "\n")
    }

    /// `label  a b c ...` wrapped at 78 columns, continued under the first item. A label
    /// that starts with spaces is a sub-heading.
    static func wrap(_ label: String, _ items: [String]) -> [String] {
        let indent = String(repeating: " ", count: 18)
        let heading = (label.hasPrefix(" ") ? "  " : "") + "  " + label.drop { $0 == " " }
        var line = heading + String(repeating: " ", count: max(1, 18 - heading.count))
        var lines: [String] = []
        var fresh = true
        for item in items {
            if !fresh, line.count + 1 + item.count > 78 {
                lines.append(line)
                line = indent
                fresh = true
            }
            line += (fresh ? "" : " ") + item
            fresh = false
        }
        lines.append(line)
        return lines
    }

    private static func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }
}
