import Glibc
import LoupeIO
import LoupeJSON

/// Decodes one big mapped input on several threads, with exactly the result of reading it
/// front to back: the same spans in the same order, the same counts and first occurrences.
///
/// OTLP JSON lines are cut at line ends (lines are independent, a broken one is skipped the
/// same way). A document is cut into the elements of its span array (`resourceSpans`,
/// Jaeger's `data`, Zipkin's top-level array) by `JSONSplitter`; each element and the rest of
/// the document are then validated and decoded on their own. Should anything in a document
/// not be valid JSON, this gives up (returns nil) and the caller reads it sequentially, which
/// defines where reading stops.
package enum ParallelDecode {
    /// When a split pays, and how big its pieces are.
    package struct Sizes: Sendable {
        /// Inputs smaller than this are not worth the threads.
        package var minimum = 4 << 20
        /// About how many bytes one job decodes.
        package var piece = 1 << 20

        package init() {}

        /// Tests split small inputs into many pieces, to reach the seams.
        package init(minimum: Int, piece: Int) {
            self.minimum = minimum
            self.piece = max(piece, 1)
        }
    }

    /// What one job found.
    struct Piece: Sendable {
        var spans: [Span] = []
        var report: ReadReport
        /// A JSON error in a document: the whole split is abandoned.
        var brokenDocument = false
    }

    /// Decodes the file into `sink` and `report`; false (having done neither) when it must be
    /// read sequentially.
    static func decode(
        _ file: MappedFile, name: String, format: InputFormat, attributes: AttributePolicy, threads: Int, sizes: Sizes = Sizes(),
        forAssembly: Bool = false, report: inout ReadReport, sink: (consuming Span) -> Void
    ) -> Bool {
        guard let base = file.base, file.count >= sizes.minimum, threads > 1 else { return false }
        let bytes = UnsafeBufferPointer(start: base, count: file.count)
        // Each job reads a list of byte ranges: a run of whole lines, or a run of elements.
        let pieces: [[Range<Int>]]
        let split: JSONSplitter.Split?
        switch format {
        case .otlpLines:
            pieces = lineChunks(bytes, size: sizes.piece).map { [$0] }
            split = nil
        case .otlp, .jaeger, .zipkin:
            let member: Set<String>? =
                format == .otlp ? ["resourceSpans", "resource_spans", "batches"] : format == .jaeger ? ["data"] : nil
            guard let found = JSONSplitter.split(bytes, member: member), found.elements.count > 1 else { return false }
            split = found
            pieces = group(found.elements, size: sizes.piece)
        case .jsonLines, .json, .wrapped, .jsonSeq, .prefixedLines, .otelConsole, .otlpLogs, .otlpLogsLines:
            // Console output has no array to cut at (and is what small programs print).
            return false
        }
        // The rest of the document: valid, and without spans of its own.
        if let split {
            let skeleton = split.skeleton.withUnsafeBufferPointer { skeleton in
                decodePiece(
                    skeleton, [0..<skeleton.count], name: name, format: format, attributes: attributes, forAssembly: forAssembly,
                    elements: false)
            }
            guard !skeleton.brokenDocument, skeleton.spans.isEmpty, skeleton.report.skippedTotal == 0 else { return false }
        }
        let elements = split != nil
        var merged = ReadReport()
        merged.inputs = [InputSummary(name: name, format: format.rawValue)]
        var spans: [[Span]] = []
        var ok = true
        let boxed = UncheckedBytes(bytes)
        var submitted = 0
        var consumed = 0
        var released = 0
        var lines = FileLines(base: base)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        // The map returns only once no worker runs, so no piece reads the file after this.
        try? OrderedParallelMap<Int, Piece>(threads: threads, window: threads * 4).run {
            guard submitted < pieces.count else { return nil }
            submitted += 1
            return submitted - 1
        } transform: { i, _ in
            decodePiece(
                boxed.bytes, pieces[i], name: name, format: format, attributes: attributes, forAssembly: forAssembly, elements: elements)
        } consume: { piece in
            if piece.brokenDocument {
                ok = false
                return false
            }
            var report = piece.report
            report.inputs[0].numberLines { lines.line(at: $0) }
            merged.absorb(report)
            // The bytes of decoded pieces are not read again: hand their pages back, so
            // resident memory follows the spans kept, not the file's size.
            let done = (pieces[consumed].last?.upperBound ?? 0) / page * page
            consumed += 1
            if done - released >= 16 << 20 {
                _ = madvise(UnsafeMutableRawPointer(mutating: base + released), done - released, MADV_DONTNEED)
                released = done
            }
            // Lines never make the split fail: their spans go out at once. A document's wait
            // until every element has proved valid.
            if elements { spans.append(piece.spans) } else { for span in piece.spans { sink(span) } }
            return true
        }
        guard ok else { return false }
        spans.reverse()
        while let piece = spans.popLast() {
            for span in piece { sink(span) }
        }
        report.merge(merged)
        return true
    }

    /// Decodes the ranges of one job: lines of OTLP JSON lines, a run of array elements (each
    /// one value), or the skeleton.
    private static func decodePiece(
        _ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], name: String, format: InputFormat, attributes: AttributePolicy,
        forAssembly: Bool, elements: Bool
    ) -> Piece {
        var report = ReadReport()
        report.inputs = [InputSummary(name: name, format: format.rawValue)]
        var spans: [Span] = []
        // About one span per 500 bytes in real exports: fewer regrowths of the array.
        spans.reserveCapacity(ranges.reduce(0) { $0 + $1.count } / 500)
        var broken = false
        withoutActuallyEscaping({ (span: consuming Span) in spans.append(span) }) { sink in
            var context = DecodeContext(policy: attributes, report: report, input: 0, sink: sink)
            context.keepsUntimedSpans = forAssembly
            for range in ranges {
                var reader = JSONReader(bytes: UnsafeBufferPointer(rebasing: bytes[range]), offset: range.lowerBound)
                if format == .otlpLines {
                    TraceReader.run(.otlpLines, &reader, &context)
                    continue
                }
                do {
                    if elements && format == .otlp {
                        // An element is one ResourceSpans object.
                        guard try reader.next() == .beginObject else { throw JSONError(.unexpectedByte(0), at: reader.tokenOffset) }
                        try OTLPDecoder.resourceSpans(&reader, &context)
                        guard try reader.next() == .endOfInput else { throw JSONError(.trailingData, at: reader.tokenOffset) }
                    } else {
                        // A Jaeger trace object, a Zipkin span or array of spans, or the skeleton.
                        switch format {
                        case .otlp: try OTLPDecoder.decode(&reader, &context)
                        case .jaeger: try JaegerDecoder.decode(&reader, &context)
                        default: try ZipkinDecoder.decode(&reader, &context)
                        }
                    }
                } catch {
                    broken = true
                    break
                }
            }
            context.finish()
            report = context.report
        }
        return Piece(spans: spans, report: report, brokenDocument: broken)
    }

    /// Whole lines, about `size` bytes each.
    static func lineChunks(_ bytes: UnsafeBufferPointer<UInt8>, size: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        let base = bytes.baseAddress!
        while start < bytes.count {
            var end = bytes.count
            let from = start + size
            if from < bytes.count, let hit = memchr(base + from, 0x0A, bytes.count - from) {
                end = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
            }
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }

    /// Runs of consecutive elements, about `size` bytes each.
    static func group(_ elements: [Range<Int>], size limit: Int) -> [[Range<Int>]] {
        var pieces: [[Range<Int>]] = []
        var current: [Range<Int>] = []
        var size = 0
        for element in elements {
            current.append(element)
            size += element.count
            if size >= limit {
                pieces.append(current)
                current = []
                size = 0
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}

/// Line numbers of offsets in a mapped file, counted from the last offset asked about (pieces
/// are consumed in order, so the whole file is counted at most about once).
private struct FileLines {
    let base: UnsafePointer<UInt8>
    var offset = 0
    var newlines = 0

    mutating func line(at target: Int) -> Int {
        if target >= offset {
            newlines += LineFraming.countNewlines(from: base + offset, to: base + target)
        } else {
            newlines -= LineFraming.countNewlines(from: base + target, to: base + offset)
        }
        offset = target
        return newlines + 1
    }
}

/// The mapped bytes, handed to worker threads.
// @unchecked Sendable: the workers only read the bytes, and the mapping outlives the map's run.
private struct UncheckedBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }
}
