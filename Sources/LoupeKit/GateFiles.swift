import Glibc
import LoupeGate

/// Writes the gate's files (reports, baselines): whole or not at all.
enum GateFiles {
    /// Writes `bytes` to `path` through a temporary file in the same directory and a rename,
    /// so a failed run never leaves half a baseline or report behind.
    static func write(_ bytes: [UInt8], to path: String, what: String) throws(GateError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(what, path) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let error = failure(what, path)
                close(fd)
                unlink(temporary)
                throw error
            }
            offset += n
        }
        guard close(fd) == 0, rename(temporary, path) == 0 else {
            let error = failure(what, path)
            unlink(temporary)
            throw error
        }
    }

    private static func failure(_ what: String, _ path: String) -> GateError {
        GateError(description: "cannot write the \(what) \(path): \(String(cString: strerror(errno)))")
    }
}
