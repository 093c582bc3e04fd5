import Testing

@testable import LoupeEngine

@Suite("Group key encoding")
struct GroupKeyEncodingTests {
    /// Values (JSON text; nil is missing) that must encode to the same bytes.
    static let equalCases: [[String?]] = [
        ["1", "1.0", "1e0", "1E+0", "0.1e1", "10e-1"],
        ["0", "-0", "0.0", "-0.0", "0e10"],
        ["-2.5", "-25e-1", "-0.25E1"],
        ["1000", "1e3", "1E+3", "1000.0", "10000e-1"],
        ["1712790000123000001", "1712790000123000001.0", "1.712790000123000001E18", "17127900001230000010e-1"],
        ["9223372036854775807", "9.223372036854775807e18"],
        ["0", "1e-400", "-1e-400"],
        [#""api""#, #""\u0061pi""#, #""\u0061\u0070\u0069""#],
        [#""a\/b""#, #""a/b""#],
        [#""é""#, #""\u00e9""#, #""\u00E9""#],
        [#""😀""#, #""\ud83d\ude00""#],
        ["null", nil],
        ["true"],
        ["false"],
    ]

    @Test(arguments: equalCases)
    func equalValuesEncodeAlike(_ values: [String?]) throws {
        let keys = try values.map(StageHarness.encoded)
        #expect(Set(keys).count == 1, "\(keys)")
    }

    /// Values that look alike but are different keys.
    static let differentCases: [[String?]] = [
        ["1", #""1""#, "true", #""true""#, "null", #""null""#, #""""#, "[]", "{}", #""[]""#],
        ["1", "1.0000000000000002", "2"],
        // Integers beyond 2^53 are keyed by their exact value, not their double.
        ["1712790000123000001", "1712790000123000002", "1712790000123000064", "1.712790000123e18", "1712790000123000001.5"],
        ["9007199254740992", "9007199254740993", "9007199254740994"],
        ["9223372036854775806", "9223372036854775807", "9223372036854775808", "-9223372036854775808"],
        [#""a""#, #""A""#, #""a ""#, #""e\u0301""#, #""é""#],
        ["[1,2]", "[2,1]", "[1, 2]"],
    ]

    @Test(arguments: differentCases)
    func differentValuesEncodeApart(_ values: [String?]) throws {
        let keys = try values.map(StageHarness.encoded)
        #expect(Set(keys).count == keys.count, "\(keys)")
    }

    /// Decoding gives the row values back: missing and null as null, numbers by value,
    /// strings decoded, objects and arrays as their text.
    static let decodeCases: [(String?, RowValue)] = [
        (nil, .null),
        ("null", .null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("-0", .number(0)),
        ("12.5e1", .number(125)),
        ("1712790000123000001", .number(.integer(1_712_790_000_123_000_001))),
        ("-9223372036854775808", .number(.integer(Int64.min))),
        ("0.25", .number(.double(0.25))),
        ("9223372036854775808", .number(.double(9_223_372_036_854_775_808))),
        ("1e400", .number(.double(.infinity))),
        (#""a\"b\\c\n""#, .string("a\"b\\c\n")),
        (#""\u0000""#, .string("\u{0}")),
        (#""""#, .string("")),
        (#"{"a": [1, 2]}"#, .json(#"{"a": [1, 2]}"#)),
        ("[]", .json("[]")),
    ]

    @Test(arguments: decodeCases)
    func decode(_ value: String?, _ expected: RowValue) throws {
        let decoded = GroupKeyEncoding.decode(try StageHarness.encoded(value))
        #expect(decoded == [expected])
        // `==` on numbers is by value; the text shows every digit came back.
        #expect(decoded.map(\.jsonText) == [expected.jsonText])
    }

    /// A tuple of keys decodes to its values in order; length prefixes keep ("a", "b") apart
    /// from ("ab", "").
    @Test func tuples() throws {
        let ab = try StageHarness.encoded(#""a""#) + StageHarness.encoded(#""b""#)
        let abEmpty = try StageHarness.encoded(#""ab""#) + StageHarness.encoded(#""""#)
        #expect(ab != abEmpty)
        #expect(GroupKeyEncoding.decode(ab) == [.string("a"), .string("b")])
        #expect(GroupKeyEncoding.decode(abEmpty) == [.string("ab"), .string("")])
        let mixed = try StageHarness.encoded("1") + StageHarness.encoded(nil) + StageHarness.encoded("[true]")
        #expect(GroupKeyEncoding.decode(mixed) == [.number(1), .null, .json("[true]")])
    }

    /// A bucket key carries its start and the fraction digits of its width, and decodes to the
    /// RFC 3339 text of its start.
    static let bucketCases: [(start: Int64, width: Int64, text: String)] = [
        (0, 60_000_000_000, "1970-01-01T00:00:00Z"),
        (1_710_115_200_000_000_000, 86_400_000_000_000, "2024-03-11T00:00:00Z"),
        (1_710_144_000_500_000_000, 500_000_000, "2024-03-11T08:00:00.500Z"),
        (1_710_144_000_000_000_000, 500_000_000, "2024-03-11T08:00:00.000Z"),
        (1_710_144_000_000_250_000, 250_000, "2024-03-11T08:00:00.000250Z"),
        (1_710_144_000_000_000_007, 7, "2024-03-11T08:00:00.000000007Z"),
        (1_710_144_001_000_000_000, 1_500_000_000, "2024-03-11T08:00:01.000Z"),
        (-60_000_000_000, 60_000_000_000, "1969-12-31T23:59:00Z"),
        (-500_000_000, 500_000_000, "1969-12-31T23:59:59.500Z"),
    ]

    @Test(arguments: bucketCases)
    func bucket(_ c: (start: Int64, width: Int64, text: String)) {
        var key: [UInt8] = []
        GroupKeyEncoding.appendBucket(c.start, fractionDigits: GroupKeyEncoding.fractionDigits(forBucketWidth: c.width), to: &key)
        #expect(GroupKeyEncoding.decode(key) == [.string(c.text)])
    }

    static let fractionDigitCases: [(Int64, UInt8)] = [
        (1, 9), (999, 9), (1000, 6), (1500, 9), (1_500_000, 6), (1_000_000, 3), (250_000_000, 3), (1_000_000_000, 0), (1_500_000_000, 3),
        (60_000_000_000, 0), (86_400_000_000_000, 0), (1_000_001_000, 6),
    ]

    @Test(arguments: fractionDigitCases)
    func fractionDigits(_ width: Int64, _ digits: UInt8) {
        #expect(GroupKeyEncoding.fractionDigits(forBucketWidth: width) == digits)
    }
}
