import Testing

@testable import LoupeEngine

/// The level table: names in any case, numbers by the scale of their field.
@Suite("Log levels")
struct LogLevelTests {
    static let names: [(String, LogLevel?)] = [
        ("trace", .trace), ("TRACE", .trace), ("Verbose", .trace), ("VRB", .trace), ("silly", .trace),
        ("debug", .debug), ("DBG", .debug), ("D1", .debug), ("DEBUG5", .debug), ("http", .debug), ("fine", .debug),
        ("info", .info), ("INFO", .info), ("Information", .info), ("INF", .info), ("notice", .info), ("I", .info),
        ("warn", .warn), ("WARNING", .warn), ("Warn", .warn), ("WRN", .warn), ("W", .warn),
        ("error", .error), ("ERR", .error), ("eror", .error), ("SEVERE", .error), ("E", .error),
        ("fatal", .fatal), ("CRITICAL", .fatal), ("crit", .fatal), ("panic", .fatal), ("dpanic", .fatal),
        ("emerg", .fatal), ("ALERT", .fatal), ("FTL", .fatal),
        ("", nil), ("DEFAULT", nil), ("loud", nil), ("5", nil), ("informational!", nil), ("infoo", nil), ("é", nil),
        ("a very long string that is no level", nil),
    ]

    @Test(arguments: names)
    func named(_ name: String, _ expected: LogLevel?) {
        #expect(LogLevel.named(name) == expected)
    }

    static let numbers: [(Int64, LogLevel.Numbering, LogLevel?)] = [
        (10, .logger, .trace), (20, .logger, .debug), (30, .logger, .info), (40, .logger, .warn), (50, .logger, .error),
        (60, .logger, .fatal), (0, .logger, .debug), (1, .logger, .info), (4, .logger, .fatal), (200, .logger, .info),
        (250, .logger, .info), (300, .logger, .warn), (600, .logger, .fatal), (7, .logger, nil), (70, .logger, nil),
        (0, .syslog, .fatal), (2, .syslog, .fatal), (3, .syslog, .error), (4, .syslog, .warn), (5, .syslog, .info),
        (6, .syslog, .info), (7, .syslog, .debug), (8, .syslog, nil),
        (1, .openTelemetry, .trace), (5, .openTelemetry, .debug), (9, .openTelemetry, .info), (13, .openTelemetry, .warn),
        (17, .openTelemetry, .error), (24, .openTelemetry, .fatal), (0, .openTelemetry, nil), (25, .openTelemetry, nil),
        (10, .python, .debug), (20, .python, .info), (30, .python, .warn), (40, .python, .error), (50, .python, .fatal),
        (5, .python, .trace), (30, .none, nil),
    ]

    @Test(arguments: numbers)
    func numbered(_ n: Int64, _ numbering: LogLevel.Numbering, _ expected: LogLevel?) {
        #expect(LogLevel.numbered(n, numbering) == expected)
    }
}
