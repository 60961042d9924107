import Testing

@testable import LBSearchCore

/// `LBSEARCH_TEST_PAUSE_AT` names a point and, after a colon, which reach of it pauses.
struct PausePointTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let value: String?
        let point: PausePoint?
        let count: Int?
        var testDescription: String { value ?? "unset" }
    }

    static let cases: [Case] = [
        Case(value: nil, point: nil, count: nil),
        Case(value: "", point: nil, count: nil),
        Case(value: "before-swap", point: .beforeSwap, count: 1),
        Case(value: "batch-committed:3", point: .batchCommitted, count: 3),
        Case(value: "batch-committed:x", point: nil, count: nil),
        Case(value: "no-such-point", point: nil, count: nil),
    ]

    @Test(arguments: cases)
    func parses(_ example: Case) {
        let target = PausePoint.parse(example.value)
        #expect(target?.point == example.point)
        #expect(target?.count == example.count)
    }

    /// Each point counts its own reaches, from one.
    @Test func reachesAreCountedPerPoint() {
        let counter = PausePoint.Counter()
        #expect(counter.increment(.batchCommitted) == 1)
        #expect(counter.increment(.batchCommitted) == 2)
        #expect(counter.increment(.beforeSwap) == 1)
    }
}
