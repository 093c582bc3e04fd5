import LoupeTestSupport
import Testing

@testable import LoupeTrace

/// Error origins and surfaces (TRACE-SEMANTICS 5.1), the examples of the text and more.
@Suite struct ErrorOriginsTests {
    @Test func errorsPropagateThroughTransparentUnsetSpans() {
        let trace = assemble([
            span("front", 0, 100, kind: .server, status: .error), span("call", parent: "front", 1, 99, kind: .client, status: .error),
            span("pay", parent: "call", 2, 98, kind: .server, status: .error), span("work", parent: "pay", 3, 97, kind: .internal),
            span("psp", parent: "work", 4, 96, kind: .client, status: .error),
        ])
        let errors = ErrorOrigins.analyze(trace)
        #expect(ids(trace, errors.origins) == ["psp"])
        #expect(ids(trace, errors.surfaces) == ["call", "front", "pay"])
        #expect(ids(trace, errors.rootCauses) == ["psp"])
        #expect(errors.failed)
    }

    @Test func aRetriedCallIsAnOriginOfAHealthyTrace() {
        let trace = assemble([
            span("root", 0, 100, kind: .server, status: .ok), span("try1", parent: "root", 1, 40, kind: .client, status: .error),
            span("try2", parent: "root", 41, 90, kind: .client, status: .ok),
        ])
        let errors = ErrorOrigins.analyze(trace)
        #expect(ids(trace, errors.origins) == ["try1"])
        #expect(errors.surfaces.isEmpty)
        #expect(!errors.failed)
        #expect(errors.rootCauses.isEmpty)
    }

    @Test func aSucceedingCallStopsPropagation() {
        // E1 -> CLIENT(UNSET) -> E2: the client is not transparent, so E1 is its own origin.
        let trace = assemble([
            span("e1", 0, 100, kind: .server, status: .error), span("call", parent: "e1", 1, 90, kind: .client),
            span("e2", parent: "call", 2, 80, kind: .server, status: .error),
        ])
        let errors = ErrorOrigins.analyze(trace)
        #expect(ids(trace, errors.origins) == ["e1", "e2"])
        #expect(ids(trace, errors.rootCauses) == ["e1"])
    }

    @Test func anOKInternalSpanStopsPropagation() {
        let trace = assemble([
            span("r", 0, 10, kind: .server, status: .error), span("ok", parent: "r", 1, 9, kind: .internal, status: .ok),
            span("e", parent: "ok", 2, 8, kind: .internal, status: .error),
        ])
        #expect(ids(trace, ErrorOrigins.analyze(trace).origins) == ["e", "r"])
    }

    @Test func asyncChildrenNeverExplainTheirParent() {
        let trace = assemble([
            span("r", 0, 10, kind: .server, status: .error), span("pub", parent: "r", 1, 2, kind: .producer),
            span("sub", parent: "pub", 3, 20, kind: .consumer, status: .error),
        ])
        let errors = ErrorOrigins.analyze(trace)
        #expect(ids(trace, errors.origins) == ["r", "sub"])
        #expect(ids(trace, errors.rootCauses) == ["r"])
    }

    @Test func detachedHeadsDoNotFailATraceButOrphansDo() {
        let detached = assemble([span("r", 0, 10), span("f", parent: "r", 5, 20, status: .error, ref: .followsFrom)])
        #expect(!ErrorOrigins.analyze(detached).failed)
        let orphan = assemble([span("r", 0, 10), span("o", parent: "gone", 5, 20, status: .error)])
        let errors = ErrorOrigins.analyze(orphan)
        #expect(errors.failed)
        #expect(ids(orphan, errors.rootCauses) == ["o"])
    }

    /// The example of section 5.1: two failed calls, one root cause, the call that ended last.
    @Test func theErrorThatEndedLastIsTheRootCause() {
        let trace = assemble([
            span("r", 0, 100, kind: .server, status: .error), span("a", parent: "r", 5, 20, kind: .client, status: .error),
            span("b", parent: "r", 30, 90, kind: .client, status: .error),
        ])
        let errors = ErrorOrigins.analyze(trace)
        #expect(ids(trace, errors.origins) == ["a", "b"])
        #expect(ids(trace, errors.surfaces) == ["r"])
        #expect(ids(trace, errors.rootCauses) == ["b"])
    }

    /// A timeout that was caught and retried, then a database error that took the request
    /// down: the timeout is an origin, never the root cause.
    @Test func aRetriedTimeoutThenAFailureBlamesTheFailure() {
        let trace = assemble([
            span("req", 0, 100, kind: .server, status: .error),
            span("timeout", parent: "req", 1, 30, kind: .client, status: .error, name: "GET /inventory"),
            span("retry", parent: "req", 31, 50, kind: .client, status: .ok, name: "GET /inventory"),
            span("db", parent: "req", 51, 90, kind: .client, status: .error, name: "INSERT orders"),
        ])
        let errors = ErrorOrigins.analyze(trace)
        #expect(ids(trace, errors.origins) == ["db", "timeout"])
        #expect(ids(trace, errors.rootCauses) == ["db"])
        var hotspots = Hotspots()
        hotspots.add(TraceAnalysis(trace))
        #expect(hotspots.errorRows.map { "\($0.key.name) \($0.value.rootCauseTraces)" } == ["INSERT orders 1", "GET /inventory 0", "req 0"])
        #expect(hotspots.errorRows.reduce(0) { $0 + hotspots.shareOfFailedTraces($1.value) } == 1)
    }

    /// The chain follows `cause` down: through a transparent span, past an earlier-ending
    /// sibling, into the surface that ended last and on to its last-ending error.
    @Test func theCauseChainFollowsTheLastEndedErrorAtEachStep() {
        let trace = assemble([
            span("r", 0, 100, kind: .server, status: .error), span("n", parent: "r", 10, 50, kind: .client, status: .error),
            span("w", parent: "r", 1, 95, kind: .internal), span("m", parent: "w", 2, 90, kind: .client, status: .error),
            span("x", parent: "m", 3, 30, kind: .client, status: .error), span("y", parent: "m", 40, 70, kind: .client, status: .error),
        ])
        let errors = ErrorOrigins.analyze(trace)
        #expect(ids(trace, errors.origins) == ["n", "x", "y"])
        #expect(ids(trace, errors.surfaces) == ["m", "r"])
        #expect(ids(trace, errors.rootCauses) == ["y"])
    }

    /// Ties on the end: the later start wins, then the smaller span id.
    @Test func tiesOnTheEndGoToTheLaterStartThenTheSmallerID() {
        let later = assemble([
            span("r", 0, 100, kind: .server, status: .error), span("a", parent: "r", 5, 50, kind: .client, status: .error),
            span("b", parent: "r", 10, 50, kind: .client, status: .error),
        ])
        #expect(ids(later, ErrorOrigins.analyze(later).rootCauses) == ["b"])
        let twins = assemble([
            span("r", 0, 100, kind: .server, status: .error), span("d", parent: "r", 5, 50, kind: .client, status: .error),
            span("c", parent: "r", 5, 50, kind: .client, status: .error),
        ])
        #expect(ids(twins, ErrorOrigins.analyze(twins).rootCauses) == ["c"])
    }

    /// One root cause per failed root or orphan head.
    @Test func eachFailedHeadHasOneRootCause() {
        let trace = assemble([
            span("r", 0, 100, kind: .server, status: .error), span("a", parent: "r", 5, 20, kind: .client, status: .error),
            span("b", parent: "r", 30, 90, kind: .client, status: .error), span("o", parent: "gone", 10, 60, kind: .server, status: .error),
            span("p", parent: "o", 20, 40, kind: .client, status: .error),
        ])
        let errors = ErrorOrigins.analyze(trace)
        #expect(errors.failed)
        #expect(ids(trace, errors.rootCauses) == ["b", "p"])
    }

    /// A failed async consumer: the request succeeded, the async work failed, and its root
    /// cause is found like a request's.
    @Test func aFailedConsumerIsAnAsyncFailure() {
        let trace = assemble([
            span("r", 0, 10, kind: .server), span("pub", parent: "r", 1, 2, kind: .producer),
            span("sub", parent: "pub", 3, 40, kind: .consumer, status: .error),
            span("store", parent: "sub", 5, 30, kind: .client, status: .error, name: "PUT /bucket"),
        ])
        let errors = ErrorOrigins.analyze(trace)
        #expect(!errors.failed)
        #expect(errors.rootCauses.isEmpty)
        #expect(errors.asyncFailed)
        #expect(ids(trace, errors.asyncRootCauses) == ["store"])
        var hotspots = Hotspots()
        hotspots.add(TraceAnalysis(trace))
        #expect(hotspots.failedTraces == 0 && hotspots.asyncFailedTraces == 1)
        #expect(hotspots.errors[OperationKey(service: "svc", name: "PUT /bucket")]?.asyncRootCauseTraces == 1)
        #expect(hotspots.errors[OperationKey(service: "svc", name: "PUT /bucket")]?.rootCauseTraces == 0)
    }

    /// Property: against a direct reading of section 5.1 (blame as sets, recursion, the cause
    /// as the maximum of the set), on random trees of every shape.
    @Test func agreesWithTheDefinitionOnRandomTrees() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<400 {
            let trace = assemble(randomTree(&random))
            let errors = ErrorOrigins.analyze(trace)
            let expected = DefinitionReading(trace)
            #expect(errors.origins.sorted() == expected.origins)
            #expect(errors.surfaces.sorted() == expected.surfaces)
            #expect(errors.rootCauses.sorted() == expected.rootCauses)
            #expect(errors.asyncRootCauses.sorted() == expected.asyncRootCauses)
            #expect(errors.failed == !expected.rootCauses.isEmpty)
            #expect(errors.asyncFailed == !expected.asyncRootCauses.isEmpty)
        }
    }

    func randomTree(_ random: inout SplitMix64) -> [Span] {
        let count = 1 + Int(random.next() % 14)
        var spans: [Span] = []
        let kinds: [SpanKind] = [.internal, .unspecified, .server, .client, .producer, .consumer]
        let statuses: [SpanStatus] = [.error, .error, .unset, .ok]
        for i in 0..<count {
            let parent: String? = i == 0 || random.next() % 8 == 0 ? (random.next() % 2 == 0 ? nil : "gone") : "s\(random.next() % UInt64(i))"
            let start = Int64(random.next() % 50)
            spans.append(
                span(
                    "s\(i)", parent: parent, start, start + Int64(random.next() % 50), kind: kinds[Int(random.next() % 6)],
                    status: statuses[Int(random.next() % 4)], ref: random.next() % 10 == 0 ? .followsFrom : .childOf))
        }
        return spans
    }
}

/// Section 5.1 read literally: `blame` as sets by recursion, `cause` as the set's maximum.
private struct DefinitionReading {
    var origins: [Int] = []
    var surfaces: [Int] = []
    var rootCauses: [Int] = []
    var asyncRootCauses: [Int] = []

    init(_ trace: Trace) {
        let spans = trace.spans
        let tree = trace.tree
        func blame(_ s: Int) -> [Int] {
            tree.children(of: s).filter { tree.blocking[Int($0)] }.flatMap { child -> [Int] in
                let c = Int(child)
                if spans[c].status == .error { return [c] }
                return ErrorOrigins.transparent(spans[c]) ? blame(c) : []
            }
        }
        func cause(_ s: Int) -> Int? {
            blame(s).max { a, b in
                (spans[a].end, spans[a].start) != (spans[b].end, spans[b].start)
                    ? (spans[a].end, spans[a].start) < (spans[b].end, spans[b].start) : spans[a].spanID > spans[b].spanID
            }
        }
        for s in spans.indices where spans[s].status == .error {
            if blame(s).isEmpty { origins.append(s) } else { surfaces.append(s) }
        }
        for fragment in tree.fragments where spans[fragment.head].status == .error {
            var s = fragment.head
            while let next = cause(s) { s = next }
            if fragment.kind == .detached { asyncRootCauses.append(s) } else { rootCauses.append(s) }
        }
        rootCauses.sort()
        asyncRootCauses.sort()
    }
}
