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

    /// How a document or a file of lines is cut: the byte ranges each job reads.
    package struct Plan: Sendable {
        /// Each job's ranges: a run of whole lines, or a run of array elements.
        var pieces: [[Range<Int>]]
        /// True when the pieces are array elements of one document (whose spans must wait
        /// until every element has proved valid when the result must equal a sequential read).
        var elements: Bool
    }

    /// What one job found.
    struct Piece<Output>: @unchecked Sendable {
        // @unchecked Sendable: a piece is made on a worker and then only read by the consumer
        // (OrderedParallelMap hands it over under its lock); `Output` is a fresh value.
        var output: Output
        var report: ReadReport
        /// A JSON error in a document: the whole split is abandoned.
        var brokenDocument = false
    }

    /// How a split read ended.
    package enum Outcome {
        /// Every piece was decoded and consumed, or the consumer stopped.
        case done
        /// A piece of a document held broken JSON: that piece and those after it were not
        /// consumed; the caller reads the input sequentially, which defines where reading stops.
        case brokenDocument
    }

    /// The split of `file`, when it pays and the format allows one; nil to read sequentially.
    /// For a document, the rest of it (the skeleton) is checked here: valid and spanless.
    static func plan(
        _ file: MappedFile, name: String, format: InputFormat, attributes: AttributePolicy, threads: Int, sizes: Sizes,
        forAssembly: Bool
    ) -> Plan? {
        guard let base = file.base, file.count >= sizes.minimum, threads > 1 else { return nil }
        let bytes = UnsafeBufferPointer(start: base, count: file.count)
        switch format {
        case .otlpLines:
            return Plan(pieces: lineChunks(bytes, size: sizes.piece).map { [$0] }, elements: false)
        case .otlp, .jaeger, .zipkin:
            let member: Set<String>? =
                format == .otlp ? ["resourceSpans", "resource_spans", "batches"] : format == .jaeger ? ["data"] : nil
            // The split reads the whole file before any piece is decoded: the pages it has
            // passed are handed back as it goes, or resident memory would reach the file's size.
            var released = 0
            let split = JSONSplitter.split(bytes, member: member) { offset in
                if offset - released >= 16 << 20 {
                    file.discard(from: released, count: offset - released)
                    released = offset
                }
            }
            guard let split, split.elements.count > 1 else { return nil }
            var report = ReadReport()
            var spans = 0
            let broken = split.skeleton.withUnsafeBufferPointer { skeleton in
                decodePiece(
                    skeleton, [0..<skeleton.count], name: name, format: format, attributes: attributes, forAssembly: forAssembly,
                    elements: false, report: &report
                ) { _ in spans += 1 }
            }
            guard !broken, spans == 0, report.skippedTotal == 0 else { return nil }
            return Plan(pieces: group(split.elements, size: sizes.piece), elements: true)
        case .jsonLines, .json, .jsonSeq, .prefixedLines, .otelConsole, .otlpLogs, .otlpLogsLines:
            // Console output has no array to cut at (and is what small programs print).
            return nil
        }
    }

    /// Decodes the pieces of `plan` on `threads` threads. On a worker, `collect` is handed a
    /// function that decodes one piece into the sink it is given, and makes of those spans what
    /// `consume` then gets, in input order, with the piece's report (line numbers set, to be
    /// absorbed into a report of the input). `consume` returns false to stop. Pages of the file
    /// that were decoded are handed back as it goes, so resident memory follows what is kept.
    static func run<Output>(
        _ file: MappedFile, plan: Plan, name: String, format: InputFormat, attributes: AttributePolicy, threads: Int,
        forAssembly: Bool, collect: @escaping @Sendable (_ decode: ((consuming Span) -> Void) -> Void) -> Output,
        consume: (Output, ReadReport) -> Bool
    ) -> Outcome {
        guard let base = file.base else { return .done }
        let boxed = UncheckedBytes(UnsafeBufferPointer(start: base, count: file.count))
        let pieces = plan.pieces
        let elements = plan.elements
        var outcome = Outcome.done
        var submitted = 0
        var consumed = 0
        var released = 0
        var lines = FileLines(base: base)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        // The map returns only once no worker runs, so no piece reads the file after this.
        try? OrderedParallelMap<Int, Piece<Output>>(threads: threads, window: threads * 4).run {
            guard submitted < pieces.count else { return nil }
            submitted += 1
            return submitted - 1
        } transform: { i, _ in
            var report = ReadReport()
            var broken = false
            let output = collect { sink in
                broken = decodePiece(
                    boxed.bytes, pieces[i], name: name, format: format, attributes: attributes, forAssembly: forAssembly,
                    elements: elements, report: &report, sink: sink)
            }
            return Piece(output: output, report: report, brokenDocument: broken)
        } consume: { piece in
            if piece.brokenDocument {
                outcome = .brokenDocument
                return false
            }
            var report = piece.report
            report.inputs[0].numberLines { lines.line(at: $0) }
            // The bytes of decoded pieces are not read again: hand their pages back.
            let done = (pieces[consumed].last?.upperBound ?? 0) / page * page
            consumed += 1
            if done - released >= 16 << 20 {
                _ = madvise(UnsafeMutableRawPointer(mutating: base + released), done - released, MADV_DONTNEED)
                released = done
            }
            return consume(piece.output, report)
        }
        return outcome
    }

    /// Decodes the file into `sink` and `report`; false (having done neither) when it must be
    /// read sequentially.
    static func decode(
        _ file: MappedFile, name: String, format: InputFormat, attributes: AttributePolicy, threads: Int, sizes: Sizes = Sizes(),
        forAssembly: Bool = false, report: inout ReadReport, sink: (consuming Span) -> Void
    ) -> Bool {
        guard
            let plan = plan(
                file, name: name, format: format, attributes: attributes, threads: threads, sizes: sizes, forAssembly: forAssembly)
        else { return false }
        var merged = ReadReport()
        merged.inputs = [InputSummary(name: name, format: format.rawValue)]
        var spans: [[Span]] = []
        let outcome = run(
            file, plan: plan, name: name, format: format, attributes: attributes, threads: threads, forAssembly: forAssembly,
            collect: { decode in
                var spans: [Span] = []
                decode { spans.append($0) }
                return spans
            }
        ) { piece, report in
            merged.absorb(report)
            // Lines never make the split fail: their spans go out at once. A document's wait
            // until every element has proved valid.
            if plan.elements { spans.append(piece) } else { for span in piece { sink(span) } }
            return true
        }
        guard outcome == .done else { return false }
        spans.reverse()
        var sinceTrim = 0
        while !spans.isEmpty {
            // The pieces were made on the worker threads, in their malloc arenas, where their
            // memory stays resident once freed: without handing it back as the spans move
            // on, peak memory holds every span twice. (Here the pieces sent are released.)
            if sinceTrim >= 1 << 16 {
                WorkerArenas.release()
                sinceTrim = 0
            }
            let piece = spans.removeLast()
            for span in piece { sink(span) }
            sinceTrim += piece.count
        }
        report.merge(merged)
        return true
    }

    /// Decodes the ranges of one job (lines of OTLP JSON lines, a run of array elements, each
    /// one value, or the skeleton) into `sink`, filling `report`; true when a document's JSON
    /// is broken.
    private static func decodePiece(
        _ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], name: String, format: InputFormat, attributes: AttributePolicy,
        forAssembly: Bool, elements: Bool, report: inout ReadReport, sink: (consuming Span) -> Void
    ) -> Bool {
        report = ReadReport()
        report.inputs = [InputSummary(name: name, format: format.rawValue)]
        var broken = false
        withoutActuallyEscaping(sink) { sink in
            var context = DecodeContext(policy: attributes, report: report, input: 0, sink: sink)
            context.keepsUntimedSpans = forAssembly
            context.sharesSpanIDs = forAssembly
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
        return broken
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
struct FileLines {
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
struct UncheckedBytes: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }
}
