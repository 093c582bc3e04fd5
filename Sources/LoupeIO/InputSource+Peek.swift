import Glibc

extension InputSource {
    /// The first `count` bytes of the input (fewer when it is shorter), without consuming them:
    /// files are read at offset 0, standard input is buffered and replayed to its reader.
    package func peek(upTo count: Int) throws(InputError) -> [UInt8] {
        switch self {
        case .standardInput:
            return try PeekableStandardInput.shared.peek(upTo: count)
        case .file(let path):
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw InputError.fromErrno(errno, path: path) }
            defer { close(fd) }
            var bytes = [UInt8](repeating: 0, count: count)
            var filled = 0
            while filled < count {
                let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, count - filled, off_t(filled)) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw InputError.fromErrno(errno, path: path)
                }
                if n == 0 { break }
                filled += n
            }
            bytes.removeSubrange(filled...)
            return bytes
        }
    }
}

/// Standard input that can be looked at before it is read: everything read inside
/// `rewinding` (or by `peek`) is handed out again, first, by later reads. There is one standard
/// input, so there is one of these.
// @unchecked Sendable: standard input is opened once per run and read by one thread at a time
// (detection, then the one reader of that input); it is not locked because `rewinding` reads
// through itself, and two threads reading one descriptor would be a bug anyway.
package final class PeekableStandardInput: ByteStream, @unchecked Sendable {
    package static let shared = PeekableStandardInput()

    private let underlying = FileDescriptorStream(fd: 0, closeOnDeinit: false)
    /// Bytes read from the descriptor that are (or may be) handed out again.
    private var buffered: [UInt8] = []
    private var replayed = 0
    private var recording = 0

    package var name: String { underlying.name }

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

    /// Up to `count` leading bytes, without consuming them. A pipe is read until it has that
    /// many, or ends, or holds a first line that is a whole JSON value: a live stream of short
    /// lines (`--follow`, a slow producer) must not wait for `count` bytes before its first
    /// line is handled.
    package func peek(upTo count: Int) throws(InputError) -> [UInt8] {
        try rewinding { () throws(InputError) -> [UInt8] in
            var bytes: [UInt8] = []
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 1)
            defer { chunk.deallocate() }
            while bytes.count < count && !Self.holdsCompleteFirstLine(bytes) {
                let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[0..<(count - bytes.count)]))
                if n == 0 { break }
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
            }
            return bytes
        }
    }

    /// Hands over the bytes peeked and not yet read, for a reader that reads the descriptor
    /// itself (`--follow`); afterwards this stream reads on where they end.
    package func takeBuffered() -> [UInt8] {
        let rest = Array(buffered[replayed...])
        buffered = []
        replayed = 0
        return rest
    }

    /// Whether the bytes start with a line that ends in `}` or `]` (a one-line document);
    /// a pretty-printed document's first line (`{`) does not, so detection reads on.
    private static func holdsCompleteFirstLine(_ bytes: [UInt8]) -> Bool {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return false }
        let line = bytes[..<newline].reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        return line.first == UInt8(ascii: "}") || line.first == UInt8(ascii: "]")
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
