import Glibc

/// Standard input, or a pipe or device named as a file (`<(zcat app.log.gz)`, `/dev/stdin`),
/// that can be looked at before it is read: everything read inside `rewinding` is handed out
/// again, first, by later reads. Such an input can be read only once, so each has one of
/// these for the whole run, shared by the look (format detection) and the read.
// @unchecked Sendable: each is read by one thread at a time (detection, then the one reader of
// that input); it is not locked because `rewinding` reads through itself, and two threads
// reading one descriptor would be a bug anyway.
package final class PeekableStream: ByteStream, @unchecked Sendable {
    package static let standardInput = PeekableStream(FileDescriptorStream(fd: 0, closeOnDeinit: false))

    /// The pipes and devices named as files, by path, each opened once.
    private static let named = Locked<[String: PeekableStream]>([:])

    private let underlying: FileDescriptorStream
    /// Bytes read from the descriptor that are (or may be) handed out again.
    private var buffered: [UInt8] = []
    private var replayed = 0
    private var recording = 0

    package var name: String { underlying.name }
    /// The descriptor read, for a reader that reads it itself after `takeBuffered` (`--follow`).
    package var fileDescriptor: Int32 { underlying.fileDescriptor }

    private init(_ underlying: FileDescriptorStream) {
        self.underlying = underlying
    }

    /// The stream of the pipe or device at `path`, once it has been opened: a FIFO must not
    /// be opened twice (the second open waits for a writer that is gone).
    static func named(_ path: String) -> PeekableStream? {
        named.withLock { $0[path] }
    }

    /// Makes `fd`, just opened on the pipe or device at `path`, its stream for the run.
    static func register(_ path: String, fd: Int32) -> PeekableStream {
        let stream = PeekableStream(FileDescriptorStream(fd: fd, closeOnDeinit: true, name: path))
        named.withLock { $0[path] = stream }
        return stream
    }

    /// Runs `body`, then rewinds: whatever `body` read (through any number of wrappers, such as
    /// a decompressor) is read again by the next reader.
    package func rewinding<T>(_ body: () throws(InputError) -> T) throws(InputError) -> T {
        let mark = replayed
        recording += 1
        defer {
            recording -= 1
            replayed = mark
        }
        return try body()
    }

    /// Hands over the bytes peeked and not yet read, for a reader that reads the descriptor
    /// itself (`--follow`); afterwards this stream reads on where they end.
    package func takeBuffered() -> [UInt8] {
        let rest = Array(buffered[replayed...])
        buffered = []
        replayed = 0
        return rest
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if replayed < buffered.count {
            let n = min(buffer.count, buffered.count - replayed)
            buffered.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + replayed, byteCount: n)
            }
            replayed += n
            if recording == 0 && replayed == buffered.count {
                buffered = []
                replayed = 0
            }
            return n
        }
        let n = try underlying.read(into: buffer)
        if recording > 0 && n > 0 {
            buffered.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            replayed = buffered.count
        }
        return n
    }
}
