import CLoupeSearch
import Glibc
import LoupeIO

/// One step of `JSONReader`: a structural token or a scalar; the bytes of keys, strings and
/// numbers are in `JSONReader.text` until the next call.
package enum JSONToken: UInt8, Sendable {
    case beginObject, endObject, beginArray, endArray
    /// An object member's name; its value follows.
    case key
    case string, number, `true`, `false`, null
    /// No more values in the input (only after a complete top-level value).
    case endOfInput
}

/// A pull reader over a sequence of JSON texts (RFC 8259: strict UTF-8, no NaN), token by token.
///
/// It validates as it goes and throws the first `JSONError` with its absolute byte offset.
/// Memory stays bounded by the largest single token, not by the input: a stream is read in
/// blocks into a window that slides forward (it grows only for a token longer than the
/// window), and a mapped file's pages are released behind the reader. Nesting depth lives on
/// a heap stack, so deep input cannot overflow the call stack. Several top-level values may
/// follow one another (concatenated JSON, JSON lines). One reader belongs to one thread.
package struct JSONReader {
    private let stream: (any ByteStream)?
    private let mapping: MappedFile?
    private var owned: OwnedBuffer?
    /// The window: `limit` valid bytes at `base`; `position` is the next unread byte. The
    /// last token's text is at `base + textStart ..< base + textEnd`.
    package private(set) var base: UnsafePointer<UInt8>
    private var limit: Int
    private var position = 0
    /// Bytes of the input before `base`.
    private var windowOffset = 0
    private var atEnd: Bool
    private let blockSize: Int
    /// Mapped pages before this offset (in the window) were handed back to the kernel.
    private var releasedUpTo = 0
    private let isMapped: Bool
    private var pastByteOrderMark = false
    /// Why the stream ended early, when a read failed (the reader then reports a cut input).
    package private(set) var readFailure: InputError?

    /// Open containers, innermost last: true for an array. Kept in unmanaged memory (owned
    /// by `stackOwner`) so a push or pop is a store, with no uniqueness check.
    private var stackOwner = ContainerStack()
    private var stack: UnsafeMutablePointer<Bool>
    private var stackCapacity: Int
    private var openContainers = 0
    private var expect: Expectation = .topLevel

    /// The last key, string or number token: its bytes (string bodies without quotes).
    package private(set) var textStart = 0
    package private(set) var textEnd = 0
    /// Whether the last string or key contains a backslash escape.
    package private(set) var textEscaped = false
    /// Absolute offset of the last token's first byte.
    package private(set) var tokenOffset = 0
    /// Newlines before `position`. Valid JSON has newlines only between tokens, so counting
    /// them where whitespace is skipped sees every one.
    private var newlines = 0
    /// False when the bytes before the reader's start are not known (one piece of a split
    /// file): then lines cannot be numbered.
    private let numbersLines: Bool
    /// For inputs that hold one value per line (OTLP JSON lines): a newline inside a value ends
    /// the line, and so the value, with an error at the newline; `resynchronizeAtNextLine`
    /// then starts at the very next line, which a cut line must never swallow.
    package var newlineEndsValue = false
    /// Inside a span of a trace document: a string holding bytes that are not text (invalid
    /// UTF-8, a NUL or another control byte) is read to its closing quote instead of ending the
    /// read, and what the first such string held is kept in `badText`, for the decoder to skip
    /// that span and read on. (A reason, not a whole error: the reader is copied in and out of
    /// the decoders' calls, and every byte it grows costs on each span.)
    package var readsPastBadStrings = false
    package var badText: JSONError.Reason?

    private enum Expectation {
        case topLevel, value, firstValueOrEnd, firstKeyOrEnd, key, colon, separatorOrEnd
    }

    /// Reads an opened input; a stream is read in blocks of `blockSize` bytes.
    package init(_ input: OpenedInput, blockSize: Int = 1 << 20) {
        stack = stackOwner.pointer
        stackCapacity = stackOwner.capacity
        self.blockSize = max(blockSize, 1)
        switch input.body {
        case .mapped(let file):
            stream = nil
            mapping = file
            base = file.base ?? UnsafePointer(bitPattern: 1)!
            limit = file.count
            atEnd = true
            isMapped = true
            numbersLines = true
        case .stream(let s):
            stream = s
            mapping = nil
            let buffer = OwnedBuffer(capacity: self.blockSize)
            owned = buffer
            base = UnsafePointer(buffer.pointer)
            limit = 0
            atEnd = false
            isMapped = false
            numbersLines = true
        }
    }

    /// Reads bytes in memory (tests, one element of a split document); they must outlive the
    /// reader. Offsets in errors count from `offset`, the bytes' place in their input.
    package init(bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0) {
        stack = stackOwner.pointer
        stackCapacity = stackOwner.capacity
        windowOffset = offset
        pastByteOrderMark = offset > 0
        blockSize = 1
        stream = nil
        mapping = nil
        base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        limit = bytes.count
        atEnd = true
        isMapped = false
        numbersLines = offset == 0
    }

    /// Absolute offset of the next unread byte.
    package var offset: Int { windowOffset + position }

    /// The bytes of the last key, string or number token.
    @inlinable @inline(__always)
    package var text: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base + textStart, count: textEnd - textStart) }

    /// How deep the reader is: 0 between top-level values.
    package var depth: Int { openContainers }

    /// The 1-based line of the next unread byte (of the last token, right after reading one
    /// that opens a container); nil when lines cannot be numbered.
    package var line: Int? { numbersLines ? newlines + 1 : nil }

    /// The 1-based line of the byte at absolute `offset`; nil when that byte is no longer in
    /// the window or lines cannot be numbered.
    package func line(at offset: Int) -> Int? {
        let local = offset - windowOffset
        guard numbersLines, local >= 0 else { return nil }
        if local <= position {
            return newlines - LineFraming.countNewlines(from: base + local, to: base + position) + 1
        }
        return newlines + LineFraming.countNewlines(from: base + position, to: base + min(local, limit)) + 1
    }

    // MARK: - Tokens

    /// The next token; throws at the first byte that breaks the grammar.
    package mutating func next() throws(JSONError) -> JSONToken {
        if isMapped && position - releasedUpTo >= Self.releaseStep { releaseMappedPages() }
        if !pastByteOrderMark { try skipByteOrderMark() }
        return try step()
    }

    /// One token, inlined into `next` and into the skipping loop.
    @inline(__always)
    private mutating func step() throws(JSONError) -> JSONToken {
        while true {
            try skipWhitespace()
            tokenOffset = windowOffset + position
            guard position < limit else {
                if expect == .topLevel { return .endOfInput }
                throw JSONError(.unexpectedEnd, at: windowOffset + position)
            }
            let c = base[position]
            switch expect {
            case .topLevel, .value:
                return try value(c)
            case .firstValueOrEnd:
                if c == UInt8(ascii: "]") { return close(.endArray) }
                return try value(c)
            case .firstKeyOrEnd:
                if c == UInt8(ascii: "}") { return close(.endObject) }
                return try key(c)
            case .key:
                return try key(c)
            case .colon:
                guard c == UInt8(ascii: ":") else { throw unexpected(c) }
                position += 1
                expect = .value
            case .separatorOrEnd:
                let isArray = stack[openContainers - 1]
                if c == UInt8(ascii: ",") {
                    position += 1
                    expect = isArray ? .value : .key
                } else if c == (isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")) {
                    return close(isArray ? .endArray : .endObject)
                } else {
                    throw unexpected(c)
                }
            }
        }
    }

    /// Skips the rest of a value whose first token was `first`, validating it, in one loop.
    package mutating func skip(_ first: JSONToken) throws(JSONError) {
        guard first == .beginObject || first == .beginArray else { return }
        let target = openContainers - 1
        while openContainers > target {
            if try step() == .endOfInput { throw JSONError(.unexpectedEnd, at: offset) }
        }
    }

    /// Reads and skips one whole value.
    package mutating func skipValue() throws(JSONError) {
        try skip(try next())
    }

    /// Skips the next value (after a key, its colon not read yet, or as an array's first
    /// element) in one validating pass of `scanner` over its bytes instead of a token at a
    /// time, when it is an object or array that lies wholly in the window, holds no newline
    /// and passes `accept`. Returns false, having read nothing, otherwise, and when `scanner`
    /// finds the bytes invalid: the caller then reads the value token by token, which reports
    /// the error where it is. The bytes are exactly those the token reader would read, since a
    /// valid container ends where its brackets first balance.
    package mutating func skipContainer(validatingWith scanner: inout JSONScanner, if accept: (UnsafeBufferPointer<UInt8>) -> Bool)
        -> Bool
    {
        guard pastByteOrderMark else { return false }
        // Blanks without newlines: a newline between tokens is counted for line numbers (and
        // ends the value in a line-per-value input), which the token reader does.
        func blanks(_ p: inout Int) {
            while p < limit && (base[p] == 0x20 || base[p] == 0x09 || base[p] == 0x0D) { p += 1 }
        }
        var p = position
        blanks(&p)
        switch expect {
        case .colon:
            guard p < limit, base[p] == UInt8(ascii: ":") else { return false }
            p += 1
            blanks(&p)
        case .firstValueOrEnd:
            break
        default:
            return false
        }
        guard p < limit, base[p] == UInt8(ascii: "{") || base[p] == UInt8(ascii: "["),
            let end = loupe_container_end(base + p, base + limit)
        else { return false }
        let bytes = UnsafeBufferPointer(start: base + p, count: end - (base + p))
        guard memchr(bytes.baseAddress!, 0x0A, bytes.count) == nil, accept(bytes),
            scanner.scan(bytes.baseAddress!, count: bytes.count) == nil
        else { return false }
        tokenOffset = windowOffset + p
        position = end - base
        afterValue()
        return true
    }

    /// After an error: drops the open containers and starts over at the next line, for inputs
    /// that hold one value per line. Returns false at the end of the input.
    package mutating func resynchronizeAtNextLine() throws(JSONError) -> Bool {
        openContainers = 0
        expect = .topLevel
        while true {
            if position < limit, let hit = memchr(base + position, 0x0A, limit - position) {
                position = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
                newlines += 1
                return true
            }
            position = limit
            if !(try refill(keepingFrom: limit)) { return false }
        }
    }

    // MARK: - Values

    @inline(__always)
    private mutating func value(_ c: UInt8) throws(JSONError) -> JSONToken {
        switch c {
        case UInt8(ascii: "{"):
            position += 1
            push(false)
            expect = .firstKeyOrEnd
            return .beginObject
        case UInt8(ascii: "["):
            position += 1
            push(true)
            expect = .firstValueOrEnd
            return .beginArray
        case UInt8(ascii: "\""):
            try string()
            afterValue()
            return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
            afterValue()
            return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            let token = try literal(c)
            afterValue()
            return token
        default:
            throw unexpected(c)
        }
    }

    @inline(__always)
    private mutating func push(_ isArray: Bool) {
        if openContainers == stackCapacity {
            stack = stackOwner.grow()
            stackCapacity = stackOwner.capacity
        }
        stack[openContainers] = isArray
        openContainers += 1
    }

    @inline(__always)
    private mutating func key(_ c: UInt8) throws(JSONError) -> JSONToken {
        guard c == UInt8(ascii: "\"") else { throw unexpected(c) }
        try string()
        expect = .colon
        return .key
    }

    @inline(__always)
    private mutating func close(_ token: JSONToken) -> JSONToken {
        position += 1
        openContainers -= 1
        afterValue()
        return token
    }

    @inline(__always)
    private mutating func afterValue() {
        expect = openContainers == 0 ? .topLevel : .separatorOrEnd
    }

    /// Reads the string whose opening quote is at `position`.
    private mutating func string() throws(JSONError) {
        while true {
            var p = base + position
            var escaped = false
            if let error = JSONScanner.scanString(&p, base, base + limit, &escaped) {
                // Made absolute before `refill`, which moves the window even when nothing follows.
                let offset = windowOffset + error.offset
                // A UTF-8 sequence cut by the window's end is judged once the rest is read.
                let cut = error.reason == .unexpectedEnd || (error.reason == .invalidUTF8 && limit - error.offset < 4)
                if cut, try refill(keepingFrom: position) { continue }
                if readsPastBadStrings && Self.isBadText(error.reason) {
                    if let close = Self.closingQuote(base + error.offset, base + limit) {
                        if badText == nil { badText = error.reason }
                        textStart = position + 1
                        textEnd = close - base
                        textEscaped = true
                        position = close - base + 1
                        return
                    }
                    if try refill(keepingFrom: position) { continue }
                }
                throw JSONError(error.reason, at: offset)
            }
            textStart = position + 1
            textEnd = p - base - 1
            textEscaped = escaped
            position = p - base
            return
        }
    }

    /// Bytes that are not text in a string: what `readsPastBadStrings` reads past.
    private static func isBadText(_ reason: JSONError.Reason) -> Bool {
        reason == .invalidUTF8 || reason == .nulByte || reason == .controlCharacterInString
    }

    /// The quote that closes a string, searched from a byte inside it (a backslash escapes the
    /// byte after it); nil when the window ends first.
    private static func closingQuote(_ from: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        var q = from
        while q < end {
            if q.pointee == UInt8(ascii: "\"") { return q }
            q += q.pointee == UInt8(ascii: "\\") ? 2 : 1
        }
        return nil
    }

    private mutating func number() throws(JSONError) {
        while true {
            var p = base + position
            let error = JSONScanner.scanNumber(&p, base, base + limit)
            // Kept as a length and an absolute offset: `refill` moves the window (and may move
            // it to a new buffer) even when it finds the end of the input, which leaves `p`
            // pointing into the old one.
            let length = p - (base + position)
            let errorOffset = error.map { windowOffset + $0.offset }
            // A number that touches the window's end may go on in the next block.
            if (error != nil || length == limit - position), try refill(keepingFrom: position) { continue }
            if let error, let errorOffset { throw JSONError(error.reason, at: errorOffset) }
            textStart = position
            textEnd = position + length
            position = textEnd
            return
        }
    }

    private mutating func literal(_ c: UInt8) throws(JSONError) -> JSONToken {
        while limit - position < 5, try refill(keepingFrom: position) {}
        let p = base + position
        let end = base + limit
        if JSONScanner.matchLiteral(p, end, 0x74, 0x72, 0x75, 0x65, nil) {
            position += 4
            return .true
        }
        if JSONScanner.matchLiteral(p, end, 0x66, 0x61, 0x6C, 0x73, 0x65) {
            position += 5
            return .false
        }
        if JSONScanner.matchLiteral(p, end, 0x6E, 0x75, 0x6C, 0x6C, nil) {
            position += 4
            return .null
        }
        let error = JSONScanner.literalError(p, base, end)
        throw JSONError(error.reason, at: windowOffset + error.offset)
    }

    @inline(__always)
    private mutating func skipWhitespace() throws(JSONError) {
        while true {
            while position < limit {
                let c = base[position]
                if c == 0x0A {
                    if newlineEndsValue && openContainers > 0 { throw JSONError(.unexpectedEndOfLine, at: windowOffset + position) }
                    newlines += 1
                } else if !(c == 0x20 || c == 0x0D || c == 0x09) {
                    return
                }
                position += 1
            }
            if !(try refill(keepingFrom: limit)) { return }
        }
    }

    /// A UTF-8 byte order mark may open the input; it is not part of the JSON text.
    private mutating func skipByteOrderMark() throws(JSONError) {
        pastByteOrderMark = true
        while limit - position < 3, try refill(keepingFrom: position) {}
        if windowOffset == 0, position == 0 { position = ByteOrderMark.length(base, count: limit) }
    }

    private func unexpected(_ c: UInt8) -> JSONError {
        JSONError(c == 0 ? .nulByte : .unexpectedByte(c), at: windowOffset + position)
    }

    // MARK: - The window

    /// Makes more input available, keeping the bytes from `keep` on (their offsets shift).
    /// Returns false at the end of the input (or when reading failed: see `readFailure`).
    private mutating func refill(keepingFrom keep: Int) throws(JSONError) -> Bool {
        guard !atEnd, let stream, let buffer = owned else { return false }
        let kept = limit - keep
        var target = buffer
        if kept > buffer.capacity / 2 {
            // A token fills most of the window: grow it, so a long token costs amortized O(n).
            target = OwnedBuffer(capacity: buffer.capacity * 2)
        }
        if kept > 0 && (keep > 0 || target !== buffer) {
            memmove(target.pointer, buffer.pointer + keep, kept)
        }
        owned = target
        base = UnsafePointer(target.pointer)
        windowOffset += keep
        position -= keep
        textStart -= keep
        textEnd -= keep
        limit = kept
        let room = UnsafeMutableRawBufferPointer(start: target.pointer + limit, count: target.capacity - limit)
        let n: Int
        do {
            n = try stream.read(into: room)
        } catch {
            readFailure = error
            atEnd = true
            return false
        }
        if n == 0 {
            atEnd = true
            return false
        }
        limit += n
        return true
    }

    /// Hands fully read pages of a mapped file back to the kernel, so resident memory follows
    /// the spans kept, not the file's size. Done in big steps to keep the syscalls rare.
    private mutating func releaseMappedPages() {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (releasedUpTo + page - 1) / page * page
        let end = position / page * page
        releasedUpTo = position
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    private static let releaseStep = 64 << 20
}

/// The memory behind a reader's container stack. A reader is used in place (never copied
/// while it reads), so one owner per reader is enough.
private final class ContainerStack {
    private(set) var pointer: UnsafeMutablePointer<Bool>
    private(set) var capacity = 64

    init() {
        pointer = .allocate(capacity: 64)
    }

    /// Doubles the capacity, keeping the contents; returns the new memory.
    func grow() -> UnsafeMutablePointer<Bool> {
        let bigger = UnsafeMutablePointer<Bool>.allocate(capacity: capacity * 2)
        bigger.update(from: pointer, count: capacity)
        pointer.deallocate()
        pointer = bigger
        capacity *= 2
        return bigger
    }

    deinit { pointer.deallocate() }
}
