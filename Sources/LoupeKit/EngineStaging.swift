import Foundation
import LoupeIO

extension EngineRun {
    /// The files the engine reads: the inputs as they are where it can read them itself;
    /// standard input and trace exports written first to a temporary folder as JSON lines
    /// (the span records loupe queries, DESIGN section 4). Removed after the run.
    final class Staging {
        private var folder: String?

        struct Failure: Error {
            var message: String
        }

        /// The inputs with standard input written to a file (the engine reads files only).
        func inputs(_ configuration: QueryConfiguration) throws(Failure) -> [String] {
            let inputs = configuration.inputs.isEmpty ? ["-"] : configuration.inputs
            guard inputs.contains("-") else { return inputs }
            let target = try makeFolder() + "/stdin"
            guard FileManager.default.createFile(atPath: target, contents: FileHandle.standardInput.readDataToEndOfFile()) else {
                throw Failure(message: "cannot write \(target)")
            }
            return inputs.map { $0 == "-" ? target : $0 }
        }

        /// The files the engine reads: JSON lines as they are; a trace export's spans written
        /// as records by loupe itself (the same fields a loupe run queries).
        func files(_ inputs: [String], configuration: QueryConfiguration, spans: Bool) throws(Failure) -> [String] {
            if !spans {
                for input in inputs where !input.contains("*") && !FileManager.default.fileExists(atPath: input) {
                    throw Failure(message: "cannot open \(input): no such file")
                }
                return inputs
            }
            let target = try makeFolder() + "/spans.jsonl"
            var arguments = ["*", "--no-filename"]
            if let format = configuration.reading.format { arguments += ["--format", format.rawValue] }
            try runSelf(arguments + ["--"] + inputs, output: target)
            return [target]
        }

        private func makeFolder() throws(Failure) -> String {
            if let folder { return folder }
            let path = NSTemporaryDirectory() + "loupe-engine-\(getpid())"
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw Failure(message: "cannot create \(path): \(error.localizedDescription)")
            }
            folder = path
            return path
        }

        private func runSelf(_ arguments: [String], output: String) throws(Failure) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            process.arguments = arguments
            FileManager.default.createFile(atPath: output, contents: nil)
            guard let handle = FileHandle(forWritingAtPath: output) else { throw Failure(message: "cannot write \(output)") }
            process.standardOutput = handle
            do {
                try process.run()
            } catch {
                throw Failure(message: "cannot read the spans: \(error.localizedDescription)")
            }
            process.waitUntilExit()
            try? handle.close()
            // 1: no spans, an empty table; 2: loupe said why on standard error.
            if process.terminationStatus == 2 { throw Failure(message: "cannot read the spans of \(arguments.last ?? "")") }
        }

        func remove() {
            if let folder { try? FileManager.default.removeItem(atPath: folder) }
        }
    }
}
