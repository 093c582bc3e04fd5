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

        /// The files the engine reads. A plain JSON-lines file is read where it is; anything
        /// else loupe reads first and writes as compact JSON lines (the engines read JSON lines
        /// only, and tell compression by the name where loupe tells it by the bytes): gzip and
        /// zstd, UTF-16, arrays and pretty values, RS sequences, OTLP logs, and a trace export's
        /// spans as records (the fields a loupe run queries, DESIGN section 4).
        func files(_ inputs: InputSet, configuration: QueryConfiguration) throws(Failure) -> [String] {
            var files: [String] = []
            var staged: [String] = []
            for entry in inputs.entries {
                let shape: InputShape
                do {
                    shape = try entry.shape.get()
                } catch {
                    throw Failure(message: error.description)
                }
                if shape.format == .prefixedLines {
                    throw Failure(
                        message:
                            "\(entry.name): lines with text before their JSON have no translation (the engine reads JSON lines); --no-prefix reads them as malformed lines, as the engine would"
                    )
                }
                if shape.format == .jsonLines, case .file(let path) = entry.source, Self.isPlain(path) {
                    files.append(path)
                } else {
                    staged.append(entry.name)
                }
            }
            guard !staged.isEmpty else { return files }
            let target = try makeFolder() + "/records.jsonl"
            var arguments = ["-o", "jsonl", "--no-filename", "*"]
            if let format = configuration.reading.format { arguments += ["--format", format.rawValue] }
            if !configuration.reading.prefixes { arguments.append("--no-prefix") }
            try runSelf(arguments + ["--"] + staged, output: target)
            return files + [target]
        }

        /// Whether a file starts as uncompressed UTF-8 text (no gzip or zstd magic, no UTF-16).
        static func isPlain(_ path: String) -> Bool {
            guard let handle = FileHandle(forReadingAtPath: path) else { return false }
            defer { try? handle.close() }
            let head = [UInt8](handle.readData(ofLength: 4))
            if head.starts(with: [0x1F, 0x8B]) || head.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { return false }
            if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return false }
            return !head.contains(0)
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
            guard FileManager.default.createFile(atPath: output, contents: nil), let handle = FileHandle(forWritingAtPath: output) else {
                throw Failure(message: "cannot write \(output)")
            }
            process.standardOutput = handle
            do {
                try process.run()
            } catch {
                throw Failure(message: "cannot read the spans: \(error.localizedDescription)")
            }
            process.waitUntilExit()
            try? handle.close()
            // 1: no spans, an empty table; 2: loupe said why on standard error.
            if process.terminationStatus == 2 { throw Failure(message: "cannot read \(arguments.drop { $0 != "--" }.dropFirst().joined(separator: ", "))") }
        }

        func remove() {
            if let folder { try? FileManager.default.removeItem(atPath: folder) }
        }
    }
}
