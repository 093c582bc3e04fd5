/// The bytes derived values point into: a copy of the record, then the text the derivations
/// write (`warn`, `2025-11-07T16:12:01.123000000Z`, a lowered message). Slots hold offsets
/// from one base, so the record is copied to sit before them; a program without such values
/// never copies. Reused for every record of one evaluator (one thread).
final class DerivedStorage {
    private(set) var pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1024)
    private(set) var capacity = 1024
    private(set) var count = 0
    /// The candidate each derived value came from (see `RecordEvaluator.derivedPicks`).
    var picks: [Int]

    /// For each `parse` match: the subject's offset (it is copied here), then the start and
    /// end of each group in it (-1: unset); all -1 when the record did not match.
    var captures: [[Int]]

    init(derivedCount: Int, captureSizes: [Int] = []) {
        picks = Array(repeating: Derivation.noPick, count: derivedCount)
        // Group 0, the whole match, comes before the pattern's groups.
        captures = captureSizes.map { Array(repeating: -1, count: 1 + 2 * ($0 + 1)) }
    }

    var base: UnsafePointer<UInt8> { UnsafePointer(pointer) }

    /// Starts a record: its bytes, and room for `extra` more without growing.
    func reset(copying record: UnsafePointer<UInt8>, _ recordCount: Int, extra: Int) {
        count = 0
        reserve(recordCount + extra)
        pointer.update(from: record, count: recordCount)
        count = recordCount
    }

    func append(_ byte: UInt8) {
        reserve(count + 1)
        pointer[count] = byte
        count += 1
    }

    func append(_ bytes: UnsafePointer<UInt8>, _ n: Int) {
        reserve(count + n)
        (pointer + count).update(from: bytes, count: n)
        count += n
    }

    /// Appends `n` bytes that `body` writes in place.
    func appendFixed(_ n: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        reserve(count + n)
        body(pointer + count)
        count += n
    }

    /// Grows the buffer (moving it: callers hold offsets, never pointers, across appends).
    func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let newCapacity = max(capacity * 2, needed)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: pointer, count: count)
        pointer.deallocate()
        pointer = bigger
        capacity = newCapacity
    }

    deinit { pointer.deallocate() }
}
