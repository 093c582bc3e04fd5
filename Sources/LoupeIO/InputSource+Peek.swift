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

/// Standard input that can be looked at before it is read: bytes taken by `peek` are handed
/// out again, first, by `read`. There is one standard input, so there is one of these.
package final class PeekableStandardInput: ByteStream, @unchecked Sendable {
    package static let shared = PeekableStandardInput()

    private let underlying = FileDescriptorStream(fd: 0, closeOnDeinit: false)
    private var buffered: [UInt8] = []
    private var replayed = 0
    private var ended = false

    package var name: String { underlying.name }

    /// Up to `count` leading bytes. A pipe is read until it has that many, or ends, or holds a
    /// first line that is a whole JSON value: a live stream of short lines (`--follow`, a slow
    /// producer) must not wait for `count` bytes before its first line is handled.
    package func peek(upTo count: Int) throws(InputError) -> [UInt8] {
        while buffered.count - replayed < count && !ended && !holdsCompleteFirstLine() {
            let want = max(count - (buffered.count - replayed), 4096)
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: want, alignment: 1)
            defer { chunk.deallocate() }
            let n = try underlying.read(into: chunk)
            if n == 0 {
                ended = true
                break
            }
            buffered.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
        }
        return Array(buffered[replayed..<min(buffered.count, replayed + count)])
    }

    /// Hands over the bytes peeked and not yet read, for a reader that reads the descriptor
    /// itself (`--follow`); afterwards this stream reads on where they end.
    package func takeBuffered() -> [UInt8] {
        let rest = Array(buffered[replayed...])
        buffered = []
        replayed = 0
        return rest
    }

    /// Whether the buffer starts with a line that ends in `}` or `]` (a one-line document);
    /// a pretty-printed document's first line (`{`) does not, so detection reads on.
    private func holdsCompleteFirstLine() -> Bool {
        guard let newline = buffered[replayed...].firstIndex(of: 0x0A) else { return false }
        let line = buffered[replayed..<newline].reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        return line.first == UInt8(ascii: "}") || line.first == UInt8(ascii: "]")
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if replayed < buffered.count {
            let n = min(buffer.count, buffered.count - replayed)
            buffered.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + replayed, byteCount: n)
            }
            replayed += n
            if replayed == buffered.count {
                buffered = []
                replayed = 0
            }
            return n
        }
        if ended { return 0 }
        return try underlying.read(into: buffer)
    }
}
