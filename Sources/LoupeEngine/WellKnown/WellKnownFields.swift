import LoupeJSON

/// Where `level()`, `time()` and `message()` look: the candidate fields of each, in the order
/// they are tried. The first candidate that holds a readable value wins; one that holds
/// something else (`"t": 21.5`, `"time": "fast"`, a `Level` object) is passed over for the
/// next. This is the one list: `--since`, `--until`, `bucket(time(), D)`, `--merge` and
/// `loupe fields` read it too, and the docs show it (`scripts/generate-docs` writes it into
/// `--help-query`).
package enum WellKnownFields {
    /// A candidate of `level()`: a dotted path and how the field writes numbers.
    package struct LevelCandidate: Sendable {
        package var path: String
        package var numbering: LogLevel.Numbering
    }

    /// `level()`: names first, then the numeric fields (a record with both says the same
    /// twice), then MongoDB's one-letter `s`.
    package static let level: [LevelCandidate] = [
        .init(path: "level", numbering: .logger), .init(path: "severity", numbering: .none),
        .init(path: "levelname", numbering: .none), .init(path: "lvl", numbering: .logger),
        .init(path: "@l", numbering: .none), .init(path: "Level", numbering: .none),
        .init(path: "Level.Name", numbering: .none), .init(path: "log.level", numbering: .none),
        .init(path: "loglevel", numbering: .none), .init(path: "log_level", numbering: .none),
        .init(path: "level_name", numbering: .none), .init(path: "severity_text", numbering: .none),
        .init(path: "severityText", numbering: .none), .init(path: "SeverityText", numbering: .none),
        .init(path: "Severity", numbering: .none), .init(path: "record.level.name", numbering: .none),
        .init(path: "@fields.lvl", numbering: .none), .init(path: "@fields.level", numbering: .none),
        .init(path: "PRIORITY", numbering: .syslog), .init(path: "severity_number", numbering: .openTelemetry),
        .init(path: "severityNumber", numbering: .openTelemetry), .init(path: "SeverityNumber", numbering: .openTelemetry),
        .init(path: "levelno", numbering: .python), .init(path: "s", numbering: .none),
        // An Elasticsearch hit keeps the document under `_source` (ECS, or a plain level).
        .init(path: "_source.log.level", numbering: .none), .init(path: "_source.level", numbering: .none),
    ]

    /// Serilog's compact format (CLEF) leaves `@l` out for Information: a record with `@t`
    /// and a message (`@mt` or `@m`) but no level is at info.
    package static let clefTime = "@t"
    package static let clefMessages = ["@mt", "@m"]

    /// How a candidate of `time()` is read.
    package enum TimeReading: Sendable {
        /// The whole value: a time text or an epoch number (see `Timestamp.parseText`).
        case value
        /// The leading time of a text (the prefix of a `kubectl logs --timestamps` line).
        case leadingTime
    }

    /// A candidate of `time()`.
    package struct TimeCandidate: Sendable {
        package var path: String
        package var reading: TimeReading
    }

    /// `time()`: by name; the time in the prefix before a line's JSON comes last
    /// (`_prefix_time`, RFC 3339 as the framer found it, then the leading time of `_prefix`).
    package static let time: [TimeCandidate] =
        [
            "ts", "time", "timestamp", "@timestamp", "@t", "Time", "Timestamp", "asctime", "created", "created_at",
            "t.$date", "t", "date", "datetime", "__REALTIME_TIMESTAMP", "timeUnixNano", "observedTimeUnixNano",
            "timeMillis", "instant.epochSecond", "EdgeStartTimestamp", "eventTime", "EventTime", "TimeGenerated",
            "time_local", "time_iso8601", "record.time.timestamp", "@fields.ts", "start", "lastTimestamp",
            "_source.@timestamp", "_source.timestamp", "_prefix_time",
        ].map { TimeCandidate(path: $0, reading: .value) } + [TimeCandidate(path: "_prefix", reading: .leadingTime)]

    /// `message()`: the first of these that holds a string.
    package static let message: [String] = [
        "msg", "message", "Message", "@m", "@mt", "MESSAGE", "body", "Body", "log", "short_message", "textPayload",
        "jsonPayload.message", "RenderedMessage", "MessageTemplate", "record.message", "fields.message", "@fields.msg",
        "event", "_source.message", "_source.msg",
    ]
}
