import Foundation
import LoupeTestSupport
import Testing

/// Random records, aggregated by loupe (`-o json`) and independently here, compared: counts
/// and distinct counts exactly, min and max exactly, sums, averages and percentiles within a
/// tight relative tolerance; the same output with 1 and 4 threads and an odd block size.
@Suite("Stages cross-check on random data")
struct StagesCrossCheckTests {
    /// A seeded SplitMix64.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A JSON value as written in a record and what it is.
    enum Value: Hashable {
        case missing, null, number(Double), string(String), bool(Bool)

        /// Distinct values as loupe counts them: numbers by value (-0 is 0), strings decoded.
        var distinctKey: Value? {
            switch self {
            case .missing, .null: return nil
            case .number(let x): return .number(x == 0 ? 0 : x)
            default: return self
            }
        }
    }

    /// One generated record: its line and the values the queries read.
    struct Record {
        var line: String
        var service: Value
        var v: Value
        var u: Value
        var seconds: Int
    }

    static let services: [Value] = [.string("api"), .string("auth"), .string("db"), .string("日本"), .string("q\"uote"), .missing, .null]

    /// A number written one of the ways JSON allows, and the value it denotes.
    static func number(_ random: inout Random) -> (String, Double) {
        let text: String
        switch Int.random(in: 0..<6, using: &random) {
        case 0: text = String(Int.random(in: -1000...1000, using: &random))
        case 1: text = String(Double.random(in: -500...500, using: &random))
        case 2: text = "\(Int.random(in: -99...99, using: &random))e\(Int.random(in: -8...8, using: &random))"
        case 3:
            text =
                "\(Int.random(in: 1...9, using: &random)).\(Int.random(in: 0...999, using: &random))E+\(Int.random(in: 0...12, using: &random))"
        case 4: text = ["0", "-0", "0.0", "1", "1.0", "1e0", "-1"].randomElement(using: &random)!
        default: text = String(Double.random(in: 0...1, using: &random) * pow(10, Double(Int.random(in: -300...300, using: &random))))
        }
        return (text, Double(text)!)
    }

    static func value(_ random: inout Random) -> (String?, Value) {
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return (nil, .missing)
        case 1: return ("null", .null)
        case 2: return (#""12""#, .string("12"))
        case 3: return (#""slow""#, .string("slow"))
        case 4: return (#""\u0061b""#, .string("ab"))
        case 5: return ("true", .bool(true))
        case 6: return ("false", .bool(false))
        default:
            let (text, x) = number(&random)
            return (text, .number(x))
        }
    }

    static func json(_ value: Value) -> String? {
        switch value {
        case .missing: return nil
        case .null: return "null"
        case .number(let x): return String(x)
        case .bool(let b): return String(b)
        case .string(let s): return "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
    }

    static func records(seed: UInt64, count: Int) -> [Record] {
        var random = Random(state: seed)
        let start = 1_710_144_000
        return (0..<count).map { _ in
            let service = services.randomElement(using: &random)!
            let (vText, v) = value(&random)
            let (uText, u) = value(&random)
            let seconds = start + Int.random(in: -3600...7200, using: &random)
            // Timestamps as epoch seconds or epoch milliseconds (told apart by magnitude).
            let ts = Bool.random(using: &random) ? String(seconds) : String(seconds * 1000 + Int.random(in: 0...999, using: &random))
            var fields = [#""ts":\#(ts)"#]
            if let s = json(service) { fields.append(#""svc":\#(s)"#) }
            if let vText { fields.append(#""v":\#(vText)"#) }
            if let uText { fields.append(#""u":\#(uText)"#) }
            fields.append(#""noise":{"v":[1,2,{"x":"}"}]}"#)
            fields.shuffle(using: &random)
            return Record(line: "{" + fields.joined(separator: ",") + "}", service: service, v: v, u: u, seconds: seconds)
        }
    }

    /// Type 7 from its definition.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let h = Double(sorted.count - 1) * p / 100
        let j = Int(h.rounded(.down))
        guard j + 1 < sorted.count else { return sorted[sorted.count - 1] }
        let g = h - Double(j)
        return (1 - g) * sorted[j] + g * sorted[j + 1]
    }

    static let percents: [(String, Double)] = [
        ("p50(v)", 50), ("p90(v)", 90), ("p99(v)", 99), ("p999(v)", 99.9), ("percentile(v, 12.5)", 12.5),
    ]

    static let query =
        "* | stats count(), sum(v), avg(v), min(v), max(v), p50(v), p90(v), p99(v), p999(v), percentile(v, 12.5), distinct(v), distinct(u) by svc"

    @Test(arguments: [(1 as UInt64, 3000), (2, 3000), (3, 200), (4, 1)])
    func statsByService(_ seed: UInt64, _ count: Int) throws {
        let records = Self.records(seed: seed, count: count)
        let input = Array(records.map { $0.line + "\n" }.joined().utf8)
        let run = try StagesEndToEndTests.Binary.run(["-o", "json", "--threads", "1", Self.query, "INPUT"], input: input)
        #expect(run.status == 0)

        // The groups in order of first appearance; missing and null are one group.
        var order: [Value] = []
        var groups: [Value: [Record]] = [:]
        for record in records {
            let key = record.service == .missing ? Value.null : record.service
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(record)
        }
        let rows = try Self.rows(run.stdout)
        #expect(rows.count == order.count)
        var missing = 0
        var notNumber = 0
        for (row, key) in zip(rows, order) {
            let members = groups[key]!
            #expect(
                row.map(\.key) == ["svc", "count", "sum(v)", "avg(v)", "min(v)", "max(v)"] + Self.percents.map(\.0) + [
                    "distinct(v)", "distinct(u)",
                ])
            let row = Dictionary(uniqueKeysWithValues: row)
            #expect(row["svc"] == (key == .null ? Value.null : key))
            let numbers = members.compactMap { record -> Double? in
                switch record.v {
                case .number(let x): return x
                // A string whose whole text is a JSON number aggregates as that number.
                case .string(let s) where s.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil:
                    return Double(s)!
                case .missing, .null:
                    missing += 1
                    return nil
                default:
                    notNumber += 1
                    return nil
                }
            }
            let sorted = numbers.sorted()
            #expect(Self.double(row["count"]) == Double(members.count))
            let magnitude = numbers.reduce(0) { $0 + abs($1) }
            let sum = numbers.reduce(0, +)
            #expect(Self.close(Self.double(row["sum(v)"]), sum, scale: magnitude), "sum of \(key)")
            if numbers.isEmpty {
                for name in ["avg(v)", "min(v)", "max(v)"] + Self.percents.map(\.0) { #expect(row[name] == .null, "\(name) of \(key)") }
            } else {
                #expect(Self.close(Self.double(row["avg(v)"]), sum / Double(numbers.count), scale: magnitude / Double(numbers.count)))
                #expect(Self.double(row["min(v)"]) == sorted.first)
                #expect(Self.double(row["max(v)"]) == sorted.last)
                for (name, p) in Self.percents {
                    let expected = Self.percentile(sorted, p)!
                    #expect(
                        Self.close(Self.double(row[name]), expected, scale: max(abs(sorted.first!), abs(sorted.last!))), "\(name) of \(key)"
                    )
                }
            }
            #expect(Self.double(row["distinct(v)"]) == Double(Set(members.compactMap(\.v.distinctKey)).count))
            #expect(Self.double(row["distinct(u)"]) == Double(Set(members.compactMap(\.u.distinctKey)).count))
        }
        // Values left out are reported once, for all the numeric aggregates of v.
        var parts: [String] = []
        if missing > 0 { parts.append("\(missing) record\(missing == 1 ? "" : "s") where the value is missing or null") }
        if notNumber > 0 { parts.append("\(notNumber) record\(notNumber == 1 ? "" : "s") where it is not a number") }
        let names = "sum(v), avg(v), min(v), max(v), p50(v), p90(v), p99(v), p999(v), percentile(v, 12.5)"
        #expect(run.stderr == (parts.isEmpty ? "" : "loupe: \(names): left out " + parts.joined(separator: " and ") + "\n"))

        // Threads and block sizes change nothing.
        for options in [["--threads", "4"], ["--threads", "4", "--block-size", "1337"], ["--threads", "2", "--block-size", "61"]] {
            let other = try StagesEndToEndTests.Binary.run(["-o", "json"] + options + [Self.query, "INPUT"], input: input)
            #expect(other.stdout == run.stdout, "\(options)")
            #expect(other.stderr == run.stderr, "\(options)")
        }
    }

    /// A limit's output and exit code do not depend on threads or block size: `fields c |
    /// limit 0` exited 0 or 1 by where chunks ended (it counted the matches of the whole chunk
    /// that reached the limit: probe finding). Few matches, at random places.
    @Test(arguments: [21 as UInt64, 22, 23])
    func limitsGiveOneAnswerWhateverTheBlocks(_ seed: UInt64) throws {
        var random = Random(state: seed)
        let count = 200 + Int(random.next() % 400)
        let matches = Set((0..<Int(random.next() % 4)).map { _ in Int(random.next() % UInt64(count)) })
        let input = Array((0..<count).map { i in matches.contains(i) ? "{\"c\":\(i % 5)}\n" : "{\"c\":\"no\",\"pad\":\"xxxxxxxxxxxx\"}\n" }.joined().utf8)
        let queries = [
            ["c < 5 | fields c | limit 0"], ["c < 5 | fields c | limit 1"], ["c < 5 | fields c | limit 2"], ["c < 5 | limit 0"],
            ["c < 5 | limit 1"], ["-m", "1", "c < 5"], ["-c", "c < 5 | limit 1"], ["c < 5 | count by c | limit 0"], ["-q", "c < 5"],
        ]
        for query in queries {
            let first = try StagesEndToEndTests.Binary.run(["-o", "json"] + query.dropLast() + [query.last!, "INPUT"], input: input)
            for options in [["--threads", "1", "--block-size", "61"], ["--threads", "2", "--block-size", "300"], ["--threads", "2"]] {
                let other = try StagesEndToEndTests.Binary.run(["-o", "json"] + options + query.dropLast() + [query.last!, "INPUT"], input: input)
                #expect(other.stdout == first.stdout && other.status == first.status, "seed \(seed), \(query), \(options): \(other.status) against \(first.status)")
            }
        }
    }

    /// Counts per 5-minute bucket (floored since the epoch, UTC) and service, against a count here.
    @Test(arguments: [11 as UInt64, 12])
    func countByBucket(_ seed: UInt64) throws {
        let records = Self.records(seed: seed, count: 2000)
        let input = Array(records.map { $0.line + "\n" }.joined().utf8)
        let run = try StagesEndToEndTests.Binary.run(
            ["-o", "json", "--threads", "4", "--block-size", "999", "* | count by bucket(ts, 5m) as b, svc | sort b, count desc", "INPUT"],
            input: input)
        let rows = try Self.rows(run.stdout).map { Dictionary(uniqueKeysWithValues: $0) }
        var expected: [String: Int] = [:]
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        for record in records {
            let start = Int((Double(record.seconds) / 300).rounded(.down)) * 300
            let service: String
            switch record.service {
            case .string(let s): service = s
            default: service = "<null>"
            }
            expected[formatter.string(from: Date(timeIntervalSince1970: Double(start))) + " " + service, default: 0] += 1
        }
        var seen: [String: Int] = [:]
        var previous: (String, Int)?
        for row in rows {
            guard case .string(let bucket) = row["b"] else {
                Issue.record("no bucket in \(row)")
                continue
            }
            var service = "<null>"
            if case .string(let s) = row["svc"] { service = s }
            let count = Int(Self.double(row["count"]) ?? -1)
            seen[bucket + " " + service] = count
            // Sorted by bucket, then by count descending.
            if let previous { #expect(previous.0 < bucket || (previous.0 == bucket && previous.1 >= count)) }
            previous = (bucket, count)
        }
        #expect(seen == expected)
        #expect(run.stderr == "")
    }

    static func double(_ value: Value?) -> Double? {
        if case .number(let x) = value { return x }
        return nil
    }

    /// The rows of loupe's `-o json` output, keys in order. A small reader of its own, because
    /// Foundation's JSONSerialization on Linux does not round every number correctly
    /// (it read -422.2261197370573 as -422.22611973705733); `Double(String)` does.
    static func rows(_ json: String) throws -> [[(key: String, value: Value)]] {
        let bytes = Array(json.utf8)
        var i = 0
        func skip() { while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 } }
        func expect(_ c: UInt8) throws {
            skip()
            guard i < bytes.count, bytes[i] == c else { throw ReadError.at(i) }
            i += 1
        }
        func string() throws -> String {
            try expect(UInt8(ascii: "\""))
            var out: [UInt8] = []
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") {
                    i += 1
                    switch bytes[i] {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "u"):
                        let scalar = Unicode.Scalar(UInt32(String(decoding: bytes[(i + 1)...(i + 4)], as: UTF8.self), radix: 16)!)!
                        out += Array(String(scalar).utf8)
                        i += 4
                    default: out.append(bytes[i])
                    }
                } else {
                    out.append(bytes[i])
                }
                i += 1
            }
            i += 1
            return String(decoding: out, as: UTF8.self)
        }
        func value() throws -> Value {
            skip()
            if bytes[i] == UInt8(ascii: "\"") { return .string(try string()) }
            let start = i
            while i < bytes.count, !",}] \n".utf8.contains(bytes[i]) { i += 1 }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            switch text {
            case "null": return .null
            case "true": return .bool(true)
            case "false": return .bool(false)
            default:
                guard let x = Double(text) else { throw ReadError.at(start) }
                return .number(x)
            }
        }
        var rows: [[(key: String, value: Value)]] = []
        try expect(UInt8(ascii: "["))
        skip()
        while i < bytes.count, bytes[i] != UInt8(ascii: "]") {
            try expect(UInt8(ascii: "{"))
            var row: [(key: String, value: Value)] = []
            repeat {
                skip()
                if bytes[i] == UInt8(ascii: ",") { i += 1 }
                let key = try string()
                try expect(UInt8(ascii: ":"))
                row.append((key, try value()))
                skip()
            } while bytes[i] == UInt8(ascii: ",")
            try expect(UInt8(ascii: "}"))
            rows.append(row)
            skip()
            if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1 }
            skip()
        }
        return rows
    }

    enum ReadError: Error {
        case at(Int)
    }

    /// Equal within 1e-12 of the magnitude involved (exactly equal when that is 0).
    static func close(_ actual: Double?, _ expected: Double, scale: Double) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= 1e-12 * max(scale, abs(expected)) || actual == expected
    }
}
