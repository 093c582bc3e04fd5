import Glibc
import LoupeIO

extension EngineRun {
    /// The file the engine reads: the records loupe reads from the inputs, written to a
    /// temporary folder as JSON lines (a trace export's as span records, DESIGN section 4).
    /// Removed after the run.
    final class Staging {
        private var folder: String?
        /// Where standard input was copied, if it was: messages name it as standard input.
        private var standardInputCopy: String?
        /// The inputs loupe read the engine's records from, as named in messages.
        private var readFrom: [String] = []

        struct Failure: Error {
            var message: String
        }

        /// The inputs with standard input written to a file (the engine reads files only).
        func inputs(_ configuration: QueryConfiguration) throws(Failure) -> [String] {
            let inputs = configuration.inputs.isEmpty ? ["-"] : configuration.inputs
            guard inputs.contains("-") else { return inputs }
            let target = try makeFolder() + "/stdin"
            try Self.copyStandardInput(to: target)
            standardInputCopy = target
            return inputs.map { $0 == "-" ? target : $0 }
        }

        /// The file the engine reads: every input read by loupe first and written as compact
        /// JSON lines, one record each, in input order. So the engine sees exactly the records
        /// loupe reads: a line loupe skips (and reports, in its own words, or fails on under
        /// `--strict`) never reaches it, where the engines' own readers accept some text that is
        /// not JSON (DuckDB: NaN, Infinity, trailing commas). The engines read JSON lines only and
        /// tell compression by the name where loupe tells it by the bytes, so gzip and zstd,
        /// UTF-16, arrays and pretty values, RS sequences, OTLP logs and a trace export's spans
        /// as records (the fields a loupe run queries, DESIGN section 4) go the same way.
        func files(_ inputs: InputSet, configuration: QueryConfiguration) throws(Failure) -> [String] {
            for entry in inputs.entries {
                let shape: InputShape
                do {
                    shape = try entry.shape.get()
                } catch {
                    throw Failure(message: named(error.description))
                }
                if shape.format == .prefixedLines {
                    throw Failure(
                        message:
                            "\(named(entry.name)): lines with text before their JSON have no translation (the engine reads JSON lines); --no-prefix reads them as malformed lines, as the engine would"
                    )
                }
            }
            let names = inputs.entries.map(\.name)
            let target = try makeFolder() + "/records.jsonl"
            var arguments = ["-o", "jsonl", "--no-filename", "*"]
            if let format = configuration.reading.format { arguments += ["--format", format.rawValue] }
            if !configuration.reading.prefixes { arguments.append("--no-prefix") }
            if configuration.reading.strict { arguments.append("--strict") }
            try runSelf(arguments + ["--"] + names, output: target)
            readFrom = names.map(named)
            return [target]
        }

        /// The inputs the engine's records were read from, for messages: `app.log, b.log`.
        var inputNames: String {
            readFrom.joined(separator: ", ")
        }

        /// `text` with the path of the copy of standard input, where it begins, said as standard
        /// input: the user gave no such file.
        private func named(_ text: String) -> String {
            guard let copy = standardInputCopy, text.hasPrefix(copy) else { return text }
            return "(standard input)" + text.dropFirst(copy.count)
        }

        /// Copies standard input to the file at `target`, block by block.
        private static func copyStandardInput(to target: String) throws(Failure) {
            let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw Failure(message: "cannot write \(target): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            let stream = PeekableStream.standardInput
            var block = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let n: Int
                do {
                    n = try block.withUnsafeMutableBytes { try stream.read(into: $0) }
                } catch {
                    throw Failure(message: "\(error)")
                }
                if n == 0 { return }
                if let error = block.withUnsafeBytes({ writeAll(fd, UnsafeRawBufferPointer(rebasing: $0[0..<n])) }) {
                    throw Failure(message: "cannot write \(target): \(String(cString: strerror(error)))")
                }
            }
        }

        private func makeFolder() throws(Failure) -> String {
            if let folder { return folder }
            var temporary = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
            if temporary.isEmpty { temporary = "/tmp" }
            let path = (temporary.hasSuffix("/") ? temporary : temporary + "/") + "loupe-engine-\(getpid())"
            guard mkdir(path, 0o700) == 0 || errno == EEXIST else {
                throw Failure(message: "cannot create \(path): \(String(cString: strerror(errno)))")
            }
            folder = path
            return path
        }

        /// What loupe said while it read the inputs for the engine (records it skipped, inputs
        /// cut short), with standard input named as such: said after the engine's results, where
        /// a loupe run says it.
        private(set) var readingMessages = ""

        private func runSelf(_ arguments: [String], output: String) throws(Failure) {
            let errors = try makeFolder() + "/messages"
            let status: Int32
            do {
                status = try ChildProcess.run("/proc/self/exe", arguments, outputFile: output, errorFile: errors)
            } catch {
                throw Failure(message: "cannot read the inputs: \(error.message)")
            }
            var said = (try? InputSource.file(errors).readAll()).map { String(decoding: $0, as: UTF8.self) } ?? ""
            if let copy = standardInputCopy { said = said.replacing(copy, with: "(standard input)") }
            // 1: no records, an empty table; 2: loupe said why.
            if status == 2 {
                Diagnostics.write(said)
                throw Failure(message: "cannot read \(arguments.drop { $0 != "--" }.dropFirst().map(named).joined(separator: ", "))")
            }
            readingMessages = said
        }

        /// Removes the folder and the files loupe wrote into it (it makes no subfolders).
        func remove() {
            guard let folder, let directory = opendir(folder) else { return }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name != "." && name != ".." { unlink(folder + "/" + name) }
            }
            closedir(directory)
            rmdir(folder)
        }
    }
}
