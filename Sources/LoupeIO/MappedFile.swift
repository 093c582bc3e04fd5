import Glibc

/// A regular file mapped read-only into memory; the mapping lives as long as this object.
///
/// Mapping instead of reading lets workers share the bytes without copies; the pages count as
/// page cache, not as loupe's own memory.
package final class MappedFile: @unchecked Sendable {
    package let base: UnsafePointer<UInt8>?
    package let count: Int

    /// Maps `fd`, which must be a regular file of `size` bytes; an empty file maps to nothing.
    package init(fd: Int32, size: Int, path: String) throws(InputError) {
        count = size
        if size == 0 {
            base = nil
            return
        }
        guard let raw = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), raw != MAP_FAILED else {
            throw InputError.fromErrno(errno, path: path)
        }
        _ = madvise(raw, size, MADV_SEQUENTIAL)
        base = UnsafePointer(raw.assumingMemoryBound(to: UInt8.self))
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }
}
