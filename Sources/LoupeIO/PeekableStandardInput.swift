import Glibc

/// Standard input that can be looked at before it is read: everything read inside
/// `rewinding` is handed out again, first, by later reads. There is one standard
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
