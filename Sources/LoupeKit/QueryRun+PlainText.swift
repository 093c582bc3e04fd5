import LoupeEngine
import LoupeIO
import LoupeOutput

/// A query over a plain-text log reads no record: the prefilter rules most lines out before
/// they are parsed, so without a word the run would look like one over an empty JSON file.
/// The first block of each JSON-lines input is probed (`PlainTextProbe`, bounded, nothing per
/// record); an input whose first block holds no line that may be a JSON record, and of which
/// no line was read as a valid record, gets one note on standard error.
extension QueryRun {
    /// What the probe found in the input being read, until the input ends.
    struct PlainTextInput {
        var name: String
        var finding: PlainTextProbe.Finding
        /// The size of the chunk probed, to tell whether it was the whole input.
        var probedChunk: Int
        /// Valid records read from the input so far.
        var records = 0
    }

    /// Called with every chunk of an input, in order: probes the first one (when the input is
    /// read from its start) and counts the valid records of the others.
    func notePlainText(_ result: ChunkResult, name: String, first: Bool) {
        if first {
            plainTextInput = nil
            guard result.chunk.inputOffset == 0 else { return }
            let bytes = UnsafeBufferPointer(start: result.chunk.base, count: result.chunk.count)
            guard let finding = PlainTextProbe.probe(bytes) else { return }
            plainTextInput = PlainTextInput(name: name, finding: finding, probedChunk: result.chunk.count)
        }
        plainTextInput?.records += result.records
    }

    /// At the end of an input (or, following a file, after its first chunk): the note, when no
    /// valid record came from it. `inputSize` is nil when the size is not known.
    func finishPlainText(inputSize: Int?) {
        defer { plainTextInput = nil }
        guard let input = plainTextInput, input.records == 0 else { return }
        let whole = input.finding.examinedAll && inputSize == input.probedChunk
        progress.clear()
        Diagnostics.error(RunReports.plainTextNote(file: input.name, input.finding, wholeInput: whole))
    }
}
