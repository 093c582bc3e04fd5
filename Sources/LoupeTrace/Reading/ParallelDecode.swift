import Glibc
import LoupeIO
import LoupeJSON

/// Decodes one big mapped input on several threads, with exactly the result of reading it
/// front to back: the same spans in the same order, the same counts and first occurrences.
///
/// OTLP JSON lines are cut at line ends (lines are independent, a broken one is skipped the
/// same way). A document is cut into the elements of its span array (`resourceSpans`,
/// Jaeger's `data`, Zipkin's top-level array) by `JSONSplitter`, while the workers decode the
/// elements already found (the scan is the one part that runs on a single thread); each
/// element and the rest of the document are validated and decoded on their own. Should
/// anything in a document not be valid JSON, this gives up and the caller reads it
/// sequentially, which defines where reading stops.
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

    /// How a document or a file of lines is cut into jobs.
    package struct Plan {
        enum Source {
            /// Runs of whole lines, one job each.
            case lines([Range<Int>])
            /// The elements of a document's span array, found as the jobs are handed out.
            case elements(JSONSplitter.Elements)
        }

        var source: Source
        /// About how many bytes one job decodes.
        var piece: Int

        /// True when the jobs are array elements of one document (whose spans must wait until
        /// every element has proved valid when the result must equal a sequential read).
        var elements: Bool {
            if case .elements = source { return true }
            return false
        }
    }

    /// What one job found.
    struct Piece<Output>: @unchecked Sendable {
        // @unchecked Sendable: a piece is made on a worker and then only read by the consumer
        // (OrderedParallelMap hands it over under its lock); `Output` is a fresh value.
        var output: Output
        var report: ReadReport
        /// A JSON error in a document: the whole split is abandoned.
        var brokenDocument = false
        /// One past the job's last byte.
        var end: Int
    }

    /// How a split read ended.
    package enum Outcome {
        /// Every piece was decoded and consumed, or the consumer stopped.
        case done
        /// A piece of a document held broken JSON, its structure could not be followed, or
        /// the rest of it (the skeleton) is broken or holds spans: what came after the last
        /// piece consumed was not; the caller reads the input sequentially, which defines
        /// where reading stops.
        case brokenDocument
    }

    /// The split of `file`, when it pays and the format allows one; nil to read sequentially.
    /// For a document, what comes before its span array is checked here: valid, and without
    /// spans of its own (the rest is checked once the array has been scanned).
    static func plan(
        _ file: MappedFile, name: String, format: InputFormat, attributes: AttributePolicy, threads: Int, sizes: Sizes,
        forAssembly: Bool
    ) -> Plan? {
        guard let base = file.base, file.count >= sizes.minimum, threads > 1 else { return nil }
        let bytes = UnsafeBufferPointer(start: base, count: file.count)
        switch format {
        case .otlpLines:
            return Plan(source: .lines(lineChunks(bytes, size: sizes.piece)), piece: sizes.piece)
        case .otlp, .jaeger, .zipkin:
            let member: Set<String>? =
                format == .otlp ? ["resourceSpans", "resource_spans", "batches"] : format == .jaeger ? ["data"] : nil
            guard let cursor = JSONSplitter.Elements(bytes, member: member) else { return nil }
            // The document's head with the array closed at once: `{"data":[]}`.
            var head = Array(cursor.prefix)
            head.append(UInt8(ascii: "]"))
            if member != nil { head.append(UInt8(ascii: "}")) }
            guard spanless(head, name: name, format: format, attributes: attributes, forAssembly: forAssembly) else { return nil }
            return Plan(source: .elements(cursor), piece: sizes.piece)
        case .jsonLines, .json, .wrapped, .jsonSeq, .prefixedLines, .otelConsole, .otlpLogs, .otlpLogsLines:
            // Console output has no array to cut at (and is what small programs print).
            return nil
        }
    }

    /// True when `document` is valid and holds no span and nothing to skip.
    private static func spanless(
        _ document: [UInt8], name: String, format: InputFormat, attributes: AttributePolicy, forAssembly: Bool
    ) -> Bool {
        var report = ReadReport()
        var spans = 0
        let broken = document.withUnsafeBufferPointer { document in
            decodePiece(
                document, [0..<document.count], name: name, format: format, attributes: attributes, forAssembly: forAssembly,
                elements: false, report: &report
            ) { _, _ in spans += 1 }
        }
        return !broken && spans == 0 && report.skippedTotal == 0
    }

    /// Decodes the jobs of `plan` on `threads` threads. On a worker, `collect` is handed a
    /// function that decodes one job into the sink it is given, and makes of those spans what
    /// `consume` then gets, in input order, with the job's report (line numbers set, to be
    /// absorbed into a report of the input). `consume` returns false to stop. Pages of the file
    /// that were decoded are handed back as it goes, so resident memory follows what is kept.
    static func run<Output>(
        _ file: MappedFile, plan: Plan, name: String, format: InputFormat, attributes: AttributePolicy, threads: Int,
        forAssembly: Bool, collect: @escaping @Sendable (_ decode: (SpanSink) -> Void) -> Output,
        consume: (Output, ReadReport) -> Bool
    ) -> Outcome {
        guard let base = file.base else { return .done }
        let boxed = UncheckedBytes(UnsafeBufferPointer(start: base, count: file.count))
        var source = plan.source
        let elements = plan.elements
        var outcome = Outcome.done
        var stopped = false
        var nextLines = 0
        var released = 0
        var lines = FileLines(base: base)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        // The map returns only once no worker runs, so no piece reads the file after this.
        try? OrderedParallelMap<[Range<Int>], Piece<Output>>(threads: threads, window: threads * 4).run {
            switch source {
            case .lines(let chunks):
                guard nextLines < chunks.count else { return nil }
                nextLines += 1
                return [chunks[nextLines - 1]]
            case .elements(var cursor):
                // Scanned here, on the consumer's thread, while the workers decode.
                var job: [Range<Int>] = []
                var size = 0
                while size < plan.piece, let element = cursor.next() {
                    job.append(element)
                    size += element.count
                }
                source = .elements(cursor)
                return job.isEmpty ? nil : job
            }
        } transform: { job, _ in
            var report = ReadReport()
            var broken = false
            let output = collect { sink in
                broken = decodePiece(
                    boxed.bytes, job, name: name, format: format, attributes: attributes, forAssembly: forAssembly,
                    elements: elements, report: &report, sink: sink)
            }
            return Piece(output: output, report: report, brokenDocument: broken, end: job.last?.upperBound ?? 0)
        } consume: { piece in
            if piece.brokenDocument {
                outcome = .brokenDocument
                return false
            }
            var report = piece.report
            report.inputs[0].numberLines { lines.line(at: $0) }
            // The bytes of decoded pieces are not read again: hand their pages back.
            let done = piece.end / page * page
            if done - released >= 16 << 20 {
                _ = madvise(UnsafeMutableRawPointer(mutating: base + released), done - released, MADV_DONTNEED)
                released = done
            }
            stopped = !consume(piece.output, report)
            return !stopped
        }
        // Every element was read: the structure must have been followed to the array's end,
        // and the rest of the document must be valid and hold no spans.
        if outcome == .done, !stopped, case .elements(let cursor) = source {
            guard let skeleton = cursor.skeleton,
                spanless(skeleton, name: name, format: format, attributes: attributes, forAssembly: forAssembly)
            else { return .brokenDocument }
        }
        return outcome
    }

    /// Decodes the file into `sink` and `report`; false when it must be read sequentially,
    /// having added nothing to `report`. Spans go to `sink` piece by piece in input order as
    /// the pieces are decoded, so handing them on overlaps decoding instead of following it;
    /// before a piece of a document, `expect` is told the trace ids and counts of its runs of
    /// spans. A document can prove broken only after some of its spans went on: `retract` is
    /// then called, and must take back every span sent since the call began.
    static func decode(
        _ file: MappedFile, name: String, format: InputFormat, attributes: AttributePolicy, threads: Int, sizes: Sizes = Sizes(),
        forAssembly: Bool = false, report: inout ReadReport, expect: ([TraceRun]) -> Void = { _ in }, retract: () -> Void,
        sink: SpanSink
    ) -> Bool {
        guard
            let plan = plan(
                file, name: name, format: format, attributes: attributes, threads: threads, sizes: sizes, forAssembly: forAssembly)
        else { return false }
        var merged = ReadReport()
        merged.inputs = [InputSummary(name: name, format: format.rawValue)]
        let outcome = run(
            file, plan: plan, name: name, format: format, attributes: attributes, threads: threads, forAssembly: forAssembly,
            collect: { decode in
                var spans = TracedSpans()
                decode { spans.append($1, traceID: $0) }
                return spans
            }
        ) { piece, report in
            merged.absorb(report)
            var piece = piece
            if plan.elements { expect(piece.runs) }
            // Freed as it goes on, in the arena of the worker that decoded it, which reuses the
            // memory for its next piece: no trimming is needed while reading (measured: the
            // same peak without).
            piece.drain(into: sink)
            return true
        }
        // Lines never make the split fail; a document's spans went on before it proved broken.
        guard outcome == .done else {
            retract()
            return false
        }
        report.merge(merged)
        return true
    }

    /// Decodes the ranges of one job (lines of OTLP JSON lines, a run of array elements, each
    /// one value, or the skeleton) into `sink`, filling `report`; true when a document's JSON
    /// is broken.
    private static func decodePiece(
        _ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], name: String, format: InputFormat, attributes: AttributePolicy,
        forAssembly: Bool, elements: Bool, report: inout ReadReport, sink: SpanSink
    ) -> Bool {
        report = ReadReport()
        report.inputs = [InputSummary(name: name, format: format.rawValue)]
        var broken = false
        withoutActuallyEscaping(sink) { sink in
            var context = DecodeContext(policy: attributes, report: report, input: 0, sink: sink)
            context.keepsUntimedSpans = forAssembly
            context.readsPastBadStrings = format != .otlpLines
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
