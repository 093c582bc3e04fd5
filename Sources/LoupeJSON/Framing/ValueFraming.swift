import Glibc
import LoupeIO

/// Cuts JSON values that are not one per line into records: values one after another
/// (pretty-printed or not, concatenated files), the elements of top-level arrays, or RFC 7464
/// JSON text sequences (each text opens with RS, 0x1E).
///
/// It finds where values end without validating them (strings are skipped with the splitter's
/// eight-bytes-at-a-time step); each record is then validated by the scanner like a line.
/// Guarantees:
/// - Valid input is framed exactly: one record per value or array element, at any size.
/// - A broken value is one record (skipped and counted by the reader); framing resumes at the
///   next value. A value is broken when a bracket closes the wrong opener, a string holds a raw
///   line end, or the input ends inside it. It then ends before the next line that starts,
///   no deeper indented than it, with `{`, `[`, `]` or RS (pretty printers indent what is
///   inside a value), or at the next RS in a text sequence.
/// - Between values: blanks, RS, byte order marks (concatenated files) and, in an array,
///   commas are skipped. An array that the input ends inside is one bad record (at the end),
///   after the whole elements it holds (the element it cut, if any, is that record).
/// - In `wrapped` mode, a top-level object that holds the array of one of `RecordWrapper`'s
///   paths gives that array's elements as records; its other members (`kind`, `took`,
///   `nextToken`) are the wrapper's, not records, and are passed over. An object without such
///   an array is a record. The framing looks into an object only as far as the array's start,
///   so a wrapper costs what its elements cost.
package struct ValueFraming: Sendable {
    package enum Mode: Sendable {
        /// JSON values and arrays of records.
        case values
        /// As `values`, and the records of objects that wrap them (`RecordWrapper`).
        case wrapped
        /// RFC 7464: a record is what lies between one RS and the next.
        case sequence
    }

    /// What `frame` found: the records and how many bytes they (and what lies between them)
    /// took; the bytes after `consumed` are framed by the next call, from the state then.
    package struct Framed {
        package var frames: RecordFrames
        package var consumed: Int
    }

    let mode: Mode
    /// Inside a top-level array (or a wrapper's array), whose elements are the records.
    private var inArray = false
    /// How many wrapper objects are open around the framing (0 outside one); after their
    /// array closes, their other members are passed over until the last of them closes.
    private var openWrappers = 0
    /// The open brackets of the value being walked (reused from value to value).
    private var stack: [UInt8] = []
    /// The column of the first byte of the next call's bytes (a broken value's indentation
    /// decides where reading resumes, and its line may have started in earlier bytes).
    private var startColumn = 0
    /// A run of broken bytes that finds no place to resume is cut at this length, so that
    /// binary data (a stream of zeros) cannot grow the buffer without end.
    package static let maxBrokenRun = 16 << 20

    package init(_ mode: Mode) {
        self.mode = mode
    }

    /// Frames the records of the `count` bytes at `base`, stopping after the first record that
    /// ends at or past `target`. With `atEnd` false, a record that runs past `count` is left
    /// for a later call with more bytes (then `consumed` may be 0: read more and call again);
    /// with `atEnd` true every byte is consumed.
    package mutating func frame(_ base: UnsafePointer<UInt8>, count: Int, target: Int, atEnd: Bool) -> Framed {
        switch mode {
        case .values, .wrapped:
            let framed = frameValues(base, count: count, target: target, atEnd: atEnd)
            // The next call's bytes start at `consumed`, maybe inside a line.
            startColumn = column(base, framed.consumed)
            return framed
        case .sequence:
            return frameSequence(base, count: count, target: target, atEnd: atEnd)
        }
    }

    /// The column of the byte at `offset`: bytes since the line end before it, counting those
    /// of earlier calls (`startColumn`) when the line started before `base`.
    private func column(_ base: UnsafePointer<UInt8>, _ offset: Int) -> Int {
        var k = offset
        while k > 0, base[k - 1] != 0x0A { k -= 1 }
        return k == 0 ? startColumn + offset : offset - k
    }

    // MARK: - Values

    private mutating func frameValues(_ base: UnsafePointer<UInt8>, count: Int, target: Int, atEnd: Bool) -> Framed {
        let frames = RecordFrames()
        var i = 0
        // The last record was a value the input ends inside: already the one bad record.
        var cutValue = false
        // The JSON of the bad records read as an opener they lack the end of (see below).
        var rewritten: [UInt8] = []
        func appendBroken(_ written: Range<Int>, opener: UInt8) {
            var frame = RecordFrame(written: written, json: written)
            frame.rewrittenStart = rewritten.count
            frame.rewrittenCount = 1
            rewritten.append(opener)
            frames.append(frame)
        }
        // Every return hands out the frames, so their rewritten bytes go with each.
        defer { frames.setRewritten(rewritten) }
        while i < count {
            let c = base[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x1E {
                i += 1
                continue
            }
            if c == 0xEF {
                // A byte order mark (concatenated files); a cut one waits for its other bytes.
                if count - i < 3 && !atEnd { break }
                if count - i >= 3, base[i + 1] == 0xBB, base[i + 2] == 0xBF {
                    i += 3
                    continue
                }
            }
            if inArray && c == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if inArray && c == UInt8(ascii: "]") {
                inArray = false
                i += 1
                continue
            }
            if openWrappers > 0 && !inArray {
                // A wrapper's members after its records: passed over, up to its closing brace.
                if c == UInt8(ascii: ",") {
                    i += 1
                } else if c == UInt8(ascii: "}") {
                    openWrappers -= 1
                    i += 1
                } else {
                    switch memberEnd(base, count: count, from: i) {
                    case .complete(let end):
                        i = end
                    case .incomplete where !atEnd:
                        return Framed(frames: frames, consumed: i)
                    case .incomplete, .broken:
                        // A broken wrapper: what is left of it is one bad record.
                        guard let resume = resumePoint(base, count: count, from: i, atEnd: atEnd) else {
                            return Framed(frames: frames, consumed: i)
                        }
                        openWrappers = 0
                        // Read as the `{` it lacks the end of: a cut member (`"nextToken"`)
                        // may be valid JSON by itself, and it is no record.
                        appendBroken(i..<resume, opener: UInt8(ascii: "{"))
                        cutValue = atEnd && resume == count
                        i = resume
                    }
                }
                continue
            }
            if !inArray && c == UInt8(ascii: "[") {
                inArray = true
                i += 1
                continue
            }
            if mode == .wrapped && !inArray && c == UInt8(ascii: "{") {
                switch wrappedRecords(base, count: count, from: i) {
                case .records(let arrayStart, let depth):
                    openWrappers = depth
                    inArray = true
                    i = arrayStart
                    continue
                case .incomplete where !atEnd:
                    return Framed(frames: frames, consumed: i)
                case .incomplete, .notWrapper:
                    break
                }
            }
            let end: Int
            switch valueEnd(base, count: count, from: i) {
            case .complete(let valueEnd):
                end = valueEnd
            case .incomplete where !atEnd:
                return Framed(frames: frames, consumed: i)
            case .incomplete, .broken:
                guard let resume = resumePoint(base, count: count, from: i, atEnd: atEnd) else {
                    return Framed(frames: frames, consumed: i)
                }
                end = resume
                cutValue = atEnd && resume == count
            }
            Self.append(base, i..<end, to: frames)
            i = end
            if i >= target { break }
        }
        if i == count && atEnd && (inArray || openWrappers > 0) && !cutValue {
            // The input ends inside an array or a wrapper (a cut export): its whole elements
            // were read; the cut is one bad record, read as the `[` (or `{`) it lacks the end
            // of, at the input's end.
            appendBroken(count..<count, opener: inArray ? UInt8(ascii: "[") : UInt8(ascii: "{"))
            inArray = false
            openWrappers = 0
        }
        return Framed(frames: frames, consumed: i)
    }

    private enum ValueEnd {
        case complete(Int)
        case incomplete
        case broken
    }

    /// Where the value at `from` ends: after its closing bracket, its closing quote, or its
    /// last byte (a number or literal; not checked here).
    private mutating func valueEnd(_ base: UnsafePointer<UInt8>, count: Int, from: Int) -> ValueEnd {
        let c = base[from]
        if c == UInt8(ascii: "\"") {
            guard let close = JSONSplitter.stringEnd(base, count: count, from: from) else { return .incomplete }
            return Self.holdsLineEnd(base, from + 1, close) ? .broken : .complete(close + 1)
        }
        if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { return containerEnd(base, count: count, from: from) }
        guard
            c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "t") || c == UInt8(ascii: "f")
                || c == UInt8(ascii: "n")
        else { return .broken }
        var j = from
        while j < count, !Self.endsScalar(base[j]) { j += 1 }
        return j == count ? .incomplete : .complete(j)
    }

    private mutating func containerEnd(_ base: UnsafePointer<UInt8>, count: Int, from: Int) -> ValueEnd {
        stack.removeAll(keepingCapacity: true)
        var j = from
        while j < count {
            switch base[j] {
            case UInt8(ascii: "\""):
                guard let close = JSONSplitter.stringEnd(base, count: count, from: j) else { return .incomplete }
                if Self.holdsLineEnd(base, j + 1, close) { return .broken }
                j = close
            case UInt8(ascii: "{"):
                stack.append(UInt8(ascii: "{"))
            case UInt8(ascii: "["):
                stack.append(UInt8(ascii: "["))
            case UInt8(ascii: "}"):
                guard stack.last == UInt8(ascii: "{") else { return .broken }
                stack.removeLast()
                if stack.isEmpty { return .complete(j + 1) }
            case UInt8(ascii: "]"):
                guard stack.last == UInt8(ascii: "[") else { return .broken }
                stack.removeLast()
                if stack.isEmpty { return .complete(j + 1) }
            default:
                break
            }
            j += 1
        }
        return .incomplete
    }

    /// Where the member (`"key": value`) at `from` ends.
    private mutating func memberEnd(_ base: UnsafePointer<UInt8>, count: Int, from: Int) -> ValueEnd {
        guard base[from] == UInt8(ascii: "\"") else { return .broken }
        guard let close = JSONSplitter.stringEnd(base, count: count, from: from) else { return .incomplete }
        guard let value = valueStart(base, count: count, afterKeyEnd: close) else { return .incomplete }
        guard value >= 0 else { return .broken }
        return valueEnd(base, count: count, from: value)
    }

    /// The offset of the value after the key whose closing quote is at `close`: past blanks, a
    /// colon and blanks. nil when the bytes end first, -1 when something else is there.
    private func valueStart(_ base: UnsafePointer<UInt8>, count: Int, afterKeyEnd close: Int) -> Int? {
        var j = close + 1
        while j < count, Self.isBlank(base[j]) { j += 1 }
        guard j < count else { return nil }
        guard base[j] == UInt8(ascii: ":") else { return -1 }
        j += 1
        while j < count, Self.isBlank(base[j]) { j += 1 }
        return j < count ? j : nil
    }

    private enum WrapperLook {
        /// The records' array opens just before `arrayStart`, inside `depth` objects.
        case records(arrayStart: Int, depth: Int)
        case notWrapper
        case incomplete
    }

    /// Whether the object at `from` wraps records: walks its members (and those of the objects
    /// on a `RecordWrapper` path) up to the array at the path's end, passing over other values.
    private mutating func wrappedRecords(_ base: UnsafePointer<UInt8>, count: Int, from: Int) -> WrapperLook {
        var j = from + 1
        var depth = 1
        // The paths that still agree with the keys taken so far.
        var paths = RecordWrapper.recordPaths
        while true {
            while j < count, Self.isBlank(base[j]) || base[j] == UInt8(ascii: ",") { j += 1 }
            guard j < count else { return .incomplete }
            guard base[j] == UInt8(ascii: "\"") else { return .notWrapper }
            guard let close = JSONSplitter.stringEnd(base, count: count, from: j) else { return .incomplete }
            let key = UnsafeBufferPointer(start: base + j + 1, count: close - j - 1)
            guard let value = valueStart(base, count: count, afterKeyEnd: close) else { return .incomplete }
            guard value >= 0 else { return .notWrapper }
            let opener = base[value]
            let matching = paths.filter { $0.count > depth - 1 && $0[depth - 1].elementsEqual(key) }
            if opener == UInt8(ascii: "["), matching.contains(where: { $0.count == depth }) {
                return .records(arrayStart: value + 1, depth: depth)
            }
            if opener == UInt8(ascii: "{"), matching.contains(where: { $0.count > depth }) {
                paths = matching
                depth += 1
                j = value + 1
                continue
            }
            switch valueEnd(base, count: count, from: value) {
            case .complete(let end): j = end
            case .incomplete: return .incomplete
            case .broken: return .notWrapper
            }
        }
    }

    /// Where reading resumes after a broken value that starts at `from`: the start of the next
    /// line indented no deeper than it that opens with `{`, `[`, `]` or RS. nil when more bytes
    /// are needed to know; at the end of input, the end.
    private func resumePoint(_ base: UnsafePointer<UInt8>, count: Int, from: Int, atEnd: Bool) -> Int? {
        let column = column(base, from)
        var p = from
        while p < count {
            guard let newline = memchr(base + p, 0x0A, count - p) else { break }
            let next = UnsafePointer<UInt8>(newline.assumingMemoryBound(to: UInt8.self)) - base + 1
            var k = next
            while k < count, base[k] == 0x20 || base[k] == 0x09 { k += 1 }
            if k < count, k - next <= column {
                let c = base[k]
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == 0x1E { return next }
            }
            if k == count && !atEnd { return nil }
            p = next
        }
        if atEnd || count - from >= Self.maxBrokenRun { return count }
        return nil
    }

    // MARK: - Text sequences

    private mutating func frameSequence(_ base: UnsafePointer<UInt8>, count: Int, target: Int, atEnd: Bool) -> Framed {
        let frames = RecordFrames()
        var i = 0
        while i < count {
            // A text runs from its RS to the next RS; bytes before the first RS form one too.
            let start = base[i] == 0x1E ? i + 1 : i
            var end: Int
            if let rs = memchr(base + start, 0x1E, count - start) {
                end = UnsafePointer<UInt8>(rs.assumingMemoryBound(to: UInt8.self)) - base
            } else if atEnd || count - start >= Self.maxBrokenRun {
                end = count
            } else {
                break
            }
            var first = start
            while first < end, Self.isBlank(base[first]) || Self.isMarkByte(base, first, end) { first += Self.isBlank(base[first]) ? 1 : 3 }
            var last = end
            while last > first, Self.isBlank(base[last - 1]) { last -= 1 }
            if last > first { frames.append(RecordFrame(written: first..<last, json: first..<last)) }
            i = end
            if last > first && i >= target { break }
        }
        return Framed(frames: frames, consumed: i)
    }

    // MARK: - Bytes

    /// Adds the record in `range`, without the blanks that end it, to `frames`.
    private static func append(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, to frames: RecordFrames) {
        var last = range.upperBound
        while last > range.lowerBound, isBlank(base[last - 1]) { last -= 1 }
        frames.append(RecordFrame(written: range.lowerBound..<last, json: range.lowerBound..<last))
    }

    private static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    /// A UTF-8 byte order mark at `k` (before `end`).
    private static func isMarkByte(_ base: UnsafePointer<UInt8>, _ k: Int, _ end: Int) -> Bool {
        end - k >= 3 && base[k] == 0xEF && base[k + 1] == 0xBB && base[k + 2] == 0xBF
    }

    private static func endsScalar(_ c: UInt8) -> Bool {
        isBlank(c) || c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: "[")
            || c == UInt8(ascii: "{") || c == UInt8(ascii: "\"") || c == 0x1E
    }

    /// True when a raw line end lies in `[from, to)`: never in a valid string.
    private static func holdsLineEnd(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        to > from && memchr(base + from, 0x0A, to - from) != nil
    }
}
