import LoupeTrace
import Testing

@testable import LoupeOutput

@Suite("Trace text report")
struct TraceTextTests {
    static func text(_ a: TraceAnalysis, _ sections: TraceSections = .all, width: Int = 80) -> String {
        TraceText(sections: sections, color: false, width: width).render(a)
    }

    @Test func criticalPathIsATreeWithAHeaderOverEveryNumber() {
        let a = analyze([
            span("r", 0, 100, service: "api", name: "GET /a"),
            span("b", parent: "r", 10, 40, kind: .client, service: "api", name: "call b"),
            span("c", parent: "b", 12, 38, service: "b", name: "work"),
            span("d", parent: "r", 50, 90, kind: .client, service: "api", name: "call d"),
        ])
        #expect(
            Self.text(a, .criticalPath) == """
                trace t  api GET /a
                  100.00 ms · 4 spans · 2 services · 0 errors

                  critical path  100.00 ms
                                   self time  share
                    api GET /a      30.00 ms  30.0%
                    ├─ api call b    4.00 ms   4.0%
                    │  └─ b work    26.00 ms  26.0%
                    └─ api call d   40.00 ms  40.0%


                """)
    }

    @Test func aDroppedSpanSaysHowManyHungBelowIt() {
        // x starts after its parent ended: dropped, with y, z and w below it.
        let a = analyze([
            span("r", 0, 100), span("x", parent: "r", 150, 200), span("y", parent: "x", 150, 160), span("z", parent: "x", 160, 170),
            span("w", parent: "y", 151, 152),
        ])
        let sentences = ClippedChildren(a.trace, a.sanitized).sentences
        #expect(sentences == ["1 span dropped with 3 below it: started after its parent ended"])
        #expect(Self.text(a, .criticalPath).contains("\n  1 span dropped with 3 below it: started after its parent ended\n"))
        #expect(!Self.text(a).contains("clock skew"))
    }

    @Test func clockSkewOnlyForAChildThatStartsBeforeItsParent() {
        let a = analyze([
            span("r", 0, 100), span("early", parent: "r", -10, 50), span("late", parent: "r", 60, 120),
            span("before", parent: "r", -20, -5),
            span("under", parent: "before", -19, -6), span("after", parent: "r", 100, 110),
        ])
        #expect(
            ClippedChildren(a.trace, a.sanitized).sentences == [
                "clock skew: 1 span started before its parent (counted from the parent's start)",
                "1 span ran past its parent (counted up to the parent's end)",
                "clock skew: 1 span dropped with 1 below it: ended before its parent started",
                "1 span dropped: started after its parent ended",
            ])
        let onlyPast = analyze([span("r", 0, 100), span("late", parent: "r", 60, 120)])
        #expect(!Self.text(onlyPast).contains("clock skew"))
        #expect(Self.text(onlyPast).contains("1 span ran past its parent"))
    }

    @Test func fragmentsAreExplainedOnceAndOnlyWhenThereAreSeveral() {
        let a = analyze([
            span("r", 0, 100, name: "request"), span("p", parent: "r", 10, 20, kind: .producer, name: "publish"),
            span("c1", parent: "p", 30, 150, kind: .consumer, name: "consume 1"),
            span("c2", parent: "p", 40, 60, kind: .consumer, name: "consume 2"), span("o", parent: "gone", 50, 70, name: "orphan work"),
        ])
        let text = Self.text(a)
        #expect(
            text.contains(
                "\n  4 fragments: 1 root (the request),\n    2 detached (async work the request did not wait for),\n    1 orphan (its parent is not in the file)\n"
            ))
        #expect(text.components(separatedBy: "did not wait for").count == 2)
        #expect(text.components(separatedBy: "not in the file").count == 2)
        #expect(text.contains("100.00 ms (150.00 ms with all fragments)"))
        #expect(text.contains("    detached  svc consume 1"))

        let single = Self.text(analyze([span("r", 0, 100), span("late", parent: "r", 150, 200)]))
        #expect(!single.contains("fragment"))
    }

    @Test func anAsyncFailureIsNeverCalledHandled() {
        let a = analyze([
            span("r", 0, 100, name: "request"), span("p", parent: "r", 10, 20, kind: .producer, name: "publish"),
            span("c", parent: "p", 30, 80, kind: .consumer, status: .error, name: "consume"),
            span("d", parent: "c", 40, 70, kind: .client, status: .error, message: "refused", service: "db", name: "insert"),
        ])
        let text = Self.text(a, .errors)
        #expect(!text.contains("errors were handled"))
        #expect(
            text.hasSuffix(
                """
                  errors  2 error spans; the request succeeded, but async work failed
                    async failure: svc consume failed (the request did not wait for it); root
                      cause db insert
                    async root cause  db insert  "refused"
                    surfaces          svc consume


                """))
    }

    @Test func aMessageTooWideForItsRowGoesOnItsOwnLines() {
        let message = "the payment provider did not answer within five seconds after three retries"
        let a = analyze([
            span("r", 0, 100, status: .error, name: "checkout"),
            span("c", parent: "r", 10, 90, kind: .client, status: .error, message: message, service: "payments", name: "charge"),
        ])
        let text = Self.text(a, .errors, width: 60)
        #expect(
            text.hasSuffix(
                """
                  errors  2 error spans; the trace failed
                    root cause  payments charge
                                "the payment provider did not answer within
                                five seconds after three retries"
                    surfaces    svc checkout


                """))
        #expect(linesWider(than: 60, in: text).isEmpty)
        // Wide enough: beside the row.
        #expect(Self.text(a, .errors, width: 140).contains("    root cause  payments charge  \"the payment provider"))
    }

    @Test func nestedGroupsHangUnderTheirOuterGroupAndTheTotalIsAnUpperBound() {
        // r calls a then b; inside a, its server calls a1 then a2: two groups, the inner nested.
        let a = analyze([
            span("r", 0, 100, kind: .server), span("a", parent: "r", 0, 50, kind: .client, name: "call a"),
            span("b", parent: "r", 50, 100, kind: .client, name: "call b"), span("s", parent: "a", 0, 50, kind: .server, name: "serve a"),
            span("a1", parent: "s", 0, 25, kind: .client, name: "call a1"), span("a2", parent: "s", 25, 50, kind: .client, name: "call a2"),
        ])
        #expect(a.parallelGroups.map(\.nested).sorted { !$0 && $1 } == [false, true])
        #expect(
            Self.text(a, .parallel).hasSuffix(
                """
                  parallelizable  2 groups; up to 50.00 ms could be saved
                                                      saving   of total
                    2 sequential calls              50.00 ms  100.00 ms
                      under svc r: svc call a, svc call b
                      ↳ 2 sequential calls, nested  25.00 ms   50.00 ms
                          under svc serve a: svc call a1, svc call a2
                    nested: runs inside a call of the group above it; its saving is part of that
                      call's time and is not added to the total


                """))
    }

    @Test func markdownListsTheCallsOfAGroup() {
        let a = analyze([
            span("r", 0, 100, kind: .server), span("a", parent: "r", 0, 50, kind: .client, name: "call a"),
            span("b", parent: "r", 50, 100, kind: .client, name: "call b"),
        ])
        let markdown = TraceMarkdown(sections: .parallel).section(a)
        #expect(markdown.contains("| 2 calls: svc `call a`, svc `call b` | svc `r` | sequential | 50.00 ms | 100.00 ms |"))
        #expect(markdown.contains("**Parallelizable** (up to 50.00 ms could be saved)"))
    }
}
