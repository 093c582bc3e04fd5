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

    @Test func severalOriginsUnderOneSurface() {
        let trace = assemble([
            span("r", 0, 10, kind: .server, status: .error), span("a", parent: "r", 1, 2, kind: .client, status: .error),
            span("b", parent: "r", 3, 4, kind: .client, status: .error),
        ])
        let errors = ErrorOrigins.analyze(trace)
        #expect(ids(trace, errors.rootCauses) == ["a", "b"])
        #expect(ids(trace, errors.surfaces) == ["r"])
    }
}
