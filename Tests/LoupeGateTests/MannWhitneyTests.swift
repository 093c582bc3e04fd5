import Testing

@testable import LoupeGate

/// The U test against scipy 1.x: `mannwhitneyu(cur, base, alternative='greater' / 'less',
/// method='asymptotic', use_continuity=True)`; z and a12 from the section 6 formulas in numpy
/// (`scipy.stats.rankdata` ranks).
struct MannWhitneyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var base: [Double]
        var current: [Double]
        var u: Double
        var a12: Double
        var z: Double?
        var pGreater: Double
        var pLess: Double
        var testDescription: String { name }
    }

    static let lognormalBase: [Double] = [
        5.7, 7.8, 8.0, 9.3, 9.3, 10.3, 10.5, 10.7, 10.9, 11.0, 12.2, 12.3, 12.6, 12.9, 13.4, 13.4, 14.3, 14.6, 14.7, 15.0, 15.3,
        15.7, 15.8, 16.0, 16.0, 17.5, 17.9, 18.3, 18.3, 19.0, 19.4, 19.6, 19.8, 19.8, 20.1, 20.7, 20.7, 20.8, 20.9, 21.2, 21.2,
        21.3, 21.3, 21.7, 23.0, 23.3, 24.0, 25.7, 26.8, 28.0, 28.3, 28.4, 29.4, 30.9, 31.3, 34.1, 39.3, 39.6, 41.2, 54.6,
    ]
    static let lognormalCurrent: [Double] = [
        7.7, 8.0, 8.2, 8.2, 9.3, 9.5, 10.3, 11.5, 11.6, 12.3, 12.6, 12.7, 13.1, 13.2, 14.2, 14.5, 14.5, 14.6, 14.9, 16.2, 16.5,
        16.6, 17.6, 17.6, 17.8, 17.9, 18.5, 18.7, 18.8, 19.1, 19.1, 19.6, 20.0, 20.1, 20.1, 20.3, 20.9, 20.9, 21.1, 21.3, 21.9,
        22.1, 22.1, 22.6, 23.2, 23.7, 23.7, 24.1, 24.4, 24.6, 24.6, 25.3, 26.4, 26.5, 26.6, 28.4, 28.8, 29.7, 30.7, 30.8, 31.0,
        31.3, 31.5, 32.4, 32.8, 33.9, 34.8, 36.1, 37.6, 39.4, 39.8, 41.5, 41.6, 47.5, 68.2,
    ]

    static let cases: [Case] = [
        Case(
            name: "no ties", base: [1.5, 2.25, 3.0, 4.75, 5.5], current: [2.0, 3.5, 6.0, 7.25], u: 14, a12: 0.7,
            z: 0.8573214099741123, pGreater: 0.1956336396413197, pLess: 0.86482792967261),
        Case(
            name: "ties across sides", base: [1, 2, 2, 3, 3, 3, 4], current: [2, 3, 3, 5, 5, 6], u: 32, a12: 0.7619047619047619,
            z: 1.5543259643780718, pGreater: 0.060053341596943095, pLess: 0.9556557679986653),
        Case(
            name: "current slower", base: Array(stride(from: 10.0, through: 19, by: 1)),
            current: Array(stride(from: 15.0, through: 25, by: 1)),
            u: 97.5, a12: 0.8863636363636364, z: 2.9623638609487224, pGreater: 0.0015264338983451433, pLess: 0.9987889060326387),
        Case(
            name: "current faster", base: Array(stride(from: 15.0, through: 25, by: 1)),
            current: Array(stride(from: 10.0, through: 19, by: 1)),
            u: 12.5, a12: 0.11363636363636363, z: -3.032896333828454, pGreater: 0.9987889060326387, pLess: 0.0015264338983451433),
        Case(name: "one value each", base: [1], current: [2], u: 1, a12: 1, z: 0, pGreater: 0.5, pLess: 0.9772498680518208),
        Case(
            name: "lognormal, rounded to 0.1 (many ties)", base: lognormalBase, current: lognormalCurrent, u: 2652.5,
            a12: 0.5894444444444444, z: 1.7801684094084402, pGreater: 0.03752420184651841, pLess: 0.9628366205680078),
    ]

    @Test(arguments: cases)
    func matchesScipy(_ c: Case) {
        let r = MannWhitney.test(base: c.base.sorted(), current: c.current.sorted())
        #expect(close(r.u, c.u))
        #expect(close(r.a12, c.a12))
        #expect(close(r.z, c.z))
        #expect(close(r.pGreater, c.pGreater))
        #expect(close(r.pLess, c.pLess))
    }

    @Test func allValuesEqualGivesOne() {
        let r = MannWhitney.test(base: [5, 5, 5], current: [5, 5])
        #expect(r.pGreater == 1)
        #expect(r.pLess == 1)
        #expect(r.z == nil)
        #expect(r.u == 3)
        #expect(r.a12 == 0.5)
    }

    @Test func swappingSidesSwapsTheTails() {
        let a = MannWhitney.test(base: Self.lognormalBase, current: Self.lognormalCurrent)
        let b = MannWhitney.test(base: Self.lognormalCurrent, current: Self.lognormalBase)
        #expect(close(a.pGreater, b.pLess))
        #expect(close(a.pLess, b.pGreater))
        #expect(close(a.a12 + b.a12, 1))
    }
}
