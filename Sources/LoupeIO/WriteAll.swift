import Glibc

/// Writes all of `bytes` to `fd`, again after a short write or an interrupted one; returns
/// nil, or the `errno` of the write that failed (`EPIPE` when the reader went away).
package func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    var offset = 0
    while offset < bytes.count {
        let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += n
    }
    return nil
}
