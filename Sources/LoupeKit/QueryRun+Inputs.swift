import LoupeEngine
import LoupeIO
import LoupeJSON
import LoupeOutput

/// The inputs as the execution reads them, and what the run reports about each: skipped
/// records with their line numbers, `--sorted`'s time order, plain-text inputs, inputs cut
/// short, the progress line and the tallies of `--stats`.
extension QueryRun: ExecutionObserver {
    func nextInput() -> ExecutionInput? {
        if configuration.merge { return nextMergedInput() }
        while inputIndex < inputs.count {
            let entry = inputs[inputIndex]
            let source = entry.source
            inputIndex += 1
            var opened: OpenedInput
            do {
                opened = try source.open()
            } catch {
                progress.clear()
                Diagnostics.error(error.description)
                hadError = true
                continue
            }
            // A trace export's spans become records (QueryRun+Spans.swift); they are not mapped.
            let format = entry.format ?? .jsonLines
            spans = spanRecords(for: opened, format: format)
            let isMapped: Bool
            if case .mapped = opened.body, spans == nil { isMapped = true } else { isMapped = false }
            let name = source.displayName
            // The --since seek bisects JSON lines; framed shapes are read from their start.
            let seeked = spans == nil && format.isJSONLines ? seekRange(opened, name: name) : nil
            let reader: any ByteChunkSource =
                spans ?? RecordFraming.chunks(opened, format: format, chunkSize: configuration.reading.blockSize ?? (2 << 20), range: seeked)
            let locator = LineLocator(countsEveryChunk: configuration.lineNumbers || !isMapped)
            if let seeked, locator.countsEveryChunk { locator.skipLines(before: seeked.lowerBound, of: opened) }
            timeOrder = TimeOrder()
            // Only an input read as JSON lines may be plain text: every other shape was told by its JSON.
            firstChunk = spans == nil && format.isJSONLines
            return ExecutionInput(name: name, source: .chunks(reader), locator: locator, streamed: !isMapped)
        }
        return nil
    }

    func willConsume(_ result: ChunkResult, of input: ExecutionInput) {
        switch input.source {
        case .chunks:
            if spans == nil {
                notePlainText(result, name: input.name, first: firstChunk)
                firstChunk = false
            }
            // A progress line on the same terminal is erased first, so lines never land on it.
            if progress.isVisible, writer.isTerminal, !result.matches.isEmpty { progress.clear() }
        case .followed:
            reports.bytesRead += result.chunk.count
            reports.linesRead += result.lineCount
            if firstChunk {
                // A followed input never ends: the note comes after its first chunk.
                firstChunk = false
                notePlainText(result, name: input.name, first: true)
                finishPlainText(inputSize: nil)
            }
        }
        reports.record(result, file: input.name, locator: input.locator)
        if configuration.sorted { checkTimeOrder(result, name: input.name, locator: input.locator) }
    }

    func didConsume(_ result: ChunkResult, of input: ExecutionInput) {
        guard case .chunks(let reader) = input.source else { return }
        let lines = result.lineCount
        reports.linesRead += lines
        if progress.isVisible || writer.isTerminal {
            // Printed lines must reach the terminal before the progress line is drawn under them.
            try? writer.flush()
        }
        progress.update(input: input.name, read: reader.bytesDelivered, size: reader.knownSize, lines: lines, matches: execution.matched)
    }

    func restarted(_ input: ExecutionInput, message: String) -> SinkDecision {
        guard flushBeforeMessage() else { return .stop }
        Diagnostics.error(message)
        return .continue
    }

    func ended(_ input: ExecutionInput, _ end: InputEnd) -> SinkDecision {
        if let failure = end.strictFailure, flushBeforeMessage() {
            Diagnostics.error("\(input.name):\(failure.line): \(failure.message) (--strict stops at the first bad record)")
        }
        if end.strictFailure != nil { reports.strictFailure = true }
        guard case .chunks(let reader) = input.source else {
            if let readError = end.readError {
                Diagnostics.error(readError.description)
                followFailed = true
            }
            return .continue
        }
        let spansStop = finishSpanRecords(spans)
        spans = nil
        // The input's size: known for a mapped file; for a stream, once it was read to its end.
        finishPlainText(inputSize: reader.knownSize ?? (end.readError == nil && !end.runStopped ? reader.bytesDelivered : nil))
        reports.bytesRead += reader.bytesDelivered
        progress.finishInput(bytes: reader.bytesDelivered)
        if end.outputFailed || outputError != nil { return .stop }
        if let readError = end.readError {
            progress.clear()
            if readError.isCutShort {
                // Cut short like a cut file: reported, and an error under --strict.
                Diagnostics.cutShort(input.name, readError, afterLines: input.locator.linesBefore)
                if configuration.reading.strict { reports.strictFailure = true }
            } else {
                Diagnostics.error(readError.description)
                hadError = true
            }
        }
        return spansStop ? .stop : .continue
    }

    func inputsDone() {
        progress.clear()
    }

    /// `--sorted` promised time order: the first timestamp of an input that goes back is
    /// reported, since the seek may then have missed records.
    private func checkTimeOrder(_ result: ChunkResult, name: String, locator: LineLocator) {
        guard timeOrder.firstDecrease == nil else { return }
        timeOrder.append(result.timeOrder)
        if let offset = timeOrder.firstDecrease {
            reports.unsortedInputs.append((name, locator.lineNumber(ofOffset: offset, in: result)))
        }
    }
}
