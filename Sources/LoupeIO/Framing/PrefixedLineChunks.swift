/// The chunks of an input of prefixed JSON lines (`LinePrefix`): the lines of a `ChunkReader`,
/// each framed so that its JSON part is the record and the whole line is what is printed.
///
/// The record read is the line's object with the prefix added as the string field `_prefix`,
/// and, when the prefix holds an RFC 3339 time, that time as `_prefix_time`; a record that has
/// a top-level field of either name keeps its own. A line that
/// starts with its JSON is read as it is; a line without JSON stays a malformed line; blank
/// lines are no records. The cost is one copy of each prefixed record; lines without a prefix
/// are read in place.
// @unchecked Sendable: used by the one consumer thread that calls `next`, like `ChunkReader`.
package final class PrefixedLineChunks: ByteChunkSource, @unchecked Sendable {
    private let lines: ChunkReader

    package init(_ lines: ChunkReader) {
        self.lines = lines
    }

    package var bytesDelivered: Int { lines.bytesDelivered }
    package var knownSize: Int? { lines.knownSize }

    package func next() throws(InputError) -> ByteChunk? {
        try lines.next().map(Self.framed)
    }

    /// A chunk of whole lines with its frames.
    package static func framed(_ chunk: ByteChunk) -> ByteChunk {
        ByteChunk(base: chunk.base, count: chunk.count, inputOffset: chunk.inputOffset, owner: chunk.owner, frames: frames(of: chunk))
    }

    /// One frame per line of `chunk` that is not blank.
    static func frames(of chunk: ByteChunk) -> RecordFrames {
        let frames = RecordFrames(recordsAreLines: true)
        var rewritten: [UInt8] = []
        var lineStart = chunk.base
        let end = chunk.end
        while lineStart < end {
            let lineEnd = LineFraming.lineEnd(from: lineStart, end: end)
            defer { lineStart = lineEnd + 1 }
            var start = lineStart
            // A byte order mark where files were concatenated is not part of the line's text.
            start += ByteOrderMark.runLength(start, count: lineEnd - start)
            var last = lineEnd
            while last > start, Self.isBlank((last - 1).pointee) { last -= 1 }
            guard last > start else { continue }
            let written = (lineStart - chunk.base)..<(lineEnd - chunk.base)
            guard let json = LinePrefix.jsonStart(start, last), (last - 1).pointee == UInt8(ascii: "}") else {
                frames.append(RecordFrame(written: written, json: (start - chunk.base)..<(lineEnd - chunk.base)))
                continue
            }
            var frame = RecordFrame(written: written, json: (json - chunk.base)..<(last - chunk.base))
            let prefix = LinePrefix.text(start, json)
            // A top-level field of the record's own keeps its value (of duplicate keys, the last
            // counts). The byte search rules most records out; where the name occurs, its keys
            // decide (a string value or a nested key "_prefix" is no field of that name).
            let keys = Self.prefixKey.firstMatch(in: json, end: last) == nil ? [:] : Self.topLevelKeys(json, last)
            let addsPrefix = keys["_prefix"] == nil
            let time = keys["_prefix_time"] == nil ? LinePrefix.timestamp(prefix) : nil
            guard addsPrefix || time != nil else {
                frames.append(frame)
                continue
            }
            frame.rewrittenStart = rewritten.count
            // The object without its closing brace, then the prefix fields, then the brace.
            rewritten.append(contentsOf: UnsafeBufferPointer(start: json, count: last - 1 - json))
            var inner = last - 1
            while inner > json + 1, Self.isBlank((inner - 1).pointee) { inner -= 1 }
            var needsComma = inner > json + 1
            if addsPrefix {
                rewritten += Array((needsComma ? ",\"_prefix\":" : "\"_prefix\":").utf8)
                if prefix.contains(where: { $0 >= 0x80 }) {
                    // The prefix is text, not JSON: a byte that is not UTF-8 reads as U+FFFD
                    // rather than costing the record after it.
                    Array(String(decoding: prefix, as: UTF8.self).utf8).withUnsafeBufferPointer {
                        JSONStringEscaper.append($0, to: &rewritten)
                    }
                } else {
                    JSONStringEscaper.append(prefix, to: &rewritten)
                }
                needsComma = true
            }
            if let time {
                rewritten += Array((needsComma ? ",\"_prefix_time\":" : "\"_prefix_time\":").utf8)
                JSONStringEscaper.append(time, to: &rewritten)
            }
            rewritten.append(UInt8(ascii: "}"))
            frame.rewrittenCount = rewritten.count - frame.rewrittenStart
            frames.append(frame)
        }
        frames.setRewritten(rewritten)
        return frames
    }

    private static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D }

    /// `"_prefix`: the start of both names.
    private static let prefixKey = LiteralSearcher(Array("\"_prefix".utf8))

    /// The top-level keys of the object from `start` to `end`.
    private static func topLevelKeys(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> [String: Int] {
        var keys: [String: Int] = [:]
        var sniffer = Sniffer(UnsafeBufferPointer(start: start, count: end - start))
        _ = sniffer.topLevelKeys(into: &keys)
        return keys
    }
}

/// Writes bytes as a JSON string: quotes, backslashes and control bytes escaped, other bytes
/// (UTF-8 included) as they are.
package enum JSONStringEscaper {
    package static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for c in bytes {
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(c)
            case 0..<0x20:
                out += Array("\\u00".utf8)
                out.append(hex[Int(c >> 4)])
                out.append(hex[Int(c & 0xF)])
            default:
                out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
