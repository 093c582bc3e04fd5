/// A stream that first replays bytes already taken from its source, then reads the source.
///
/// Sniffing the magic bytes of a pipe consumes them; this puts them back in front.
package final class PrefixedStream: ByteStream {
    private let source: any ByteStream
    private var prefix: [UInt8]
    private var position = 0

    package var name: String { source.name }

    package init(prefix: [UInt8], source: any ByteStream) {
        self.prefix = prefix
        self.source = source
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard buffer.count > 0 else { return 0 }
        if position < prefix.count {
            let n = min(buffer.count, prefix.count - position)
            prefix.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + position, byteCount: n) }
            position += n
            if position == prefix.count {
                // Done with the prefix: free it and read the source from now on.
                prefix = []
                position = 0
            }
            return n
        }
        return try source.read(into: buffer)
    }

    /// Reads up to `count` bytes from `source`, stopping early only at its end (a pipe may
    /// return fewer bytes per read than were written).
    package static func peek(_ source: any ByteStream, count: Int) throws(InputError) -> [UInt8] {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 1)
        defer { scratch.deallocate() }
        var filled = 0
        while filled < count {
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[filled..<count]))
            if n == 0 { break }
            filled += n
        }
        return Array(scratch[..<filled])
    }
}
