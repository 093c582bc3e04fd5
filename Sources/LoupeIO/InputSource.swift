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

    /// Opens the input: regular files are memory-mapped, everything else is streamed.
    package func open() throws(InputError) -> OpenedInput {
        switch self {
        case .standardInput:
            // Through the peekable wrapper, so bytes read for format detection are not lost.
            return OpenedInput(name: displayName, body: .stream(PeekableStandardInput.shared))
        case .file(let path):
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
                defer { close(fd) }
                let mapped = try MappedFile(fd: fd, size: Int(info.st_size), path: path)
                return OpenedInput(name: path, body: .mapped(mapped))
            }
            return OpenedInput(name: path, body: .stream(FileDescriptorStream(fd: fd, closeOnDeinit: true)))
        }
    }
}

/// An input ready to be cut into chunks.
package struct OpenedInput: @unchecked Sendable {
    package enum Body {
        case mapped(MappedFile)
        case stream(any ByteStream)
    }

    package let name: String
    package var body: Body

    package init(name: String, body: Body) {
        self.name = name
        self.body = body
    }
}
