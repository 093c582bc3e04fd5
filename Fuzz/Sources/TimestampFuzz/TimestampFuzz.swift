import FuzzSupport
import Glibc

@testable import LoupeEngine
@testable import LoupeJSON

/// Timestamps and durations as records write them: RFC 3339 text, epoch numbers, `563ms`.
///
/// Checks: nothing reads past the text (AddressSanitizer, exact-size copy); a parsed RFC 3339
/// time formats back (UTC, with and without fixed fraction digits) to text that parses to the
/// same nanosecond, and its whole seconds agree with glibc's `timegm` for the formatted date;
/// an epoch number (valid JSON number text, as the evaluator passes it) read exactly in decimal
/// is within rounding of the same number read as a double, and is never refused when the
/// double is accepted; duration text never crashes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)

    if let ns = withExactCopy(bytes, { Timestamp.parseRFC3339($0, $1) }) {
        let formatted = Timestamp.format(ns)
        fuzzCheck(parse(formatted) == ns, "\(ns) formats as \(formatted), which parses to \(String(describing: parse(formatted)))")
        let nine = Timestamp.format(ns, fractionDigits: 9)
        fuzzCheck(parse(nine) == ns, "\(ns) formats with 9 digits as \(nine), which does not parse back")
        checkWithTimegm(ns, formatted)
    }

    let isNumber = withExactCopy(bytes) { base, count in JSONNumber.isNumber(base, base + count) }
    if isNumber {
        let exact = withExactCopy(bytes) { Timestamp.fromEpoch(text: $0, count: $1) }
        let value = withExactCopy(bytes) { base, count in JSONNumber.parse(base, base + count) }
        let rounded = Timestamp.fromEpoch(value)
        if let rounded {
            guard let exact else {
                fuzzCheck(false, "epoch text refused where its double \(value) gives \(rounded)")
                return 0
            }
            // The double carries 53 bits: two roundings (parse, scale) and the final one.
            let tolerance = Double(abs(rounded)) * 4.5e-16 + 2
            fuzzCheck(abs(Double(exact) - Double(rounded)) <= tolerance, "epoch text gives \(exact), its double \(rounded)")
        }
    }

    _ = withExactCopy(bytes) { DurationText.parse($0, $1) }
    return 0
}

func parse(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    return withExactCopy(bytes) { Timestamp.parseRFC3339($0, $1) }
}

/// The formatted text is `YYYY-MM-DDTHH:MM:SS...Z`: its fields, converted by glibc, must give
/// the instant's whole seconds (floored).
func checkWithTimegm(_ ns: Int64, _ formatted: String) {
    let b = Array(formatted.utf8)
    func field(_ at: Int, _ n: Int) -> Int32 { Int32(String(decoding: b[at..<(at + n)], as: UTF8.self))! }
    fuzzCheck(b.count >= 20 && b[4] == 0x2D && b[10] == 0x54, "unexpected format \(formatted)")
    var fields = tm()
    fields.tm_year = field(0, 4) - 1900
    fields.tm_mon = field(5, 2) - 1
    fields.tm_mday = field(8, 2)
    fields.tm_hour = field(11, 2)
    fields.tm_min = field(14, 2)
    fields.tm_sec = field(17, 2)
    let seconds = Int64(timegm(&fields))
    var floored = ns / 1_000_000_000
    if ns % 1_000_000_000 < 0 { floored -= 1 }
    fuzzCheck(seconds == floored, "\(formatted): timegm gives \(seconds), the instant's seconds are \(floored)")
}

@main
enum FuzzMain {
    static func main() { FuzzDriver.run(fuzz) }
}
