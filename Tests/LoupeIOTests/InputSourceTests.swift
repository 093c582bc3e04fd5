import Testing

@testable import LoupeIO

@Suite("InputSource")
struct InputSourceTests {
    @Test func argumentsName() {
        #expect(InputSource(argument: "-") == .standardInput)
        #expect(InputSource(argument: "app.log") == .file("app.log"))
        #expect(InputSource.standardInput.displayName == "(standard input)")
        #expect(InputSource.file("a/b.log").displayName == "a/b.log")
    }

    @Test func openingFailuresNameTheInput() throws {
        #expect(throws: InputError.notFound("/nonexistent/x.log")) { try InputSource.file("/nonexistent/x.log").open() }
        #expect(throws: InputError.notFound("/etc/passwd/x")) { try InputSource.file("/etc/passwd/x").open() }
        #expect(throws: InputError.isDirectory("/tmp")) { try InputSource.file("/tmp").open() }
        #expect(InputError.notFound("a.log").description == "a.log: no such file or directory")
        #expect(InputError.isDirectory("d").description == "d: is a directory")
        #expect(InputError.permissionDenied("p").description == "p: permission denied")
        #expect(InputError.readFailed("r", errno: 5).description == "r: read failed: Input/output error")
    }

    @Test func regularFilesAreMappedAndFifosStreamed() throws {
        let path = temporaryFile(Array("{}\n".utf8))
        guard case .mapped(let file) = try InputSource.file(path).open().body else {
            Issue.record("a regular file was not mapped")
            return
        }
        #expect(file.count == 3)
        #expect(Array(UnsafeBufferPointer(start: file.base, count: file.count)) == Array("{}\n".utf8))
        if case .stream = try InputSource.file("/dev/null").open().body {} else { Issue.record("/dev/null was not streamed") }
        if case .stream = try InputSource.standardInput.open().body {} else { Issue.record("stdin was not streamed") }
    }
}
