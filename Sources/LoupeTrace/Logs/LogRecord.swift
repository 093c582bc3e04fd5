import LoupeJSON

/// One OTLP log record with what its resource and scope say about it: what a query reads as a
/// record when the input is OTLP logs.
///
/// Fields are as the data has them (nil when missing); the rules that derive `time` and
/// `severity` are here, in one place, and `appendRecord` writes the record.
package struct LogRecord: Sendable {
    /// `timeUnixNano`: when the event happened; 0 (unknown, by the OTLP spec) is nil.
    package var timeUnixNano: Int64?
    /// `observedTimeUnixNano`: when the collector or SDK saw it; 0 is nil.
    package var observedTimeUnixNano: Int64?
    package var severityText: String?
    /// `severityNumber`, 1-24 (0, unspecified, is nil).
    package var severityNumber: Int64?
    package var body: AttributeValue?
    package var traceID: String?
    package var spanID: SpanID?
    /// The resource's `service.name`.
    package var service: String?
    package var scopeName: String?
    package var attributes: [String: AttributeValue] = [:]
    package var resource: [String: AttributeValue] = [:]
    /// Where the record starts in its input, for messages.
    var offset = 0

    package init() {}

    /// The record's time: `timeUnixNano`, or `observedTimeUnixNano` when the event time is
    /// unknown (the OTLP spec's advice to readers: the observed time stands in for it).
    package var time: Int64? { timeUnixNano ?? observedTimeUnixNano }

    /// `severityText`, or when it is missing or empty the name the OTLP spec gives the
    /// number's range (`INFO`, `WARN2`, ...); nil when neither says anything.
    package var severity: String? {
        if let severityText, !severityText.isEmpty { return severityText }
        return severityNumber.flatMap(Self.severityName)
    }

    /// The short name of a severity number by the OTLP data model: 1-4 TRACE, 5-8 DEBUG, 9-12
    /// INFO, 13-16 WARN, 17-20 ERROR, 21-24 FATAL, the first of each range plain and the
    /// others suffixed 2, 3, 4 (`INFO2`); nil outside 1-24.
    package static func severityName(_ number: Int64) -> String? {
        guard (1...24).contains(number) else { return nil }
        let names = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"]
        let range = Int(number - 1) / 4
        let step = Int(number - 1) % 4
        return step == 0 ? names[range] : names[range] + String(step + 1)
    }

    /// The number of a `SeverityNumber` enum name (`SEVERITY_NUMBER_INFO2` is 10), as proto
    /// JSON may write enums; nil for other text.
    package static func severityNumber(name: String) -> Int64? {
        guard name.hasPrefix("SEVERITY_NUMBER_") else { return Int64(name) }
        let short = name.dropFirst("SEVERITY_NUMBER_".count)
        for n in Int64(1)...24 where severityName(n).map({ $0 == short }) == true { return n }
        return short == "UNSPECIFIED" ? 0 : nil
    }
}
