import Testing

@testable import LoupeJSON

@testable import LoupeEngine

/// Reading and writing timestamps; nanosecond values computed with Python's datetime.
@Suite("Timestamps")
struct TimestampTests {
    static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { Timestamp.parseRFC3339($0.baseAddress!, $0.count) }
    }

    static func epoch(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { Timestamp.fromEpoch(text: $0.baseAddress!, count: $0.count) }
    }

    // MARK: - RFC 3339

    static let rfc3339Cases: [(String, Int64)] = [
        ("2024-03-11T08:00:00Z", 1_710_144_000_000_000_000),
        ("2024-03-11t08:00:00z", 1_710_144_000_000_000_000),
        ("2024-03-11 08:00:00Z", 1_710_144_000_000_000_000),
        ("2024-03-11T08:00:00", 1_710_144_000_000_000_000),
        ("2024-03-11T08:00Z", 1_710_144_000_000_000_000),
        ("2024-03-11T08:00:00.123Z", 1_710_144_000_123_000_000),
        ("2024-03-11T08:00:00,123Z", 1_710_144_000_123_000_000),
        ("2024-03-11T08:00:00.1Z", 1_710_144_000_100_000_000),
        ("2024-03-11T08:00:00.123456Z", 1_710_144_000_123_456_000),
        ("2024-03-11T08:00:00.123456789Z", 1_710_144_000_123_456_789),
        // Digits past nanoseconds are cut, not rounded.
        ("2024-03-11T08:00:00.1234567899Z", 1_710_144_000_123_456_789),
        // Offsets: the same instant.
        ("2024-03-11T10:00:00+02:00", 1_710_144_000_000_000_000),
        ("2024-03-11T10:00:00+0200", 1_710_144_000_000_000_000),
        ("2024-03-11T10:00:00+02", 1_710_144_000_000_000_000),
        ("2024-03-11T08:00:00-23:59", 1_710_230_340_000_000_000),
        ("2024-03-11T02:30:00-05:30", 1_710_144_000_000_000_000),
        ("2024-03-11T08:00:00.5+00:00", 1_710_144_000_500_000_000),
        ("2024-03-11T08:00:00-00:00", 1_710_144_000_000_000_000),
        // Dates alone, leap days, the epoch and before it.
        ("2024-03-11", 1_710_115_200_000_000_000),
        ("2024-02-29", 1_709_164_800_000_000_000),
        ("2000-01-01T00:00:00Z", 946_684_800_000_000_000),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59.5Z", -500_000_000),
        ("1900-03-01", -2_203_891_200_000_000_000),
        ("2024-12-31T23:59:59.999999999Z", 1_735_689_599_999_999_999),
        // A leap second reads as the first second of the next minute.
        ("2016-12-31T23:59:60Z", 1_483_228_800_000_000_000),
        // The ends of Int64 nanoseconds.
        ("1677-09-21T00:12:44Z", -9_223_372_036_000_000_000),
        ("2262-04-11T23:47:16Z", 9_223_372_036_000_000_000),
    ]

    @Test(arguments: rfc3339Cases)
    func rfc3339(_ text: String, _ ns: Int64) {
        #expect(Self.parse(text) == ns)
    }

    /// Not RFC 3339, or not representable: unreadable (nil), never a guess and never a trap.
    static let unreadableCases: [String] = [
        "", "2024", "2024-03", "2024-3-11", "24-03-11", "2024/03/11", "2024-03-11T", "2024-03-11T8:00:00Z",
        "2024-13-01", "2024-00-10", "2024-02-30", "2023-02-29", "2024-04-31", "2024-03-00",
        "2024-03-11T24:00:00Z", "2024-03-11T08:60:00Z", "2024-03-11T08:00:61Z", "2024-03-11T08:00:00.Z",
        "2024-03-11T08:00:00ZZ", "2024-03-11T08:00:00 Z", "2024-03-11T08:00:00+2", "2024-03-11T08:00:00+02:0",
        "2024-03-11T08:00:00UTC", "2024-03-11Z", " 2024-03-11", "2024-03-11 ", "Mon, 11 Mar 2024 08:00:00 GMT",
        "1710144000", "now",
        // Offsets outside 00:00-23:59 (read as days off before: a probe finding).
        "2024-01-01T10:00:00+24:00", "2024-01-01T10:00:00+99:00", "2024-01-01T10:00:00+05:60", "2024-01-01T10:00:00+0599",
        "2024-01-01T10:00:00-47:59",
        // Outside what Int64 nanoseconds can hold (Go's zero time is common in logs).
        "0001-01-01T00:00:00Z", "1677-09-21T00:12:43Z", "2262-04-11T23:47:17Z", "9999-12-31T23:59:59Z",
    ]

    @Test(arguments: unreadableCases)
    func unreadable(_ text: String) {
        #expect(Self.parse(text) == nil)
    }

    // MARK: - Epoch numbers: s, ms, us, ns told apart by magnitude

    static let epochCases: [(String, Int64?)] = [
        ("0", 0),
        ("1710144000", 1_710_144_000_000_000_000),
        ("1710144000.5", 1_710_144_000_500_000_000),
        // Exactly, not through the nearest double (which gives ...122999808).
        ("1710144000.123", 1_710_144_000_123_000_000),
        ("1710144000.123456789", 1_710_144_000_123_456_789),
        ("1710144000123", 1_710_144_000_123_000_000),
        ("1710144000123.5", 1_710_144_000_123_500_000),
        ("1710144000123456", 1_710_144_000_123_456_000),
        ("1710144000123456789", 1_710_144_000_123_456_789),
        ("1.710144000123E12", 1_710_144_000_123_000_000),
        ("1.710144e9", 1_710_144_000_000_000_000),
        ("17101440001234567e2", 1_710_144_000_123_456_700),
        // The magnitude boundaries: below 1e11 seconds, below 1e14 ms, below 1e17 us, else ns.
        ("9199999999", 9_199_999_999_000_000_000),
        ("100000000000", 100_000_000_000_000_000),
        ("9199999999999", 9_199_999_999_999_000_000),
        ("100000000000000", 100_000_000_000_000_000),
        ("9199999999999998", 9_199_999_999_999_998_000),
        ("100000000000000000", 100_000_000_000_000_000),
        // Seconds, milliseconds or microseconds past 2261 do not fit Int64 nanoseconds.
        ("99999999999", nil),
        ("99999999999999", nil),
        ("99999999999999.9", nil),
        // Before the epoch, by magnitude too.
        ("-1", -1_000_000_000),
        ("-0.5", -500_000_000),
        ("-1710144000123", -1_710_144_000_123_000_000),
        // Rounding to the nearest nanosecond, halves away from zero.
        ("1.0000000004", 1_000_000_000),
        ("1.0000000005", 1_000_000_001),
        ("-1.0000000005", -1_000_000_001),
        ("0.0000000000001", 0),
        // Too far from the epoch for Int64 nanoseconds.
        ("9300000000000000000", nil),
        ("-9300000000000000000", nil),
        ("1e300", nil),
    ]

    @Test(arguments: epochCases)
    func epochText(_ text: String, _ ns: Int64?) {
        #expect(Self.epoch(text) == ns)
    }

    /// Where scaling the double is exact, both readings give the same instant. (Not always:
    /// 1710144000123 ms times 1e6 is 1710144000123000064 as a double.)
    @Test(arguments: ["0", "1710144000", "1710144000.5", "1710144000000", "-1", "-0.25", "86400"])
    func epochTextAgreesWithDouble(_ text: String) {
        #expect(Self.epoch(text) == Timestamp.fromEpoch(Double(text)!))
    }

    @Test func epochDoubleRejectsNonFinite() {
        #expect(Timestamp.fromEpoch(.infinity) == nil)
        #expect(Timestamp.fromEpoch(-.infinity) == nil)
        #expect(Timestamp.fromEpoch(.nan) == nil)
        #expect(Timestamp.fromEpoch(9.3e18) == nil)
    }

    // MARK: - Formatting

    static let formatCases: [(Int64, Int?, String)] = [
        (0, nil, "1970-01-01T00:00:00Z"),
        (1_710_144_000_000_000_000, nil, "2024-03-11T08:00:00Z"),
        (1_710_144_000_123_000_000, nil, "2024-03-11T08:00:00.123Z"),
        (1_710_144_000_123_400_000, nil, "2024-03-11T08:00:00.123400Z"),
        (1_710_144_000_000_000_001, nil, "2024-03-11T08:00:00.000000001Z"),
        (-1, nil, "1969-12-31T23:59:59.999999999Z"),
        (-500_000_000, nil, "1969-12-31T23:59:59.500Z"),
        (-86_400_000_000_000, nil, "1969-12-31T00:00:00Z"),
        (951_782_400_000_000_000, nil, "2000-02-29T00:00:00Z"),
        (-9_223_372_036_000_000_000, nil, "1677-09-21T00:12:44Z"),
        (9_223_372_036_854_775_807, nil, "2262-04-11T23:47:16.854775807Z"),
        // A fixed number of fraction digits, as bucket columns use.
        (1_710_144_000_000_000_000, 3, "2024-03-11T08:00:00.000Z"),
        (1_710_144_000_500_000_000, 3, "2024-03-11T08:00:00.500Z"),
        (1_710_144_000_500_000_000, 0, "2024-03-11T08:00:00Z"),
        (1_710_144_000_000_250_000, 6, "2024-03-11T08:00:00.000250Z"),
        (-500_000_000, 9, "1969-12-31T23:59:59.500000000Z"),
    ]

    @Test(arguments: formatCases)
    func format(_ ns: Int64, _ digits: Int?, _ text: String) {
        #expect(Timestamp.format(ns, fractionDigits: digits) == text)
    }

    /// Formatting then parsing gives the same instant.
    @Test func formatRoundTrips() {
        var random = StageRandom(seed: 3)
        for _ in 0..<2000 {
            let ns = Int64.random(in: -9_000_000_000_000_000_000...9_000_000_000_000_000_000, using: &random)
            #expect(Self.parse(Timestamp.format(ns)) == ns)
        }
    }

    // MARK: - bucket(): flooring to multiples of the width since the epoch, in UTC

    /// Timestamps and the bucket each falls in, for one width.
    static let bucketCases: [(width: String, lines: [String], expected: [[String]])] = [
        (
            "1m",
            [
                #"{"ts":"2024-03-11T08:00:00Z"}"#, #"{"ts":"2024-03-11T08:00:59.999999999Z"}"#, #"{"ts":"2024-03-11T08:01:00Z"}"#,
                #"{"ts":"2024-03-11T10:00:30+02:00"}"#, #"{"ts":1710144030}"#, #"{"ts":1710144060000}"#,
            ],
            [[#""2024-03-11T08:00:00Z""#, "4"], [#""2024-03-11T08:01:00Z""#, "2"]]
        ),
        // Aligned to UTC days, not to the local day of an offset.
        (
            "1d",
            [#"{"ts":"2024-03-11T23:30:00-05:00"}"#, #"{"ts":"2024-03-12T00:00:00Z"}"#, #"{"ts":"2024-03-11T23:59:59Z"}"#],
            [[#""2024-03-12T00:00:00Z""#, "2"], [#""2024-03-11T00:00:00Z""#, "1"]]
        ),
        // Before the epoch a bucket floors (to the earlier multiple), it does not truncate toward 0.
        (
            "1m",
            [
                #"{"ts":-1}"#, #"{"ts":"1969-12-31T23:59:00Z"}"#, #"{"ts":-60.000000001}"#, #"{"ts":0}"#,
                #"{"ts":"1969-12-31T23:58:59.999Z"}"#,
            ],
            [[#""1969-12-31T23:59:00Z""#, "2"], [#""1969-12-31T23:58:00Z""#, "2"], [#""1970-01-01T00:00:00Z""#, "1"]]
        ),
        (
            "7s",
            [#"{"ts":-1}"#, #"{"ts":-7}"#, #"{"ts":-8}"#, #"{"ts":6.999}"#, #"{"ts":7}"#],
            [
                [#""1969-12-31T23:59:53Z""#, "2"], [#""1969-12-31T23:59:46Z""#, "1"], [#""1970-01-01T00:00:00Z""#, "1"],
                [#""1970-01-01T00:00:07Z""#, "1"],
            ]
        ),
        // Sub-second widths print every bucket with the same digits, so they sort as text.
        (
            "250ms",
            [#"{"ts":"2024-03-11T08:00:00.7Z"}"#, #"{"ts":"2024-03-11T08:00:00.2Z"}"#, #"{"ts":1710144001.0}"#, #"{"ts":1710144000123}"#],
            [[#""2024-03-11T08:00:00.500Z""#, "1"], [#""2024-03-11T08:00:00.000Z""#, "2"], [#""2024-03-11T08:00:01.000Z""#, "1"]]
        ),
        // Epoch numbers land in the right millisecond.
        (
            "1ms",
            [#"{"ts":1710144000.123}"#, #"{"ts":1710144000123}"#, #"{"ts":1710144000123999}"#, #"{"ts":1710144000124000000}"#],
            [[#""2024-03-11T08:00:00.123Z""#, "3"], [#""2024-03-11T08:00:00.124Z""#, "1"]]
        ),
        // A width that is not a divisor of a day: multiples since the epoch.
        (
            "7d",
            [#"{"ts":"1970-01-07T23:59:59Z"}"#, #"{"ts":"1970-01-08"}"#, #"{"ts":"2024-03-11"}"#],
            [[#""1970-01-01T00:00:00Z""#, "1"], [#""1970-01-08T00:00:00Z""#, "1"], [#""2024-03-07T00:00:00Z""#, "1"]]
        ),
    ]

    @Test(arguments: bucketCases)
    func bucket(_ c: (width: String, lines: [String], expected: [[String]])) throws {
        let (table, unbucketed) = try StageHarness.groups("* | count by bucket(ts, \(c.width))", chunks: [c.lines])
        #expect(table.rows().map { $0.map(\.jsonText) } == c.expected)
        #expect(unbucketed == 0)
    }

    /// A record whose bucket timestamp is missing, null, unreadable or out of range joins no
    /// group and is counted.
    @Test func unbucketedRecords() throws {
        let lines = [
            #"{"ts":"2024-03-11T08:00:00Z","s":"a"}"#, #"{"s":"a"}"#, #"{"ts":null}"#, #"{"ts":"yesterday"}"#, #"{"ts":true}"#,
            #"{"ts":{"sec":1}}"#, #"{"ts":"0001-01-01T00:00:00Z"}"#, #"{"ts":1e300}"#, #"{"ts":"2024-03-11T08:00:10Z","s":"b"}"#,
        ]
        let (table, unbucketed) = try StageHarness.groups("* | count by bucket(ts, 1m), s", chunks: [lines])
        #expect(
            table.rows().map { $0.map(\.jsonText) } == [
                [#""2024-03-11T08:00:00Z""#, #""a""#, "1"], [#""2024-03-11T08:00:00Z""#, #""b""#, "1"],
            ])
        #expect(unbucketed == 7)
    }

    /// A bucket starting before Int64's range cannot be named: the record is left out, no trap.
    @Test func bucketNearTheStartOfTime() throws {
        let (table, unbucketed) = try StageHarness.groups(
            "* | count by bucket(ts, 100000d)", chunks: [[#"{"ts":"1677-09-21T00:12:44Z"}"#, #"{"ts":"1970-01-01"}"#]])
        #expect(table.rows().map { $0.map(\.jsonText) } == [[#""1970-01-01T00:00:00Z""#, "1"]])
        #expect(unbucketed == 1)
    }
}
