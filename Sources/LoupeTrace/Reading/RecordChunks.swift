import Glibc
import LoupeIO

/// The spans of a trace export, or the log records of OTLP logs, as chunks of JSON lines, one
/// record per span (DESIGN section 4) or log record (`LogRecord+Record`), so the query engine
/// reads them like a log file.
///
/// A decoder thread renders spans into chunks of about `chunkSize` bytes and queues at most a
/// few of them: memory stays flat however big the export is. With `threads` above 1, a big
/// mapped export is cut as `ParallelDecode` cuts it and its pieces are decoded and rendered on
/// that many threads, each piece one chunk, handed out in input order: the same records and
/// the same report as reading it front to back. When the reader stops early (`cancel`), the
/// decoder stops at the next span, or piece.
// @unchecked Sendable: the decoder thread and the reader share only what `condition` guards
// (the queue and the flags); `report` is read after the decoder has finished. In a split read
// the workers touch none of this object: they render into their own buffers, which the
// decoder thread queues.
package final class RecordChunks: ByteChunkSource, @unchecked Sendable {
    private let condition = Condition()
    private var queue: [ByteChunk] = []
    private var finished = false
    private var cancelled = false
    private var delivered = 0
    private var produced = 0
    private static let queueLimit = 4
    /// What decoding found; complete once `next()` has returned nil.
    package private(set) var report = ReadReport()

    package init(
        _ opened: OpenedInput, format: InputFormat, chunkSize: Int, threads: Int = 1,
        sizes: ParallelDecode.Sizes = ParallelDecode.Sizes()
    ) {
        if !startThread({ [self] in decode(opened, format, max(chunkSize, 1), threads, sizes) }) {
            startFailure = .readFailed(opened.name, errno: EAGAIN)
            finished = true
        }
    }

    /// Why no decoder thread runs (the system would start none); `next()` throws it.
    private var startFailure: InputError?

    package var bytesDelivered: Int {
        condition.lock()
        defer { condition.unlock() }
        return delivered
    }

    package func next() throws(InputError) -> ByteChunk? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if let startFailure { throw startFailure }
        guard !queue.isEmpty else { return nil }
        let chunk = queue.removeFirst()
        delivered += chunk.count
        condition.broadcast()
        return chunk
    }

    /// Stops decoding and waits for the decoder to end, so the report is final.
    package func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    // MARK: - The decoder thread

    private func decode(
        _ opened: OpenedInput, _ format: InputFormat, _ chunkSize: Int, _ threads: Int, _ sizes: ParallelDecode.Sizes
    ) {
        var report = ReadReport()
        // Spans already handed out when a split read gives up: the sequential read skips them.
        var handedOut = 0
        if !format.isOTLPLogs, threads > 1, case .mapped(let file) = opened.body {
            var pieceSizes = sizes
            pieceSizes.piece = min(sizes.piece, chunkSize)
            switch decodeSplit(file, name: opened.name, format: format, threads: threads, sizes: pieceSizes, report: &report) {
            case .done: return finish(report)
            case .unsplit: break
            case .broken(let spans): handedOut = spans
            }
        }
        var pending: [UInt8] = []
        pending.reserveCapacity(chunkSize + 4096)
        func ended() {
            pending.append(0x0A)
            if pending.count >= chunkSize {
                push(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        if format.isOTLPLogs {
            LogReader.decode(opened, format: format, report: &report, shouldStop: { [self] in isCancelled }) { record in
                record.appendRecord(to: &pending)
                ended()
            }
        } else {
            var writer = SpanRecordWriter()
            TraceReader.decode(opened, format: format, attributes: .all, report: &report, shouldStop: { [self] in isCancelled }) {
                traceID, span in
                guard handedOut == 0 else {
                    handedOut -= 1
                    return
                }
                writer.append(span, traceID: traceID, to: &pending)
                ended()
            }
        }
        if !pending.isEmpty { push(pending) }
        finish(report)
    }

    /// How a split read of a mapped export ended.
    private enum SplitEnd {
        /// Read to its end (or cancelled); `report` is complete.
        case done
        /// Not split (too small, or not a shape that splits); nothing was handed out.
        case unsplit
        /// The document proved broken or unusual (a piece, its structure, or the rest of it)
        /// after `spans` records were handed out: the input is read sequentially, which
        /// defines where reading stops, skipping those (a split read gives the same spans in
        /// the same order).
        case broken(spans: Int)
    }

    /// Decodes the pieces of a split export on `threads` threads, one chunk of records each.
    private func decodeSplit(
        _ file: MappedFile, name: String, format: InputFormat, threads: Int, sizes: ParallelDecode.Sizes, report: inout ReadReport
    ) -> SplitEnd {
        guard
            let plan = ParallelDecode.plan(
                file, name: name, format: format, attributes: .all, threads: threads, sizes: sizes, forAssembly: false)
        else { return .unsplit }
        var merged = ReadReport()
        merged.inputs = [InputSummary(name: name, format: format.rawValue)]
        var spans = 0
        let outcome = ParallelDecode.run(
            file, plan: plan, name: name, format: format, attributes: .all, threads: threads, forAssembly: false,
            collect: { decode in
                var records: [UInt8] = []
                var count = 0
                var writer = SpanRecordWriter()
                decode { traceID, span in
                    writer.append(span, traceID: traceID, to: &records)
                    records.append(0x0A)
                    count += 1
                }
                return (records, count)
            }
        ) { [self] piece, pieceReport in
            merged.absorb(pieceReport)
            if !piece.0.isEmpty { push(piece.0) }
            spans += piece.1
            return !isCancelled
        }
        switch outcome {
        case .done:
            report.merge(merged)
            return .done
        case .brokenDocument:
            return .broken(spans: spans)
        }
    }

    /// Publishes the report and ends the stream.
    private func finish(_ report: ReadReport) {
        condition.lock()
        self.report = report
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Queues a chunk, waiting while the queue is full.
    private func push(_ bytes: [UInt8]) {
        let buffer = OwnedBuffer(capacity: bytes.count)
        bytes.withUnsafeBufferPointer { buffer.pointer.update(from: $0.baseAddress!, count: bytes.count) }
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.queueLimit && !cancelled { condition.wait() }
        guard !cancelled else { return }
        queue.append(ByteChunk(base: UnsafePointer(buffer.pointer), count: bytes.count, inputOffset: produced, owner: buffer))
        produced += bytes.count
        condition.broadcast()
    }
}
