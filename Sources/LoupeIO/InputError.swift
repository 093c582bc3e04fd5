import Glibc

/// Why an input could not be opened or read; each message names the input it concerns.
package enum InputError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case isDirectory(String)
    case permissionDenied(String)
    case readFailed(String, errno: Int32)
    /// Compressed data that cannot be decoded; `offset` is the compressed byte where it showed.
    case corruptCompressed(String, format: CompressionFormat, offset: Int, detail: String)
    /// Compressed data that stops before its stream ends; `offset` is the compressed size read.
    case truncatedCompressed(String, format: CompressionFormat, offset: Int)
    /// `--follow` was given an input it cannot follow (a pipe, a compressed file).
    case cannotFollow(String, reason: String)

    package static func fromErrno(_ code: Int32, path: String) -> InputError {
        switch code {
        case ENOENT, ENOTDIR: return .notFound(path)
        case EISDIR: return .isDirectory(path)
        case EACCES, EPERM: return .permissionDenied(path)
        default: return .readFailed(path, errno: code)
        }
    }

    package var description: String { "\(path): \(problem)" }

    /// Compressed data that stops early: what came before the cut is good, as in a cut file,
    /// so readers treat it as one. Corrupt data is not: a failed checksum puts in doubt what was
    /// already read.
    package var isCutShort: Bool {
        if case .truncatedCompressed = self { return true }
        return false
    }

    /// The input the error concerns.
    package var path: String {
        switch self {
        case .notFound(let path), .isDirectory(let path), .permissionDenied(let path), .readFailed(let path, _),
            .corruptCompressed(let path, _, _, _), .truncatedCompressed(let path, _, _), .cannotFollow(let path, _):
            return path
        }
    }

    /// What went wrong, without the input's name (for messages that name it themselves).
    package var problem: String {
        switch self {
        case .notFound: return "no such file or directory"
        case .isDirectory: return "is a directory"
        case .permissionDenied: return "permission denied"
        case .readFailed(_, let code): return "read failed: \(String(cString: strerror(code)))"
        case .corruptCompressed(_, let format, let offset, let detail):
            return "corrupt \(format) data at compressed byte \(offset): \(detail)"
        case .truncatedCompressed(_, let format, let offset):
            return "truncated \(format) data: the input ends at compressed byte \(offset), before the end of the compressed stream"
        case .cannotFollow(_, let reason): return "cannot follow: \(reason)"
        }
    }
}
