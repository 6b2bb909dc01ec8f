import Dispatch
import PasswordHashing
import Testing

@Suite("HashingPool")
struct HashingPoolTests {
    @Test("runs work off the cooperative pool and returns its result")
    func runs() async throws {
        let pool = HashingPool(workerCount: 2, queueLimit: 4)
        defer { pool.shutdown() }
        let value = try await pool.run { _ in 21 * 2 }
        #expect(value == 42)
        await #expect(throws: PasswordHashingError.parameterOutOfRange) {
            try await pool.run { _ throws(PasswordHashingError) -> Int in throw .parameterOutOfRange }
        }
    }

    @Test("past its queue limit the pool answers busy at once")
    func busy() async throws {
        let pool = HashingPool(workerCount: 1, queueLimit: 1)
        defer { pool.shutdown() }
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let running = Task {
            try await pool.run { _ in
                started.signal()
                release.wait()
                return 1
            }
        }
        started.wait()  // the only worker is now busy
        let queued = Task { try await pool.run { _ in 2 } }
        while pool.waitingCount == 0 { await Task.yield() }
        await #expect(throws: PasswordHashingError.busy) { try await pool.run { _ in 3 } }
        release.signal()
        #expect(try await running.value == 1)
        #expect(try await queued.value == 2)
        #expect(try await pool.run { _ in 4 } == 4)
    }

    @Test("many concurrent jobs all complete when the queue is large enough")
    func many() async throws {
        let pool = HashingPool(workerCount: 2, queueLimit: 100)
        defer { pool.shutdown() }
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<100 { group.addTask { try await pool.run { _ in index } } }
            return try await group.reduce(0, +)
        }
        #expect(total == 4950)
    }
}
