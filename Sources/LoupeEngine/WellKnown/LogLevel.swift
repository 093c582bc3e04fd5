/// A record's level, normalised across loggers: `trace < debug < info < warn < error < fatal`.
///
/// Names are read in any case from one table (`names`); numbers by the scale of the field
/// that holds them (`LogLevel.Numbering`). Anything else is no level: `level()` is then null,
/// never a guess.
package enum LogLevel: Int, CaseIterable, Sendable, Comparable {
    case trace, debug, info, warn, error, fatal

    /// The normalised name `level()` shows.
    package var name: String { Self.canonicalNames[rawValue] }

    static let canonicalNames = ["trace", "debug", "info", "warn", "error", "fatal"]

    package static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }

    /// Every name a logger writes, in lower case, and its level. Single letters are the short
    /// forms of Android, glog and MongoDB (`I`, `W`, `E`, `F`); MongoDB's debug levels are `D1`
    /// to `D5` (and a name followed by digits, `DEBUG5`, is that name); winston's `http` lies
    /// between info and debug, `silly` below debug; the syslog names (`emerg`, `alert`, `crit`, `err`, `notice`) follow RFC 5424.
    package static let names: [String: LogLevel] = [
        "trace": .trace, "trc": .trace, "trce": .trace, "verbose": .trace, "vrb": .trace, "verb": .trace,
        "finest": .trace, "finer": .trace, "silly": .trace, "t": .trace, "v": .trace,
        "debug": .debug, "dbg": .debug, "dbug": .debug, "debu": .debug, "fine": .debug, "config": .debug, "http": .debug, "d": .debug,
        "d1": .debug, "d2": .debug, "d3": .debug, "d4": .debug, "d5": .debug,
        "info": .info, "information": .info, "informational": .info, "inf": .info, "nfo": .info, "notice": .info,
        "success": .info, "i": .info,
        "warn": .warn, "warning": .warn, "wrn": .warn, "wrng": .warn, "w": .warn,
        "error": .error, "err": .error, "eror": .error, "erro": .error, "severe": .error, "e": .error,
        "fatal": .fatal, "ftl": .fatal, "fat": .fatal, "critical": .fatal, "crit": .fatal, "crt": .fatal, "panic": .fatal,
        "dpanic": .fatal, "alert": .fatal, "emerg": .fatal, "emergency": .fatal, "f": .fatal,
    ]

    /// The level of a name, read without regard to ASCII case; nil when it is not one. No
    /// allocation: the name is packed into two words and looked up in `packedNames`.
    package static func named(_ p: UnsafePointer<UInt8>, _ count: Int) -> LogLevel? {
        guard let key = PackedName(p, count) else { return nil }
        if let level = packedNames[key] { return level }
        // `DEBUG5`, `INFO2`: a name with a verbosity number after it.
        var letters = count
        while letters > 1, p[letters - 1] >= 0x30, p[letters - 1] <= 0x39 { letters -= 1 }
        guard letters < count, letters > 1, let name = PackedName(p, letters) else { return nil }
        return packedNames[name]
    }

    static let packedNames: [PackedName: LogLevel] = {
        var table: [PackedName: LogLevel] = [:]
        for (name, level) in names {
            var bytes = Array(name.utf8)
            table[bytes.withUnsafeMutableBufferPointer { PackedName($0.baseAddress!, $0.count)! }] = level
        }
        return table
    }()

    /// Up to 16 ASCII bytes in lower case, as two little-endian words.
    struct PackedName: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        init?(_ p: UnsafePointer<UInt8>, _ count: Int) {
            guard count > 0, count <= 16 else { return nil }
            for i in 0..<count {
                var c = p[i]
                guard c < 0x80 else { return nil }
                if c >= 0x41 && c <= 0x5A { c |= 0x20 }
                if i < 8 { low |= UInt64(c) << (8 * i) } else { high |= UInt64(c) << (8 * (i - 8)) }
            }
        }
    }

    /// The level of a name given as text (a query literal); nil when it is not one.
    package static func named(_ text: String) -> LogLevel? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { $0.isEmpty ? nil : named($0.baseAddress!, $0.count) }
    }

    /// How a field writes its level as a number.
    package enum Numbering: Sendable {
        /// No numbers: only names count.
        case none
        /// `level`: bunyan and pino (10 trace ... 60 fatal), Monolog (100 debug ... 600
        /// emergency) and Nextcloud (0 debug ... 4 fatal), told apart by range.
        case logger
        /// Syslog severity (journald's `PRIORITY`): 0 emerg ... 7 debug.
        case syslog
        /// OpenTelemetry's `severity_number`: 1-4 trace, 5-8 debug, ... 21-24 fatal.
        case openTelemetry
        /// Python's `levelno`: 10 debug, 20 info, 30 warning, 40 error, 50 critical.
        case python
    }

    /// The level of a whole number read with `numbering`; nil when it is out of its range.
    package static func numbered(_ n: Int64, _ numbering: Numbering) -> LogLevel? {
        switch numbering {
        case .none:
            return nil
        case .logger:
            switch n {
            case 0...4: return [.debug, .info, .warn, .error, .fatal][Int(n)]
            case 10...69: return LogLevel(rawValue: Int(min(n / 10, 6)) - 1)
            case 100...699:
                // Monolog: 100 debug, 200 info, 250 notice, 300 warning, 400 error, 500 critical and up.
                return n < 200 ? .debug : n < 300 ? .info : n < 400 ? .warn : n < 500 ? .error : .fatal
            default: return nil
            }
        case .syslog:
            guard (0...7).contains(n) else { return nil }
            return [.fatal, .fatal, .fatal, .error, .warn, .info, .info, .debug][Int(n)]
        case .openTelemetry:
            guard (1...24).contains(n) else { return nil }
            return LogLevel(rawValue: Int(n - 1) / 4)
        case .python:
            guard (1...59).contains(n) else { return nil }
            return n < 10 ? .trace : LogLevel(rawValue: Int(n / 10))
        }
    }
}
