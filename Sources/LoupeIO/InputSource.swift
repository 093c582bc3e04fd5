import Glibc

/// Where records come from: a named file or standard input (`-`).
package enum InputSource: Sendable, Equatable {
    case file(String)
    case standardInput

    /// The name used in messages and in `-H` prefixes.
    package var displayName: String {
        switch self {
        case .file(let path): return path
        case .standardInput: return "(standard input)"
        }
    }

    package init(argument: String) {
        self = argument == "-" ? .standardInput : .file(argument)
    }

    /// Every byte of the input, decompressed: for the small files read whole (a gate's baseline,
    /// what a child loupe said).
    package func readAll() throws(InputError) -> [UInt8] {
        let reader = ChunkReader(try open())
        var bytes: [UInt8] = []
        while let chunk = try reader.next() {
            bytes += UnsafeBufferPointer(start: chunk.base, count: chunk.count)
        }
        return bytes
    }

    /// Opens the input: regular files are memory-mapped, everything else is streamed; gzip and
    /// zstd data (told by its magic bytes, never by the name) is decompressed while streaming,
    /// and UTF-16 text (told by its byte order mark, or by a NUL byte next to JSON's first
    /// character) is decoded to UTF-8.
    package func open() throws(InputError) -> OpenedInput {
        switch self {
        case .standardInput:
            // Through the peekable wrapper, so bytes read for format detection are not lost.
            return try Self.sniffed(PeekableStream.standardInput, name: displayName)
        case .file(let path):
            if let stream = PeekableStream.named(path) { return try Self.sniffed(stream, name: path) }
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 { throw InputError.fromErrno(errno, path: path) }
            var info = stat()
            if fstat(fd, &info) != 0 {
                let code = errno
                close(fd)
                throw InputError.fromErrno(code, path: path)
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                close(fd)
                throw InputError.isDirectory(path)
            }
            if type == S_IFREG {
                let magic = Self.magicOfFile(fd)
                if let format = CompressionFormat.detect(magic) {
                    let raw = FileDescriptorStream(fd: fd, closeOnDeinit: true, name: path)
                    return OpenedInput(name: path, body: .stream(format.decoder(over: raw, name: path)), compression: format)
                }
                if let bigEndian = UTF16Stream.detect(magic) {
                    // UTF-16 text is read through its UTF-8 decoding, so it is streamed.
                    let raw = FileDescriptorStream(fd: fd, closeOnDeinit: true, name: path)
                    return OpenedInput(name: path, body: .stream(UTF16Stream(source: raw, bigEndian: bigEndian)))
                }
                if info.st_size == 0 {
                    // A size of 0 may still have bytes to read (/proc, some FUSE files), or fail
                    // to (/proc/self/mem): read as a stream, not mapped as empty.
                    return try Self.sniffed(FileDescriptorStream(fd: fd, closeOnDeinit: true, name: path), name: path)
                }
                defer { close(fd) }
                let mapped = try MappedFile(fd: fd, size: Int(info.st_size), path: path)
                return OpenedInput(name: path, body: .mapped(mapped))
            }
            return try Self.sniffed(PeekableStream.register(path, fd: fd), name: path)
        }
    }

    /// The stream whose first bytes a look must give back to the input's reader: standard
    /// input, or a file argument that is a pipe or a device (it can be read only once); nil
    /// for a regular file, which is simply opened again.
    func peekable() -> PeekableStream? {
        switch self {
        case .standardInput:
            return .standardInput
        case .file(let path):
            if let stream = PeekableStream.named(path) { return stream }
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFDIR else { return nil }
            let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            return fd < 0 ? nil : PeekableStream.register(path, fd: fd)
        }
    }

    /// A pipe or terminal: its first bytes are read to tell compressed data, then replayed.
    private static func sniffed(_ raw: any ByteStream, name: String) throws(InputError) -> OpenedInput {
        let magic = try PrefixedStream.peek(raw, count: CompressionFormat.magicLength)
        let replayed = PrefixedStream(prefix: magic, source: raw)
        if let bigEndian = UTF16Stream.detect(magic) {
            return OpenedInput(name: name, body: .stream(UTF16Stream(source: replayed, bigEndian: bigEndian)))
        }
        guard let format = CompressionFormat.detect(magic) else { return OpenedInput(name: name, body: .stream(replayed)) }
        return OpenedInput(name: name, body: .stream(format.decoder(over: replayed, name: name)), compression: format)
    }

    /// The first bytes of a regular file, which tell compression and UTF-16 (read without
    /// moving the offset).
    private static func magicOfFile(_ fd: Int32) -> [UInt8] {
        var magic = [UInt8](repeating: 0, count: CompressionFormat.magicLength)
        let n = magic.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        return Array(magic[..<max(n, 0)])
    }
}

/// An input ready to be cut into chunks.
// @unchecked Sendable: its body (a mapped file or a stream) is read by one reader at a time; a
// mapped file's bytes are read-only and shared by design.
package struct OpenedInput: @unchecked Sendable {
    package enum Body {
        case mapped(MappedFile)
        case stream(any ByteStream)
    }

    package let name: String
    package var body: Body
    /// The format the bytes are decompressed from, or nil for plain input.
    package var compression: CompressionFormat?

    package init(name: String, body: Body, compression: CompressionFormat? = nil) {
        self.name = name
        self.body = body
        self.compression = compression
    }
}
