import CLoupeSignals
import Glibc

/// A regular file mapped read-only into memory; the mapping lives as long as this object.
///
/// Mapping instead of reading lets workers share the bytes without copies; the pages count as
/// page cache, not as loupe's own memory.
// @unchecked Sendable: the mapping is read-only (PROT_READ) and lives as long as the object.
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
        loupe_mapping_register(raw, size, path)
    }

    /// Tells the kernel this process is done with the whole pages inside `[start, start+count)`:
    /// they leave loupe's resident set (they stay in the page cache), so memory stays flat
    /// however large the file. Reading them again later is still correct, only slower.
    package func discard(from start: Int, count: Int) {
        guard let base else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = (start + page - 1) / page * page
        let last = (start + count) / page * page
        guard last > first else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, MADV_DONTNEED)
    }

    /// From now on, a mapped file cut short while it is read ends loupe with its name and
    /// exit status 2, instead of "Bus error" (see `loupe_signals.c`).
    package static func reportFilesCutWhileRead() {
        loupe_install_sigbus_handler()
    }

    deinit {
        guard let base else { return }
        loupe_mapping_unregister(base)
        munmap(UnsafeMutableRawPointer(mutating: base), count)
    }
}
