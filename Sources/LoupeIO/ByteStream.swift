import Glibc

/// A source of bytes read front to back: a pipe, a terminal, a decompressor.
package protocol ByteStream: AnyObject {
    /// Fills up to `buffer.count` bytes and returns how many; 0 means the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
    /// The name used in error messages.
    var name: String { get }
}

/// Reads a file descriptor with `read(2)`, retrying interrupted calls.
package final class FileDescriptorStream: ByteStream {
    private let fd: Int32
    private let closeOnDeinit: Bool
    package let name: String

    package init(fd: Int32, closeOnDeinit: Bool, name: String = "(standard input)") {
        self.fd = fd
        self.closeOnDeinit = closeOnDeinit
        self.name = name
    }

    deinit { if closeOnDeinit { close(fd) } }

    var fileDescriptor: Int32 { fd }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            if errno == EISDIR { throw InputError.isDirectory(name) }
            throw InputError.readFailed(name, errno: errno)
        }
    }
}
