import Foundation
import Synchronization
import Testing

@testable import LBSearchCore

/// `Striped.map` gives every item's result once, in item order, whatever the threads.
struct StripedTests {
    @Test(arguments: [0, 1, 2, 3, 8])
    func resultsComeInItemOrder(workers: Int) {
        for count in [0, 1, 2, 7, 1_000] {
            let results = Striped.map(count, workers: workers) { item, _ in item * item }
            #expect(results == (0..<count).map { $0 * $0 })
        }
    }

    @Test func eachWorkerTakesItsOwnStripe() {
        let calls = Mutex(0)
        let workers = Striped.map(100, workers: 4) { item, worker in
            calls.withLock { $0 += 1 }
            return worker
        }
        #expect(calls.withLock { $0 } == 100)
        #expect(workers == (0..<100).map { $0 % 4 })
    }

    @Test func moreWorkersThanItemsUseOneEach() {
        #expect(Striped.map(3, workers: 16) { _, worker in worker } == [0, 1, 2])
    }
}
