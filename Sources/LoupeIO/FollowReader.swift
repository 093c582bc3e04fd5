import Glibc

/// Reads an input that keeps growing, as `tail -F` does, and hands out whole lines as soon as
/// they are there.
///
/// A regular file is read to its current end, then polled: appended lines come out in order;
/// when the file is truncated it is read again from the start, and when the path is replaced
/// (log rotation by rename) the rest of the old file is read and the new one is followed from
/// its start. A pipe is read as its writer writes; its end is the end of following. A line is
/// never handed out before its newline, except the last line of a replaced file or a pipe.
// @unchecked Sendable: used by one thread at a time, the consumer that calls `next`.
package final class FollowReader: @unchecked Sendable {
    /// What `next(wait:)` found.
    package enum Event {
        /// Whole lines; the chunk's `inputOffset` counts from the start of the current file.
        case lines(ByteChunk)
        /// Nothing new within the wait.
        case idle
        /// The file was truncated or replaced: line numbers start again (the message says which).
        case restarted(String)
        /// A pipe's writer closed it.
        case ended
    }

    package let name: String
    private let path: String?
    private var fd: Int32
    private var identity: (device: UInt, inode: UInt)
    private let isRegular: Bool
    /// Where reads land before they join `partial`.
    private let scratch: UnsafeMutableBufferPointer<UInt8>
    /// Bytes of the current file read so far.
    private var readOffset = 0
    /// The file offset of `partial`'s first byte.
    private var partialOffset = 0
    /// A line read without its newline yet.
    private var partial: [UInt8] = []
    private var ended = false
    /// A file that was empty when following began: format detection had nothing to look at,
    /// so its first lines decide whether they have a prefix (`next`).
    private var framingUndecided: Bool
    /// Reading past the rest of a binary line (see `readAvailable`), and how many of its bytes
    /// were dropped so far.
    private var droppingBinaryLine = false
    private var dropped = 0
    /// Where `partial`'s unfinished last line starts (after its last newline), and that line's
    /// first NUL byte, if it has one.
    private var lineStart = 0
    private var lineNul: Int?
    /// The pipe's stream when detection opened it (it keeps the descriptor open).
    private var borrowed: PeekableStream?
    /// Whether `fd` is this reader's to close: a file it opened itself.
    private var ownsDescriptor: Bool { path != nil && borrowed == nil }
    /// How often a regular file is checked for growth and rotation.
    package var pollInterval = 0.1

    /// Follows `source`; a regular file is read from its start.
    package init(_ source: InputSource, readSize: Int = 1 << 20) throws(InputError) {
        name = source.displayName
        let descriptor: Int32
        switch source {
        case .standardInput:
            path = nil
            descriptor = 0
        case .file(let file):
            path = file
            if let opened = PeekableStream.named(file) {
                // A pipe named as a file that format detection opened and peeked at: opening
                // it again would wait for a new writer and lose the peeked bytes.
                descriptor = opened.fileDescriptor
                borrowed = opened
            } else {
                descriptor = Glibc.open(file, O_RDONLY | O_CLOEXEC)
                if descriptor < 0 { throw InputError.fromErrno(errno, path: file) }
            }
        }
        var info = stat()
        var failure: InputError?
        if fstat(descriptor, &info) != 0 {
            failure = InputError.fromErrno(errno, path: source.displayName)
        } else if info.st_mode & S_IFMT == S_IFDIR {
            failure = InputError.isDirectory(source.displayName)
        } else if info.st_mode & S_IFMT == S_IFREG, Self.isCompressed(descriptor) {
            failure = InputError.cannotFollow(
                source.displayName, reason: "it is compressed (decompress it into a pipe instead: zcat FILE | loupe -f ...)")
        }
        if let failure {
            if path != nil && borrowed == nil { close(descriptor) }
            throw failure
        }
        fd = descriptor
        isRegular = info.st_mode & S_IFMT == S_IFREG
        framingUndecided = isRegular && info.st_size == 0
        identity = (UInt(info.st_dev), UInt(info.st_ino))
        scratch = .allocate(capacity: max(readSize, 1))
        if let peekedStream = path == nil ? PeekableStream.standardInput : borrowed {
            // Format detection may have peeked at the pipe already: those bytes come first.
            let peeked = peekedStream.takeBuffered()
            partial = peeked
            readOffset = peeked.count
            // The peeked bytes may hold whole lines (and a binary one among them).
            lineStart = Self.lastLineEnd(peeked)
            lineNul = peeked[lineStart...].firstIndex(of: 0)
        }
    }

    deinit {
        if ownsDescriptor { close(fd) }
        scratch.deallocate()
    }

    /// The next event, waiting up to `wait` seconds for new lines (0: only what is there now).
    /// A signal (Ctrl-C) cuts the wait short with `.idle`, so the caller can decide to stop.
    /// Lines with a prefix before their JSON are framed (`PrefixedLineChunks`) as they come.
    package var framesPrefixedLines = false

    package func next(wait: Double) throws(InputError) -> Event {
        let event = try nextEvent(wait: wait)
        guard case .lines(let chunk) = event else { return event }
        if framingUndecided {
            // Format detection saw an empty file: the first lines that come decide.
            let verdict = PrefixedLinesProbe.probe(UnsafeBufferPointer(start: chunk.base, count: chunk.count), atEnd: false)
            if verdict.decided {
                framingUndecided = false
                framesPrefixedLines = verdict.prefixed
            }
        }
        guard framesPrefixedLines else { return event }
        return .lines(PrefixedLineChunks.framed(chunk))
    }

    private func nextEvent(wait: Double) throws(InputError) -> Event {
        let deadline = Self.now() + wait
        while true {
            if let chunk = try readAvailable() { return .lines(chunk) }
            if ended { return flushPartial().map(Event.lines) ?? .ended }
            if isRegular, let event = try checkRotation() { return event }
            let remaining = deadline - Self.now()
            if remaining <= 0 || !waitForData(remaining) { return .idle }
        }
    }

    /// Sleeps until data may have come (a pipe: until it is readable); false when a signal
    /// interrupted the wait.
    private func waitForData(_ seconds: Double) -> Bool {
        if isRegular {
            let interval = min(seconds, pollInterval)
            var ts = timespec(tv_sec: Int(interval), tv_nsec: Int((interval - Double(Int(interval))) * 1e9))
            return nanosleep(&ts, nil) == 0
        }
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, Int32((seconds * 1000).rounded(.up))) >= 0
    }

    /// Reads what is there now (without blocking) and returns the whole lines, if any. It stops
    /// at Ctrl-C, which an endless source (`/dev/zero`) would otherwise never let it see, and a
    /// line holding a NUL byte is binary data: kept up to its NUL, the rest dropped as it comes,
    /// as the other readers do, so memory stays bounded.
    private func readAvailable() throws(InputError) -> ByteChunk? {
        var holdsLine = false
        while !ended && !InterruptSignal.isSet {
            if !isRegular {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&poller, 1, 0) <= 0 { break }
            }
            let count = Glibc.read(fd, scratch.baseAddress, scratch.count)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { break }
                throw InputError.readFailed(name, errno: errno)
            }
            if count == 0 {
                // A regular file's current end; a pipe's real end.
                if !isRegular { ended = true }
                break
            }
            readOffset += count
            var read = scratch[..<count]
            if droppingBinaryLine {
                guard let newline = read.firstIndex(of: 0x0A) else {
                    dropped += count
                    continue
                }
                dropped += newline - read.startIndex
                read = read[newline...]
                droppingBinaryLine = false
            }
            let base = partial.count
            partial += read
            // Only the new bytes are looked at: a long line costs its length once.
            if let newline = read.lastIndex(of: 0x0A) {
                holdsLine = true
                lineStart = base + (newline - read.startIndex) + 1
                lineNul = read[(newline + 1)...].firstIndex(of: 0).map { base + ($0 - read.startIndex) }
            } else if lineNul == nil, let nul = read.firstIndex(of: 0) {
                lineNul = base + (nul - read.startIndex)
            }
            if partial.count - lineStart >= scratch.count, let nul = lineNul {
                dropped += partial.count - (nul + 1)
                partial.removeSubrange((nul + 1)...)
                lineNul = nil
                droppingBinaryLine = true
            }
            // A short read means the end for now; after a full read's worth, hand out the lines
            // read so far first (a line longer than that is read on until it is whole).
            if count < scratch.count || (partial.count >= scratch.count && holdsLine) { break }
        }
        let end = lineStart
        guard end > 0 else { return nil }
        let buffer = OwnedBuffer(capacity: end)
        partial.withUnsafeBufferPointer { buffer.pointer.update(from: $0.baseAddress!, count: end) }
        let chunk = ByteChunk(base: UnsafePointer(buffer.pointer), count: end, inputOffset: partialOffset, owner: buffer)
        partial.removeFirst(end)
        lineStart = 0
        lineNul = lineNul.map { $0 - end }
        // What was dropped of a binary line lay inside this chunk's last line: later bytes
        // start that much further on.
        partialOffset += end + dropped
        dropped = 0
        return chunk
    }

    /// At the current end of a regular file: was it truncated or replaced?
    private func checkRotation() throws(InputError) -> Event? {
        var info = stat()
        if fstat(fd, &info) == 0, Int(info.st_size) < readOffset {
            _ = lseek(fd, 0, SEEK_SET)
            restart()
            return .restarted("\(name): file truncated; reading it again from the start")
        }
        guard let path else { return nil }
        var now = stat()
        // Between a rename and the new file's creation the path is missing: keep the old file.
        guard stat(path, &now) == 0, (UInt(now.st_dev), UInt(now.st_ino)) != identity else { return nil }
        // Replaced: first whatever the old file still holds, then its unterminated last line.
        if let chunk = try readAvailable() { return .lines(chunk) }
        if let last = flushPartial() { return .lines(last) }
        let fresh = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fresh >= 0 else { return nil }
        close(fd)
        fd = fresh
        var info2 = stat()
        if fstat(fd, &info2) == 0 { identity = (UInt(info2.st_dev), UInt(info2.st_ino)) }
        restart()
        return .restarted("\(name): file replaced; following the new file")
    }

    private func restart() {
        readOffset = 0
        partialOffset = 0
        partial = []
        droppingBinaryLine = false
        dropped = 0
        lineStart = 0
        lineNul = nil
    }

    /// The unterminated last line, as a chunk of its own.
    private func flushPartial() -> ByteChunk? {
        guard !partial.isEmpty else { return nil }
        let buffer = OwnedBuffer(capacity: partial.count)
        partial.withUnsafeBufferPointer { buffer.pointer.update(from: $0.baseAddress!, count: $0.count) }
        let chunk = ByteChunk(base: UnsafePointer(buffer.pointer), count: partial.count, inputOffset: partialOffset, owner: buffer)
        partialOffset += partial.count
        partial = []
        lineStart = 0
        lineNul = nil
        return chunk
    }

    private static func lastLineEnd(_ bytes: [UInt8]) -> Int {
        var i = bytes.count
        while i > 0 && bytes[i - 1] != 0x0A { i -= 1 }
        return i
    }

    private static func isCompressed(_ fd: Int32) -> Bool {
        var magic = [UInt8](repeating: 0, count: CompressionFormat.magicLength)
        let n = magic.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        return n > 0 && CompressionFormat.detect(magic[..<n]) != nil
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
