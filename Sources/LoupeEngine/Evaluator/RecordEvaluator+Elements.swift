import LoupeJSON

/// `[*]` tests: the scanner extracted the array before the first `[*]`; its elements are read
/// here, only for records that reach such a test, so paths without `[*]` cost nothing more.
extension RecordEvaluator {
    /// Whether some element reached from `array` through the steps of `elementPaths[path]`,
    /// from `step` on, passes `test` (which reads the element in `slot`). A value that is not an
    /// array, missing included, has no elements.
    mutating func anyElement(
        _ array: ValueSlot, _ base: UnsafePointer<UInt8>, slot: Int, path: Int, step: Int, _ test: Predicate, slotCount: Int
    ) -> Bool {
        JSONElements.contains(array, in: base) { element in
            var value = element
            if var scanner = elementScanners[path][step] {
                // A step into an element: only an object or array has keys or indexes.
                guard element.kind == .object || element.kind == .array else {
                    value = .missing
                    return step + 1 == elementScanners[path].count && testElement(value, base, slot: slot, test, slotCount: slotCount)
                }
                guard scanner.scan(base + element.start, count: element.end - element.start) == nil else { return false }
                value = scanner.slots[0]
                if value.kind != .missing {
                    value.start += element.start
                    value.end += element.start
                }
            }
            if step + 1 < elementScanners[path].count {
                return anyElement(value, base, slot: slot, path: path, step: step + 1, test, slotCount: slotCount)
            }
            return testElement(value, base, slot: slot, test, slotCount: slotCount)
        }
    }

    /// Runs `test` with `value` in `slot` (the test reads no other slot).
    private mutating func testElement(
        _ value: ValueSlot, _ base: UnsafePointer<UInt8>, slot: Int, _ test: Predicate, slotCount: Int
    ) -> Bool {
        withUnsafeTemporaryAllocation(of: ValueSlot.self, capacity: slotCount) { slots in
            slots.initialize(repeating: .missing)
            slots[slot] = value
            return self.test(test, UnsafeBufferPointer(slots), base)
        }
    }
}
