import Foundation
import LoupeIO
import LoupeTestSupport
import Testing

@testable import LoupeTrace

/// Assembly edge cases of TRACE-SEMANTICS 2, worked out by hand.
@Suite struct TraceAssemblerTests {
    @Test func duplicatesKeepTheFirst() {
        let trace = assemble([span("a", 0, 10, name: "first"), span("a", 0, 20, name: "second"), span("b", parent: "a", 1, 2)])
        #expect(trace.duplicatesDropped == 1)
        #expect(trace.spans.map(\.name) == ["first", "b"])
    }

    @Test func orphansHeadTheirOwnFragments() {
        let trace = assemble([span("r", 0, 10), span("o", parent: "missing", 5, 8), span("c", parent: "o", 6, 7)])
        #expect(trace.tree.missingParents == 1)
        #expect(trace.tree.fragments.map(\.kind) == [.root, .orphan])
        #expect(trace.tree.members(of: 1) == [1, 2])
    }

    @Test func multipleRootsAreOrderedByStartEndAndID() {
        let trace = assemble([span("z", 5, 9), span("b", 0, 10), span("a", 0, 10), span("y", 0, 3)])
        #expect(trace.tree.fragments.map { trace.spans[$0.head].spanID } == ["y", "a", "b", "z"])
        #expect(trace.tree.fragments.allSatisfy { $0.kind == .root })
        #expect(trace.rootSpan == 3)
    }

    @Test func cyclesAreCutAtTheSmallestStartThenID() {
        // a -> c -> b -> a (each names the next as parent); b starts first.
        let trace = assemble([span("a", parent: "c", 5, 9), span("b", parent: "a", 1, 9), span("c", parent: "b", 3, 9), span("r", 0, 1)])
        #expect(trace.tree.cyclesCut == 1)
        #expect(trace.tree.parent == [2, -1, 1, -1])
        #expect(trace.tree.fragments.map(\.kind) == [.root, .orphan])
        #expect(ids(trace, trace.tree.members(of: 1)) == ["b", "c", "a"])
    }

    @Test func tiedCycleMembersAreCutBySpanID() {
        let trace = assemble([span("q", parent: "p", 1, 2), span("p", parent: "q", 1, 2)])
        #expect(trace.tree.parent == [1, -1])  // p < q: p's link is cut
    }

    @Test func childrenAreOrderedByStartEndAndID() {
        let trace = assemble([
            span("p", 0, 10), span("c3", parent: "p", 2, 5), span("c2", parent: "p", 1, 9), span("c1", parent: "p", 2, 5),
        ])
        #expect(ids(trace, trace.tree.children(of: 0).map(Int.init)) == ["c2", "c1", "c3"])
    }

    // MARK: - Shared RPC halves (section 2.2)

    /// Zipkin's shared span: the CLIENT and SERVER halves of one call have id 2. The server half
    /// gets the next id above the largest (4), hangs under the client half, and takes the
    /// server's children with it.
    static func sharedCall(serverStart: Int64? = 12) -> [Span] {
        var server = span("0000000000000002", parent: "0000000000000001", serverStart ?? 0, 88, kind: .server, service: "back")
        if serverStart == nil {
            server.start = Span.untimed
            server.end = Span.untimed
        }
        return [
            span("0000000000000001", 0, 100, kind: .server, service: "front"),
            span("0000000000000002", parent: "0000000000000001", 10, 90, kind: .client, service: "front"), server,
            span("0000000000000003", parent: "0000000000000002", 20, 80, service: "back"),
        ]
    }

    @Test func theServerHalfOfASharedSpanIsSplitOff() {
        let trace = assemble(Self.sharedCall())
        #expect(trace.sharedSpansSplit == 1 && trace.duplicatesDropped == 0)
        #expect(trace.spans.map { "\($0.spanID)<\($0.parentID ?? "-") \($0.service)" } == [
            "0000000000000001<- front", "0000000000000002<0000000000000001 front", "0000000000000004<0000000000000002 back",
            "0000000000000003<0000000000000004 back",
        ])
        #expect(trace.serviceCount == 2)
        #expect(trace.spans[2].start == 12_000_000 && trace.spans[2].end == 88_000_000)
    }

    /// A third record with the shared id first (INTERNAL, then CLIENT, then SERVER): the SERVER
    /// half is still split off, and only the record after the kept one is a duplicate. Before,
    /// the split was found only by comparing each record with the first one kept, so it
    /// happened only when another CLIENT and SERVER pair in the trace set it off.
    @Test func halvesAfterAThirdRecordAreSplit() {
        let trace = assemble([
            span("000000000000000a", 10, 90, name: "first"), span("000000000000000a", 10, 90, kind: .client, name: "call"),
            span("000000000000000a", 20, 80, kind: .server, status: .error, name: "serve"),
        ])
        #expect(trace.sharedSpansSplit == 1 && trace.duplicatesDropped == 1)
        #expect(trace.spans.map { "\($0.spanID)<\($0.parentID ?? "-") \($0.name)" } == [
            "000000000000000a<- first", "000000000000000b<000000000000000a serve",
        ])
    }

    /// Property: what happens to the records of one span id (split, kept, dropped) never depends
    /// on other spans of the trace. Records of one id in random kinds and order, assembled alone
    /// and beside an unrelated CLIENT and SERVER pair, must give the same spans for that id.
    @Test func anIDsTreatmentDoesNotDependOnOtherSpans() {
        var rng = SplitMix64(seed: 22)
        let kinds: [SpanKind] = [.internal, .client, .server, .producer, .unspecified]
        for round in 0..<500 {
            var records: [Span] = []
            for i in 0..<(2 + Int(rng.next() % 4)) {
                let kind = kinds[Int(rng.next() % UInt64(kinds.count))]
                records.append(span("000000000000000a", Int64(10 + i), Int64(90 - i), kind: kind, name: "r\(i)"))
            }
            let alone = assemble(records)
            let pair = [span("00000000000000c0", 0, 5, kind: .client, name: "pc"), span("00000000000000c0", 1, 4, kind: .server, name: "ps")]
            let beside = assemble(records + pair)
            func mine(_ trace: Trace) -> [String] {
                trace.spans.filter { $0.name.hasPrefix("r") }.map { "\($0.name) \($0.parentID ?? "-")" }
            }
            #expect(mine(alone) == mine(beside), "round \(round): \(records.map { "\($0.kind)" })")
            #expect(alone.sharedSpansSplit + 1 == beside.sharedSpansSplit, "round \(round)")
        }
    }

    /// An untimed SERVER record in the CLIENT's own service is the CLIENT's other half, not a
    /// part of it: it takes the CLIENT's times and is split off, and its error stays its own.
    @Test func anUntimedServerHalfInTheClientsServiceIsNotAPart() {
        var server = span("000000000000000a", parent: "0000000000000001", 0, 0, kind: .server, status: .error, service: "api", name: "serve")
        server.start = Span.untimed
        server.end = Span.untimed
        let (trace, report) = Self.read([
            span("0000000000000001", 0, 100, kind: .server, service: "api", name: "root"),
            span("000000000000000a", parent: "0000000000000001", 10, 50, kind: .client, service: "api", name: "call"), server,
        ])
        #expect(report.spanPartsMerged == 0 && report.skippedTotal == 0 && report.spansRead == 3)
        #expect(trace.sharedSpansSplit == 1)
        #expect(trace.spans.map { "\($0.spanID) \($0.name) \($0.status) \($0.start / 1_000_000)-\($0.end / 1_000_000)" } == [
            "0000000000000001 root unset 0-100", "000000000000000a call unset 10-50", "000000000000000b serve error 10-50",
        ])
    }

    /// Untimed spans are resolved once all inputs are read (`SpanCollectionBuilder.finish`).
    static func read(_ spans: [Span]) -> (trace: Trace, report: ReadReport) {
        var builder = SpanCollectionBuilder()
        for span in spans { builder.add(span, traceID: "t") }
        let collection = builder.finish(ReadReport())
        return (TraceAssembler.assemble(collection.traces[0]), collection.report)
    }

    @Test func anUntimedServerHalfTakesItsClientsTimes() {
        let (trace, report) = Self.read(Self.sharedCall(serverStart: nil))
        #expect(trace.sharedSpansSplit == 1 && report.skippedTotal == 0 && report.spansRead == 4)
        #expect(trace.spans[2].spanID == "0000000000000004")
        #expect(trace.spans[2].start == 10_000_000 && trace.spans[2].end == 90_000_000)
    }

    @Test func anUntimedServerWithoutAClientHalfIsSkipped() {
        var spans = Self.sharedCall(serverStart: nil)
        spans.remove(at: 1)
        let (trace, report) = Self.read(spans)
        #expect(report.skipped.map(\.reason) == [.missingStartTime] && report.skippedTotal == 1 && report.spansRead == 2)
        #expect(trace.sharedSpansSplit == 0)
        #expect(trace.spans.map(\.spanID) == ["0000000000000001", "0000000000000003"])
    }

    /// Several splits take the next ids in input order of their SERVER spans; an id that is not
    /// hex plays no part in choosing them; a second SERVER with a shared id is a duplicate.
    @Test func severalSplitsTakeTheNextIDsInInputOrder() {
        let trace = assemble([
            span("00000000000000a0", 0, 100, kind: .server), span("span-zz", parent: "00000000000000a0", 1, 2),
            span("0000000000000020", parent: "0000000000000010", 60, 70, kind: .server),
            span("0000000000000010", parent: "00000000000000a0", 10, 50, kind: .client),
            span("0000000000000010", parent: "00000000000000a0", 11, 49, kind: .server),
            span("0000000000000020", parent: "00000000000000a0", 55, 80, kind: .client),
            span("0000000000000010", parent: "00000000000000a0", 12, 48, kind: .server),
        ])
        #expect(trace.sharedSpansSplit == 2 && trace.duplicatesDropped == 1)
        let split = trace.spans.filter { $0.kind == .server && $0.parentID != nil }.map { "\($0.spanID)<\($0.parentID!)" }
        #expect(split == ["00000000000000a1<0000000000000020", "00000000000000a2<0000000000000010"])
    }

    /// The two halves in two files (two decodes, one collection) assemble as in one.
    @Test func halvesSplitOverTwoFilesAssembleAsOne() throws {
        let client = #"[{"traceId":"1","id":"2","parentId":"1","kind":"CLIENT","name":"get","timestamp":10,"duration":80,"localEndpoint":{"serviceName":"front"}},{"traceId":"1","id":"1","kind":"SERVER","name":"root","timestamp":0,"duration":100,"localEndpoint":{"serviceName":"front"}}]"#
        let server = #"[{"traceId":"1","id":"2","parentId":"1","kind":"SERVER","name":"get","localEndpoint":{"serviceName":"back"},"shared":true}]"#
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-halves-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [("client.json", client), ("server.json", server)].map { name, text in
            let path = directory.appendingPathComponent(name).path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
            return InputSource.file(path)
        }
        let collection = TraceReader.read(files)
        #expect(collection.report.skippedTotal == 0 && collection.report.spansRead == 3)
        let trace = TraceAssembler.assemble(collection.traces[0])
        #expect(trace.sharedSpansSplit == 1)
        #expect(trace.spans.map { "\($0.service) \($0.kind) \($0.start / 1000)-\($0.end / 1000)" } == [
            "front client 10-90", "front server 0-100", "back server 10-90",
        ])
    }

    /// Zipkin sends a span in parts: an untimed, kind-less record of the server half (same id,
    /// same service) before the timed one. It is merged into the server half (its error and
    /// tags kept), not counted as a span without a start time, and the split goes on as usual.
    @Test func anUntimedPartIsMergedIntoItsSpan() {
        var part = span("0000000000000002", parent: "0000000000000001", 0, 0, kind: .unspecified, status: .error, service: "back")
        part.start = Span.untimed
        part.end = Span.untimed
        part.statusMessage = "boom"
        part.attributes = ["http.status_code": .int(503)]
        let (trace, report) = Self.read([part] + Self.sharedCall())
        #expect(report.spanPartsMerged == 1 && report.skippedTotal == 0 && report.spansRead == 4 && trace.sharedSpansSplit == 1)
        #expect(trace.spans.count == 4 && trace.duplicatesDropped == 0)
        let server = trace.spans[2]
        #expect(server.spanID == "0000000000000004" && server.service == "back" && server.kind == .server)
        #expect(server.status == .error && server.statusMessage == "boom" && server.attributes["http.status_code"] == .int(503))
        #expect(server.start == 12_000_000 && server.end == 88_000_000)
        #expect(trace.spans[1].status == .unset)
    }

    /// Property: random Zipkin traces whose calls share their span id between a CLIENT record
    /// and a SERVER record (timed or not, each possibly sent in two parts, in any order, over
    /// one or two files) assemble with every service and every call kept, one split per shared
    /// id, nothing skipped, nothing dropped as a duplicate, and each server half under its
    /// client half with the server's children under it.
    @Test func sharedZipkinSpansKeepEveryHalfWhateverTheLayout() throws {
        var random = SplitMix64(seed: 29)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for round in 0..<60 {
            var records: [String] = []
            let calls = 1 + Int(random.next() % 6)
            func record(_ id: Int, parent: Int?, kind: String?, service: String, time: (Int, Int)?, tags: String = "") -> String {
                var fields = [#""traceId":"00000000000000aa""#, #""id":"\#(String(format: "%016x", id))""#, #""name":"op\#(id)""#]
                if let parent { fields.append(#""parentId":"\#(String(format: "%016x", parent))""#) }
                if let kind { fields.append(#""kind":"\#(kind)""#) }
                if let time { fields.append(#""timestamp":\#(time.0),"duration":\#(time.1)"#) }
                fields.append(#""localEndpoint":{"serviceName":"\#(service)"}"#)
                if !tags.isEmpty { fields.append(#""tags":{\#(tags)}"#) }
                return "{" + fields.joined(separator: ",") + "}"
            }
            records.append(record(1, parent: nil, kind: "SERVER", service: "front", time: (0, 1000)))
            for call in 0..<calls {
                let id = 16 + call
                let start = 10 + call * 100
                records.append(record(id, parent: 1, kind: "CLIENT", service: "front", time: (start, 90)))
                let timed = random.next() % 2 == 0
                records.append(record(id, parent: 1, kind: "SERVER", service: "back\(call)", time: timed ? (start + 5, 80) : nil))
                if random.next() % 3 == 0 {
                    // A part of the server half: tags only, no time, no kind.
                    records.append(record(id, parent: 1, kind: nil, service: "back\(call)", time: nil, tags: #""http.path":"/x""#))
                }
                // The server's own child names the shared id as its parent.
                records.append(record(100 + call, parent: id, kind: nil, service: "back\(call)", time: (start + 10, 20)))
            }
            records.shuffle(using: &random)
            let cut = random.next() % 2 == 0 ? records.count : Int(random.next() % UInt64(records.count + 1))
            var files: [InputSource] = []
            for (n, part) in [records[..<cut], records[cut...]].enumerated() where !part.isEmpty {
                let path = directory.appendingPathComponent("\(round)-\(n).json").path
                #expect(FileManager.default.createFile(atPath: path, contents: Data(("[" + part.joined(separator: ",") + "]").utf8)))
                files.append(.file(path))
            }
            let collection = TraceReader.read(files)
            #expect(collection.report.skippedTotal == 0, "round \(round)")
            let trace = TraceAssembler.assemble(try #require(collection.traces.first))
            #expect(trace.sharedSpansSplit == calls && trace.duplicatesDropped == 0, "round \(round)")
            #expect(trace.serviceCount == calls + 1, "round \(round)")
            #expect(trace.spans.count == 1 + 3 * calls, "round \(round)")
            let byID = Dictionary(trace.spans.map { ($0.spanID, $0) }, uniquingKeysWith: { a, _ in a })
            for call in 0..<calls {
                let shared = SpanID(String(format: "%016x", 16 + call))
                let child = try #require(byID[SpanID(String(format: "%016x", 100 + call))])
                let server = try #require(child.parentID.flatMap { byID[$0] })
                #expect(server.kind == .server && server.service == "back\(call)" && server.parentID == shared, "round \(round)")
                #expect(byID[shared]?.kind == .client, "round \(round)")
                #expect(server.start >= byID[shared]!.start && server.end <= byID[shared]!.end, "round \(round)")
            }
        }
    }
}
