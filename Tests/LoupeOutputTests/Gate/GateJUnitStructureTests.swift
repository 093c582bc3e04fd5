import Foundation
import Testing

@testable import LoupeGate
@testable import LoupeOutput

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The JUnit XML parses, and its structure is what CI test reporters read: one suite, one
/// test case per group, counts that match the elements, a failure per regression or failed
/// budget, skipped cases for groups the gate cannot judge.
struct GateJUnitStructureTests {
    static func document(_ report: GateReport) throws -> XMLElement {
        let xml = GateJUnitPrinter().render(report)
        let document = try XMLDocument(xmlString: xml, options: [])
        return try #require(document.rootElement())
    }

    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attribute(forName: name)?.stringValue
    }

    @Test func structureMatchesTheReport() throws {
        let report = try SampleReport.make()
        let root = try Self.document(report)
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.count == 1)
        let suite = suites[0]
        let cases = suite.elements(forName: "testcase")
        // One case per group; budgets fail the groups they fail.
        #expect(cases.count == 8)
        #expect(Self.attribute(suite, "tests") == "8")
        #expect(Self.attribute(root, "tests") == "8")
        let failed = cases.filter { !$0.elements(forName: "failure").isEmpty }
        let skipped = cases.filter { !$0.elements(forName: "skipped").isEmpty }
        #expect(Self.attribute(suite, "failures") == String(failed.count))
        #expect(Self.attribute(suite, "skipped") == String(skipped.count))
        #expect(Self.attribute(suite, "errors") == "0")
        // Regressions are failures; the awkward name comes back unescaped.
        let names = failed.compactMap { Self.attribute($0, "name") }
        #expect(names.contains("payments POST /charge"))
        #expect(names.contains("search GET /q <all> & \"more\""))
        for testCase in cases {
            #expect(Self.attribute(testCase, "classname") == "loupe.gate")
            #expect(testCase.elements(forName: "failure").count <= 1)
            for failure in testCase.elements(forName: "failure") {
                #expect(Self.attribute(failure, "type") != nil)
                #expect(!(Self.attribute(failure, "message") ?? "").isEmpty)
            }
        }
        // Groups on one side only and the insufficient one are skipped, not failed.
        let skippedNames = Set(skipped.compactMap { Self.attribute($0, "name") })
        #expect(skippedNames.isSuperset(of: ["old gone", "new call", "rare GET /slow"]))
        let properties = suite.elements(forName: "properties").first?.elements(forName: "property") ?? []
        #expect(properties.compactMap { Self.attribute($0, "name") } == ["headline", "rule"])
    }

    @Test func missingGroupsFailWhenAsked() throws {
        let root = try Self.document(try SampleReport.make(budgets: false, failOnMissing: true))
        let cases = root.elements(forName: "testsuite")[0].elements(forName: "testcase")
        let failed = Set(cases.filter { !$0.elements(forName: "failure").isEmpty }.compactMap { Self.attribute($0, "name") })
        #expect(failed.isSuperset(of: ["old gone", "new call"]))
        let types = cases.flatMap { $0.elements(forName: "failure") }.compactMap { Self.attribute($0, "type") }
        #expect(types.filter { $0 == "missing" }.count == 2)
    }

    @Test func budgetFailureJoinsTheGroupsCase() throws {
        let report = try SampleReport.make()
        let root = try Self.document(report)
        let cases = root.elements(forName: "testsuite")[0].elements(forName: "testcase")
        // payments POST /charge regressed and broke p99 < 150ms: one failure naming both.
        let payments = try #require(cases.first { Self.attribute($0, "name") == "payments POST /charge" })
        let failure = try #require(payments.elements(forName: "failure").first)
        #expect(Self.attribute(failure, "type") == "regression")
        #expect(failure.stringValue?.contains("budget p99 < 150ms") == true)
    }

    @Test func controlCharactersStayWellFormed() throws {
        var table = SampleTable(fields: ["name"])
        for x in 1...25 { table.add(Double(x), to: GroupKey(["tab\there\u{1}bell\nnewline"])) }
        var report = GateReport(parameters: GateParameters(), mode: .logs, fields: ["name"])
        report.comparison = try GateComparison.compare(
            base: GateSide(mode: .logs, table: SampleTable(fields: ["name"]), gatePercentile: 95),
            cur: GateSide(mode: .logs, table: table, gatePercentile: 95), parameters: report.parameters)
        let root = try Self.document(report)
        #expect(root.elements(forName: "testsuite")[0].elements(forName: "testcase").count == 1)
    }
}
