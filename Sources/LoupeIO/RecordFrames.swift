/// Where the records of a chunk lie when they are not simply its lines: the elements of an
/// array, pretty-printed values, RS-separated texts, lines with a prefix before the JSON.
///
/// Each frame names two things: the bytes a record was written as (what grep mode prints and
/// what line numbers count from) and the JSON text the scanner reads. The JSON is usually a
/// part of the written bytes; for a prefixed line it is rewritten into `rewritten` with the
/// prefix added as a field. Frames come in input order and never overlap.
// @unchecked Sendable: built by the one framer before the chunk is handed out, read-only after.
package final class RecordFrames: @unchecked Sendable {
    package private(set) var frames: [RecordFrame] = []
    /// Rewritten records (see `RecordFrame.rewritten`), back to back.
    package private(set) var rewritten: OwnedBuffer?
    /// Each record is one line (prefixed lines), so messages may call records lines.
    package let recordsAreLines: Bool

    package init(recordsAreLines: Bool = false) {
        self.recordsAreLines = recordsAreLines
    }

    package var isEmpty: Bool { frames.isEmpty }

    package func append(_ frame: RecordFrame) {
        frames.append(frame)
    }

    /// Sets the buffer the rewritten ranges of the frames point into.
    package func setRewritten(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let buffer = OwnedBuffer(capacity: bytes.count)
        buffer.pointer.update(from: bytes, count: bytes.count)
        rewritten = buffer
    }

    /// The JSON text of `frame`: its rewritten bytes, or its JSON range in the chunk at `base`.
    @inline(__always)
    package func json(of frame: RecordFrame, base: UnsafePointer<UInt8>) -> (start: UnsafePointer<UInt8>, count: Int) {
        if frame.rewrittenStart >= 0, let rewritten {
            return (UnsafePointer(rewritten.pointer + frame.rewrittenStart), frame.rewrittenCount)
        }
        return (base + frame.json.lowerBound, frame.json.count)
    }
}

/// One record of a framed chunk; offsets are relative to the chunk's first byte.
package struct RecordFrame: Sendable, Equatable {
    /// The bytes as written, without a line end after them: what grep mode prints.
    package var written: Range<Int>
    /// The JSON text inside `written` (a prefixed line's object, an array element).
    package var json: Range<Int>
    /// Where the rewritten JSON starts in `RecordFrames.rewritten`, or -1 when the JSON is read
    /// in place. A rewritten record starts with the bytes of `json` (minus its closing brace),
    /// so offsets of the values read from it are offsets in `json` too.
    package var rewrittenStart = -1
    package var rewrittenCount = 0

    package init(written: Range<Int>, json: Range<Int>) {
        self.written = written
        self.json = json
    }
}
