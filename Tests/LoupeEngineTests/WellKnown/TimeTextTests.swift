import Testing

@testable import LoupeJSON

@testable import LoupeEngine

/// The time formats `Timestamp.parseText` reads, and texts that must not be taken for a time.
@Suite("Time formats")
struct TimeTextTests {
    /// 2025-11-07T16:12:01Z in nanoseconds.
    static let t0: Int64 = 1_762_531_921_000_000_000

    static let accepted: [(String, Int64)] = [
        ("2025-11-07T16:12:01Z", t0),
        ("2025-11-07T16:12:01.123456789Z", t0 + 123_456_789),
        ("2025-11-07t16:12:01z", t0),
        ("2025-11-07 16:12:01", t0),  // a space for T; no zone is UTC
        ("2025-11-07 16:12:01,123", t0 + 123_000_000),  // Python's asctime
        ("2025-11-07T16:12:01.123 UTC", t0 + 123_000_000),
        ("2025-11-07 16:12:01UTC", t0),
        ("2025-11-07 16:12:01 GMT", t0),
        ("2025-11-07T18:12:01+02:00", t0),
        ("2025-11-07T18:12:01+0200", t0),  // zap
        ("2025-11-07 18:12:01 +0200", t0),  // an offset after a space
        ("2025-11-07T11:12:01-05:00", t0),
        ("2025-11-07T16:12", t0 - 1_000_000_000),
        ("2025-11-07", t0 - (16 * 3600 + 12 * 60 + 1) * 1_000_000_000),
        ("07/Nov/2025:16:12:01 +0000", t0),  // Apache, nginx
        ("07/Nov/2025:18:12:01 +0200", t0),
        ("2025/11/07 16:12:01", t0),  // Go's log
        ("2025/11/07 16:12:01.5", t0 + 500_000_000),
        ("1762531921", t0),  // epoch seconds as text
        ("1762531921.5", t0 + 500_000_000),
        ("1762531921123", t0 + 123_000_000),  // milliseconds
        ("1762531921123456", t0 + 123_456_000),  // microseconds (journald)
        ("1762531921123456789", t0 + 123_456_789),  // nanoseconds
    ]

    @Test(arguments: accepted)
    func reads(_ text: String, _ expected: Int64) {
        #expect(parse(text, .plausible) == expected)
    }

    /// Not times: words, impossible dates and clock times, a time without a date, and (when
    /// guessing) numbers too small to be a time.
    static let rejected: [String] = [
        "", "fast", "soon", "2025-13-01", "2025-02-30T00:00:00Z", "2025-11-07T25:00:00Z", "2025-11-07T16:61:00Z",
        "16:12:01", "07/Foo/2025:16:12:01 +0000", "07/Nov/2025 16:12:01", "2025/11/07", "2025-11-07T16:12:01 +nope",
        "2025-11-07T16:12:01 UTC+1", "0001-01-01T00:00:00Z", "21.5", "0", "-1762531921", "99999999", "1e3", "true",
        "2025-11-07T16:12:01.Z", "20251107",
    ]

    @Test(arguments: rejected)
    func rejects(_ text: String) {
        #expect(parse(text, .plausible) == nil)
    }

    /// A field the user names is read as it is: a small epoch number is a time then.
    @Test func namedFieldsTakeAnyEpoch() {
        #expect(parse("21.5", .any) == 21_500_000_000)
        #expect(parse("0", .any) == 0)
    }

    @Test(
        arguments: [
            ("2025-11-07T16:12:01.123456789Z {\"msg\":1}", t0 + 123_456_789),
            ("2025-11-07 16:12:01,123 INFO", t0 + 123_000_000),
            ("web-1  | ", nil),
            ("", nil),
        ] as [(String, Int64?)])
    func leadingTime(_ text: String, _ expected: Int64?) {
        var bytes = Array(text.utf8)
        bytes.append(0)
        #expect(bytes.withUnsafeBufferPointer { Timestamp.parseLeading($0.baseAddress!, $0.count - 1) } == expected)
    }

    @Test(
        arguments: [
            (t0 + 123_456_789, "2025-11-07T16:12:01.123456789Z"),
            (0, "1970-01-01T00:00:00.000000000Z"),
            (-1, "1969-12-31T23:59:59.999999999Z"),
        ] as [(Int64, String)])
    func fixedWidthText(_ ns: Int64, _ expected: String) {
        var out = [UInt8](repeating: 0, count: Timestamp.fixedRFC3339Width)
        out.withUnsafeMutableBufferPointer { Timestamp.writeFixedRFC3339(ns, to: $0.baseAddress!) }
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }

    private func parse(_ text: String, _ rule: Timestamp.EpochRule) -> Int64? {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { Timestamp.parseText($0.baseAddress!, $0.count - 1, epochs: rule) }
    }
}
