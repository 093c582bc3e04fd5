import Foundation
import LoupeIO
import LoupeTrace

/// The spans of a trace export, or the log records of OTLP logs, as chunks of JSON lines, one
/// record per span (DESIGN section 4) or log record (`LogRecord+Record`), so the query engine
/// reads them like a log file.
///
/// A decoder thread renders spans into chunks of about `chunkSize` bytes and queues at most a
/// few of them: memory stays flat however big the export is. When the reader stops early
/// (`cancel`), the decoder stops at the next span.
// @unchecked Sendable: the decoder thread and the reader share only what `condition` guards
// (the queue and the flags); `report` is read after the decoder has finished.
package final class RecordChunks: ByteChunkSource, @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [ByteChunk] = []
    private var finished = false
    private var cancelled = false
    private var delivered = 0
    private var produced = 0
    private static let queueLimit = 4
    /// What decoding found; complete once `next()` has returned nil.
    package private(set) var report = ReadReport()

    package init(_ opened: OpenedInput, format: InputFormat, chunkSize: Int) {
        let thread = Thread { [self] in decode(opened, format, max(chunkSize, 1)) }
        thread.stackSize = 8 << 20
        thread.start()
    }

    package var bytesDelivered: Int {
        condition.lock()
        defer { condition.unlock() }
        return delivered
    }

    package func next() throws(InputError) -> ByteChunk? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
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

    private func decode(_ opened: OpenedInput, _ format: InputFormat, _ chunkSize: Int) {
        var pending: [UInt8] = []
        pending.reserveCapacity(chunkSize + 4096)
        var report = ReadReport()
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
            TraceReader.decode(opened, format: format, attributes: .all, report: &report, shouldStop: { [self] in isCancelled }) { span in
                span.appendRecord(to: &pending)
                ended()
            }
        }
        if !pending.isEmpty { push(pending) }
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
