import Glibc

/// Why an input could not be opened or read; each message names the input it concerns.
package enum InputError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case isDirectory(String)
    case permissionDenied(String)
    case readFailed(String, errno: Int32)

    package static func fromErrno(_ code: Int32, path: String) -> InputError {
        switch code {
        case ENOENT, ENOTDIR: return .notFound(path)
        case EISDIR: return .isDirectory(path)
        case EACCES, EPERM: return .permissionDenied(path)
        default: return .readFailed(path, errno: code)
        }
    }

    package var description: String {
        switch self {
        case .notFound(let path): return "\(path): no such file or directory"
        case .isDirectory(let path): return "\(path): is a directory"
        case .permissionDenied(let path): return "\(path): permission denied"
        case .readFailed(let path, let code): return "\(path): read failed: \(String(cString: strerror(code)))"
        }
    }
}
